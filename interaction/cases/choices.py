"""Vocabulary of public cases: channels, states and the categories of the national report."""

from django.db import models


class Channel(models.TextChoices):
    MAILBOX = "mailbox", "局长信箱"
    COMPLAINT = "complaint", "网上投诉"
    CONSULTATION = "consultation", "网上咨询"
    DISCLOSURE = "disclosure_request", "政府信息公开申请"


class ReceivedVia(models.TextChoices):
    """How the bureau received a case (一网一线): online through a channel page, or registered by
    a handler in the admin from the hotline, a letter or a visit. Independent of the channel,
    which says what kind of case it is."""

    ONLINE = "online", "网上"
    HOTLINE = "hotline", "热线 12369"
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"


# What a handler may choose when registering a case in the admin.
REGISTERED_VIA = [ReceivedVia.HOTLINE, ReceivedVia.LETTER, ReceivedVia.VISIT]


REFERENCE_PREFIX = {
    Channel.MAILBOX: "XX",
    Channel.COMPLAINT: "TS",
    Channel.CONSULTATION: "ZX",
    Channel.DISCLOSURE: "YS",
}


class Status(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    REJECTED = "rejected", "不予受理"
    PROCESSING = "processing", "办理中"
    AWAITING_COMPLETION = "awaiting_completion", "待补正"
    THIRD_PARTY = "third_party", "征求第三方意见"
    REPLY_PENDING = "reply_pending", "答复待审核"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"
    MERGED = "merged", "已合并"


# States in which the bureau still owes the visitor an answer (the deadline runs or is paused).
OPEN_STATES = [
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.PROCESSING,
    Status.AWAITING_COMPLETION,
    Status.THIRD_PARTY,
    Status.REPLY_PENDING,
]
# States whose deadline is paused: the clock waits for the applicant or a third party.
PAUSED_STATES = [Status.AWAITING_COMPLETION, Status.THIRD_PARTY]
ANSWERED_STATES = [Status.REPLIED, Status.CLOSED]


class DeadlineState(models.TextChoices):
    """Where a running case stands against its due date (CaseQuerySet.with_deadline_state)."""

    NONE = "", ""
    OVERDUE = "overdue", "已超期"
    DUE_SOON = "soon", "即将到期"


# Log entries the visitor sees in the lookup, with the wording shown to them.
PUBLIC_STEPS = {
    "cases.submit": "提交",
    "cases.register": "登记",
    "cases.accept": "已受理",
    "cases.reject": "不予受理",
    "cases.assign": "已转承办部门办理",
    "cases.transfer": "已转办",
    "cases.merge": "已与相同诉求合并办理",
    "cases.approve_extension": "办理期限已延长",
    "cases.request_completion": "请补正申请内容",
    "cases.complete": "已补正",
    "cases.start_third_party": "征求第三方意见（期间不计入答复期限）",
    "cases.end_third_party": "第三方意见已返回",
    "cases.approve_reply": "已答复",
    "cases.close": "已办结",
    "cases.rate": "已评价",
}


class ComplaintCategory(models.TextChoices):
    AIR = "air", "大气"
    WATER = "water", "水"
    NOISE = "noise", "噪声"
    SOLID_WASTE = "solid_waste", "固废"
    CITY_APPEARANCE = "city_appearance", "市容"
    SANITATION = "sanitation", "环卫"
    GREENING = "greening", "绿化"
    OTHER = "other", "其他"


class ApplicantType(models.TextChoices):
    """As the national annual report table of government information disclosure counts them."""

    PERSON = "person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"


class Delivery(models.TextChoices):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄纸质件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查阅"


class DisclosureResult(models.TextChoices):
    DISCLOSE = "disclose", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHOLD = "withhold", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    OTHER = "other", "其他处理"


# Sub-reasons exactly as the national annual report table lists them.
RESULT_REASONS = {
    DisclosureResult.WITHHOLD: [
        ("state_secret", "属于国家秘密"),
        ("law_prohibits", "其他法律行政法规禁止公开"),
        ("three_safety", "危及“三安全一稳定”"),
        ("third_party_rights", "保护第三方合法权益"),
        ("internal_affairs", "属于三类内部事务信息"),
        ("process_info", "属于四类过程性信息"),
        ("enforcement_file", "属于行政执法案卷"),
        ("inquiry", "属于行政查询事项"),
    ],
    DisclosureResult.UNAVAILABLE: [
        ("not_held", "本机关不掌握相关政府信息"),
        ("needs_creation", "没有现成信息需要另行制作"),
        ("still_unclear", "补正后申请内容仍不明确"),
    ],
    DisclosureResult.NOT_PROCESSED: [
        ("petition", "信访举报投诉类申请"),
        ("repeated", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("mass_repeated", "无正当理由大量反复申请"),
        ("confirmation", "要求行政机关确认或重新出具已获取信息"),
    ],
    DisclosureResult.OTHER: [
        ("no_completion", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ],
}
RESULT_REASON_CHOICES = [item for reasons in RESULT_REASONS.values() for item in reasons]


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ExtensionStatus(models.TextChoices):
    NONE = "", "无"
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    DENIED = "denied", "未批准"
