from .items import (  # noqa: F401
    KIND_MODELS,
    Attachment,
    ContactSheet,
    Exchange,
    NumberPattern,
    OfficeItem,
    OfficialDocument,
    SignReport,
    Step,
    Task,
)
from .log import OALogEntry  # noqa: F401  (after items: the log's scope uses the access rule)
