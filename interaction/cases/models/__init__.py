from .case import Case, CaseAttachment, CaseSettings, ReplyTemplate, new_query_code

__all__ = ["Case", "CaseAttachment", "CaseSettings", "ReplyTemplate", "new_query_code"]
