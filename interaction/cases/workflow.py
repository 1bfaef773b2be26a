"""The lifecycle of a case as named transitions.

Every transition locks the case row, refuses a move that is illegal from the current state (or
by the user's rights) with a TransitionError carrying a Chinese message, changes the case, and
writes Wagtail's audit log (who, when, what). Visitors act through `complete` and `rate` only,
authorised by their query code in the view.

    已提交 → 已受理 | 不予受理 → 办理中 (⇄ 待补正, ⇄ 征求第三方意见) → 答复待审核 → 已答复 → 已办结
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from intranet.org.models import department_of
from intranet.org.workdays import working_days_between

from . import deadlines, privacy
from .choices import (
    OPEN_STATES,
    PUBLIC_STEPS,
    REGISTERED_VIA,
    RESULT_REASONS,
    Channel,
    DisclosureResult,
    ExtensionStatus,
    Rating,
    ReceivedVia,
    Status,
)
from .models.case import Case, CaseAttachment, new_query_code
from .policy import CASE_POLICY, DISPATCH, HANDLE, REVIEW


class TransitionError(Exception):
    """An illegal move; the message is shown to the person who tried it."""


# Transition name -> (allowed source states, requirement, Chinese label). The admin builds its
# buttons from this table, so a move offered in the UI is always one the engine accepts.
TRANSITIONS = {
    "accept": ([Status.SUBMITTED], DISPATCH, "受理"),
    "reject": ([Status.SUBMITTED, Status.ACCEPTED], DISPATCH, "不予受理"),
    "assign": ([Status.ACCEPTED], DISPATCH, "分派承办部门"),
    "transfer": ([Status.PROCESSING], DISPATCH, "转办"),
    "merge": ([Status.SUBMITTED, Status.ACCEPTED, Status.PROCESSING], DISPATCH, "合并重复件"),
    "request_extension": ([Status.PROCESSING, Status.THIRD_PARTY], HANDLE, "申请延期"),
    "approve_extension": ([Status.PROCESSING, Status.THIRD_PARTY, Status.REPLY_PENDING], REVIEW, "批准延期"),
    "deny_extension": ([Status.PROCESSING, Status.THIRD_PARTY, Status.REPLY_PENDING], REVIEW, "不批准延期"),
    "request_completion": ([Status.ACCEPTED, Status.PROCESSING], HANDLE, "告知补正"),
    "start_third_party": ([Status.PROCESSING], HANDLE, "征求第三方意见"),
    "end_third_party": ([Status.THIRD_PARTY], HANDLE, "第三方意见已返回"),
    "draft_reply": ([Status.PROCESSING], HANDLE, "提交答复"),
    "approve_reply": ([Status.REPLY_PENDING], REVIEW, "审核通过答复"),
    "return_reply": ([Status.REPLY_PENDING], REVIEW, "退回答复"),
    "close": ([Status.REPLIED], REVIEW, "办结"),
    "publish": ([Status.REPLIED, Status.CLOSED], REVIEW, "公开"),
    "unpublish": ([Status.REPLIED, Status.CLOSED], REVIEW, "取消公开"),
    # Done by saving changed public texts in the edit view, not by a button on the 办理 page.
    "revise_public": ([Status.REPLIED, Status.CLOSED], HANDLE, "修改已公开的内容（撤回公开，待审核后重新公开）"),
}
DISCLOSURE_ONLY = {"request_completion", "start_third_party", "end_third_party"}
EDIT_VIEW_TRANSITIONS = {"revise_public"}
PUBLIC_TEXT_FIELDS = {"public_title": "公开标题", "public_content": "公开内容", "public_reply": "公开答复"}

def available_transitions(case, user):
    """Transitions `user` may perform on `case` now, as (name, label) pairs."""
    result = []
    for name, (sources, requirement, label) in TRANSITIONS.items():
        if case.status not in sources or name in EDIT_VIEW_TRANSITIONS:
            continue
        if name in DISCLOSURE_ONLY and case.channel != Channel.DISCLOSURE:
            continue
        if name in ("approve_extension", "deny_extension") and case.extension_status != ExtensionStatus.PENDING:
            continue
        if name == "request_extension" and case.extension_status != ExtensionStatus.NONE:
            continue
        if name == "publish" and (case.is_public or not case.consent_publish):
            continue
        if name == "unpublish" and not case.is_public:
            continue
        if CASE_POLICY.may(user, requirement, case):
            result.append((name, label))
    return result


def _begin(case, name, user):
    """Lock the case and check state and rights for transition `name`; return the locked row."""
    sources, requirement, label = TRANSITIONS[name]
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if name in DISCLOSURE_ONLY and locked.channel != Channel.DISCLOSURE:
        raise TransitionError(f"只有政府信息公开申请可以{label}。")
    if locked.status not in sources:
        raise TransitionError(f"办件当前状态为“{locked.get_status_display()}”，不能{label}。")
    if not CASE_POLICY.may(user, requirement, locked):
        raise TransitionError(f"您没有权限对该办件{label}。")
    return locked


def _finish(case, locked, action, user, data=None):
    locked.save()
    log(instance=locked, action=f"cases.{action}", user=user, data=data or {})
    case.refresh_from_db()
    return case


def _refresh_due(case):
    case.due_date = deadlines.compute_due_date(case)


def _required(value, message):
    if not value or not str(value).strip():
        raise TransitionError(message)
    return str(value).strip()


# Submission ----------------------------------------------------------------------------------

def submit(channel, *, attachments=(), when=None, **fields):
    """Create a case from a visitor's form. Returns (case, query_code); the code is shown once."""
    return _create(channel, ReceivedVia.ONLINE, None, "cases.submit", attachments=attachments, when=when, **fields)


