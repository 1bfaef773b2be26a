"""The floors of the project (DESIGN.md, README 目录结构): an app imports only from its own floor
or the floors below it, and never in a cycle. tests/test_architecture.py checks the code against
this table; core.roles runs the apps' role parts in this order.

A new app gets a line here. An app of a floor may import a sibling on the same floor as long as
no cycle appears (interaction.cases registers a search source with search)."""

FLOORS = (
    # 0: the ground floor: sequences and counters, site helpers, visibility, pagination, registries
    ("core",),
    # 1: the organisation (departments, staff, working days), form protection (captcha, rate
    # limits, the client's address) and staff security (lockout, audit log, headers)
    ("intranet.org", "interaction.protection", "security"),
    # 2: the column tree and its page types
    ("columns",),
    # 3: the sites and the public services built on the columns
    ("home", "search", "interaction.cases", "intranet.notify", "interaction.polls", "interaction.specials",
     "interaction.solicitations", "interaction.volunteers", "interaction.board", "interaction.interviews"),
    # 4: the OA, for staff only
    ("intranet.oa", "intranet.supervision", "intranet.meetings"),
    # 5: monitoring composes what every app reports
    ("intranet.monitoring",),
    # 6: demo content and the project configuration sit on top
    ("demo", "config"),
)


def floor_of(app):
    """The floor number of an app (its dotted name), or None when the table does not list it."""
    for number, apps in enumerate(FLOORS):
        if app in apps:
            return number
    return None
