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