def register(channel, user, received_via, *, when=None, **fields):
    """A handler registers a case received by the 12369 hotline, a letter or a visit (一网一线).
    Numbered like an online case, it then runs the same accept → assign → reply path. A
    department's handler registers it for her own department (so it stays in her inbox until
    the information centre assigns it); the information centre leaves it unassigned. Returns
    (case, query_code): the code is told to the caller, who can follow the case online."""
    if not CASE_POLICY.may_register(user):
        raise TransitionError("您没有权限登记办件。")
    if received_via not in REGISTERED_VIA:
        raise TransitionError("请选择受理方式：热线 12369、来信或来访。")
    if not CASE_POLICY.sees_all(user):
        fields.setdefault("department", department_of(user))
    return _create(channel, received_via, user, "cases.register", when=when, **fields)


def _create(channel, received_via, user, action, *, attachments=(), when=None, **fields):
    """Insert a new case and its submission's audit entry.

    Everything slow happens before the transaction: hashing the code, computing the deadline,
    validating, writing the attachments' files. The transaction only takes the day's reference
    number and inserts the rows, so the counter's row lock (on SQLite, the database's write
    lock) is held for milliseconds. Files written for a submission that fails are removed."""
    when = when or timezone.now()
    code = new_query_code()
    case = Case(channel=channel, received_via=received_via, submitted_at=when, **fields)
    case.set_query_code(code)
    case.clock_start = timezone.localtime(when).date()
    _refresh_due(case)
    case.full_clean(exclude=["query_code_hash", "reference"])
    stored = []
    try:
        for upload in attachments:
            stored.append(_store_attachment(upload))
        with transaction.atomic():
            case.reference = Case.make_reference(channel, when)
            case.save()
            for attachment in stored:
                attachment.case = case
            CaseAttachment.objects.bulk_create(stored)
            data = {"channel": channel}
            if received_via != ReceivedVia.ONLINE:
                data["received_via"] = received_via
            log(instance=case, action=action, user=user, data=data)
    except BaseException:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return case, code


def _store_attachment(upload):
    """An unsaved CaseAttachment whose file is already in storage (no case yet: the storage
    path must not depend on the case)."""
    attachment = CaseAttachment(
        original_name=upload.name[:120], content_type=getattr(upload, "content_type", "") or "",
        size=upload.size,
    )
    attachment.file.save(upload.name, upload, save=False)
    return attachment


# Dispatch (information centre) ---------------------------------------------------------------

@transaction.atomic
def accept(case, user):
    locked = _begin(case, "accept", user)
    locked.status = Status.ACCEPTED
    locked.accepted_at = timezone.now()
    return _finish(case, locked, "accept", user)


@transaction.atomic
def reject(case, user, reason):
    locked = _begin(case, "reject", user)
    locked.rejection_reason = _required(reason, "请填写不予受理的理由。")
    locked.status = Status.REJECTED
    locked.closed_at = timezone.now()
    return _finish(case, locked, "reject", user, {"reason": locked.rejection_reason})


@transaction.atomic
def assign(case, user, department, co_departments=()):
    if department is None:
        raise TransitionError("请选择承办部门。")
    locked = _begin(case, "assign", user)
    locked.department = department
    locked.status = Status.PROCESSING
    _refresh_due(locked)
    result = _finish(case, locked, "assign", user, {
        "department": department.name, "co_departments": [d.name for d in co_departments],
    })
    case.co_departments.set([d for d in co_departments if d.pk != department.pk])
    return result


@transaction.atomic
def transfer(case, user, department, reason, co_departments=None):
    if department is None:
        raise TransitionError("请选择新的承办部门。")
    locked = _begin(case, "transfer", user)
    reason = _required(reason, "请填写转办理由。")
    previous = locked.department.name if locked.department_id else ""
    locked.department = department
    result = _finish(case, locked, "transfer", user, {"from": previous, "to": department.name, "reason": reason})
    if co_departments is not None:
        case.co_departments.set([d for d in co_departments if d.pk != department.pk])
    else:
        case.co_departments.remove(department)
    return result


