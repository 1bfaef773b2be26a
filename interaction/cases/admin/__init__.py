"""The admin half of cases: the inboxes, the 办理 page, its transition forms, the listing filters
and the dashboard panel. Wired into Wagtail by ../wagtail_hooks.py."""
