"""The models of cases. The order matters: case.py and log.py import no other module of this app
that needs the models package; pages.py (the routable public pages) comes last and imports the
workflow, deadlines and stats, which take their models from case.py and log.py directly."""

from .case import Case, CaseAttachment, CaseSettings, ReplyTemplate, new_query_code
from .log import CaseLogEntry
from .pages import CaseChannelPage, ComplaintPage, ConsultationPage, DisclosureRequestPage, MailboxPage

__all__ = [
    "Case",
    "CaseAttachment",
    "CaseChannelPage",
    "CaseLogEntry",
    "CaseSettings",
    "ComplaintPage",
    "ConsultationPage",
    "DisclosureRequestPage",
    "MailboxPage",
    "ReplyTemplate",
    "new_query_code",
]