@transaction.atomic
def merge(duplicate, user, into):
    if into is None or into.pk == duplicate.pk:
        raise TransitionError("请选择要并入的另一件办件。")
    locked = _begin(duplicate, "merge", user)
    target = Case.objects.select_for_update().get(pk=into.pk)
    if target.status == Status.MERGED:
        raise TransitionError("目标办件本身已被合并，请选择其主办件。")
    if target.channel != locked.channel:
        raise TransitionError("只能合并同一渠道的办件。")
    locked.status = Status.MERGED
    locked.merged_into = target
    locked.closed_at = timezone.now()
    result = _finish(duplicate, locked, "merge", user, {"into": target.reference})
    log(instance=target, action="cases.merged_duplicate", user=user, data={"duplicate": locked.reference})
    return result


# Handling (the department) -------------------------------------------------------------------

@transaction.atomic
def request_extension(case, user, days, reason):
    locked = _begin(case, "request_extension", user)
    if locked.extension_status != ExtensionStatus.NONE:
        raise TransitionError("每件办件只能申请一次延期。")
    settings = deadlines.case_settings()
    maximum = settings.disclosure_extension_days if locked.channel == Channel.DISCLOSURE else deadlines.time_limit(locked.channel, settings)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise TransitionError("请填写延期的工作日数。") from None
    if not 1 <= days <= maximum:
        raise TransitionError(f"延期天数应在 1 至 {maximum} 个工作日之间。")
    locked.extension_reason = _required(reason, "请填写延期理由。")
    locked.extension_status = ExtensionStatus.PENDING
    locked.extension_requested_days = days
    return _finish(case, locked, "request_extension", user, {"days": days, "reason": locked.extension_reason})


@transaction.atomic
def approve_extension(case, user):
    locked = _begin(case, "approve_extension", user)
    if locked.extension_status != ExtensionStatus.PENDING:
        raise TransitionError("没有待批准的延期申请。")
    locked.extension_status = ExtensionStatus.APPROVED
    locked.extension_days = locked.extension_requested_days
    _refresh_due(locked)
    return _finish(case, locked, "approve_extension", user, {"days": locked.extension_days, "due": str(locked.due_date)})


@transaction.atomic
def deny_extension(case, user, comment=""):
    locked = _begin(case, "deny_extension", user)
    if locked.extension_status != ExtensionStatus.PENDING:
        raise TransitionError("没有待批准的延期申请。")
    locked.extension_status = ExtensionStatus.DENIED
    return _finish(case, locked, "deny_extension", user, {"comment": comment})


@transaction.atomic
def request_completion(case, user, notice, today=None):
    """告知补正: the clock stops and restarts in full when the applicant completes the request."""
    locked = _begin(case, "request_completion", user)
    today = today or timezone.localdate()
    limit = deadlines.completion_notice_deadline(locked)
    if today > limit:
        raise TransitionError(f"补正告知应在收到申请之日起 {deadlines.case_settings().completion_notice_days} 个工作日内（{limit:%Y-%m-%d} 前）发出。")
    locked.completion_notice = _required(notice, "请写明需要补正的内容。")
    locked.status = Status.AWAITING_COMPLETION
    return _finish(case, locked, "request_completion", user, {"notice": locked.completion_notice})


