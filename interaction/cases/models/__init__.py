from .case import Case, CaseAttachment, CaseSettings, ReplyTemplate, new_query_code
from .pages import CaseChannelPage, ComplaintPage, ConsultationPage, DisclosureRequestPage, MailboxPage

__all__ = [
    "Case",
    "CaseAttachment",
    "CaseChannelPage",
    "CaseSettings",
    "ComplaintPage",
    "ConsultationPage",
    "DisclosureRequestPage",
    "MailboxPage",
    "ReplyTemplate",
    "new_query_code",
]