@transaction.atomic
def complete(case, supplement, today=None):
    """The applicant completes the request through the lookup; the time limit starts again."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != Status.AWAITING_COMPLETION:
        raise TransitionError("该申请当前不需要补正。")
    locked.supplement = _required(supplement, "请填写补正内容。")[:3000]
    locked.status = Status.PROCESSING if locked.department_id else Status.ACCEPTED
    locked.clock_start = today or timezone.localdate()
    locked.paused_days = 0
    _refresh_due(locked)
    return _finish(case, locked, "complete", None, {"clock_start": str(locked.clock_start)})


@transaction.atomic
def start_third_party(case, user, note, today=None):
    locked = _begin(case, "start_third_party", user)
    locked.paused_since = today or timezone.localdate()
    locked.status = Status.THIRD_PARTY
    return _finish(case, locked, "start_third_party", user, {"note": _required(note, "请写明征求意见的第三方和事项。")})


@transaction.atomic
def end_third_party(case, user, today=None):
    locked = _begin(case, "end_third_party", user)
    today = today or timezone.localdate()
    paused = working_days_between(locked.paused_since, today) if locked.paused_since else 0
    locked.paused_days += paused
    locked.paused_since = None
    locked.status = Status.PROCESSING
    _refresh_due(locked)
    return _finish(case, locked, "end_third_party", user, {"paused_days": paused, "due": str(locked.due_date)})


@transaction.atomic
def draft_reply(case, user, text, reply_department=None, result="", result_reason=""):
    locked = _begin(case, "draft_reply", user)
    locked.reply = _required(text, "请填写答复内容。")
    locked.reply_department = reply_department or locked.department
    if locked.channel == Channel.DISCLOSURE:
        if result not in DisclosureResult.values:
            raise TransitionError("请选择政府信息公开申请的办理结果。")
        reasons = dict(RESULT_REASONS.get(DisclosureResult(result), []))
        if reasons and result_reason not in reasons:
            raise TransitionError(f"“{DisclosureResult(result).label}”需要选择具体理由。")
        locked.result = result
        locked.result_reason = result_reason if reasons else ""
    locked.status = Status.REPLY_PENDING
    return _finish(case, locked, "draft_reply", user, {"result": locked.result})


# Review (information centre) -----------------------------------------------------------------

@transaction.atomic
def approve_reply(case, user, comment=""):
    locked = _begin(case, "approve_reply", user)
    locked.status = Status.REPLIED
    locked.replied_at = timezone.now()
    locked.review_comment = comment
    return _finish(case, locked, "approve_reply", user, {"comment": comment})


@transaction.atomic
def return_reply(case, user, comment):
    locked = _begin(case, "return_reply", user)
    locked.review_comment = _required(comment, "请写明退回的原因。")
    locked.status = Status.PROCESSING
    return _finish(case, locked, "return_reply", user, {"comment": locked.review_comment})


@transaction.atomic
def close(case, user):
    locked = _begin(case, "close", user)
    locked.status = Status.CLOSED
    locked.closed_at = timezone.now()
    return _finish(case, locked, "close", user)


@transaction.atomic
def publish(case, user, public_title=None, public_content=None, public_reply=None):
    """Publish a replied case the visitor agreed to make public, with the redacted texts, once
    they pass the personal-data scan (privacy.py)."""
    locked = _begin(case, "publish", user)
    if not locked.consent_publish:
        raise TransitionError("来信人未同意公开，不能公开。")
    if locked.is_public:
        raise TransitionError("该办件已公开。")
    locked.public_title = (public_title if public_title is not None else locked.public_title or locked.title).strip()
    locked.public_content = (public_content if public_content is not None else locked.public_content or locked.content).strip()
    locked.public_reply = (public_reply if public_reply is not None else locked.public_reply or locked.reply).strip()
    if not (locked.public_title and locked.public_content and locked.public_reply):
        raise TransitionError("公开标题、内容和答复都不能为空。")
    problems = privacy.scan_public_texts(
        {"公开标题": locked.public_title, "公开内容": locked.public_content, "公开答复": locked.public_reply}
    )
    if problems:
        raise TransitionError(privacy.describe(problems))
    locked.is_public = True
    locked.published_at = timezone.now()
    return _finish(case, locked, "publish", user)


@transaction.atomic
def unpublish(case, user):
    locked = _begin(case, "unpublish", user)
    if not locked.is_public:
        raise TransitionError("该办件尚未公开。")
    locked.is_public = False
    return _finish(case, locked, "unpublish", user)


@transaction.atomic
def revise_public(case, user, changed_fields):
    """The public texts of a published case were changed (in the edit view, same transaction):
    the case leaves the website until a reviewer publishes it again, which scans the new texts.
    `changed_fields` names the public text fields that changed."""
    locked = _begin(case, "revise_public", user)
    if not locked.is_public:
        raise TransitionError("该办件尚未公开。")
    locked.is_public = False
    labels = [PUBLIC_TEXT_FIELDS[name] for name in PUBLIC_TEXT_FIELDS if name in changed_fields]
    return _finish(case, locked, "revise_public", user, {"changed": labels})


# The visitor ---------------------------------------------------------------------------------

@transaction.atomic
def rate(case, rating, comment=""):
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in (Status.REPLIED, Status.CLOSED):
        raise TransitionError("答复后才能评价。")
    if locked.rating:
        raise TransitionError("您已经评价过了，感谢您的反馈。")
    if rating not in Rating.values:
        raise TransitionError("请选择满意、基本满意或不满意。")
    locked.rating = rating
    locked.rating_comment = (comment or "").strip()[:300]
    locked.rated_at = timezone.now()
    if locked.status == Status.REPLIED:
        locked.status = Status.CLOSED
        locked.closed_at = locked.rated_at
    return _finish(case, locked, "rate", None, {"rating": rating})


def perform(name, case, user, **kwargs):
    """Run the staff transition `name` (as offered by available_transitions)."""
    if name not in TRANSITIONS:
        raise TransitionError("未知的操作。")
    return globals()[name](case, user, **kwargs)


__all__ = ["OPEN_STATES", "PUBLIC_STEPS", "TRANSITIONS", "TransitionError", "available_transitions", "perform", "register", "submit"]
