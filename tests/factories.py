"""Factories for tests that build their own data instead of relying on the demo's names.

    dept = DepartmentFactory()                        # a fresh 局机关处室
    editor = StaffFactory(department=dept, editor=True)     # 部门编辑 of dept
    reviewer = StaffFactory(groups=[REVIEWER_GROUP])
    sub = SubColumnFactory(parent=column, department=dept)  # a list sub-column editors of dept may fill
    article = ArticleFactory(parent=sub)
    case = make_case("replied", dispatcher=admin, department=dept)

Users are created with TEST_PASSWORD. Groups are named like the real roles (columns.roles,
interaction.cases.roles), so setup_roles must have run: the session database has them (load_demo),
and a test that starts from an empty database calls setup_roles itself.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from columns.models import ArticlePage, ColumnPage, SubColumnPage
from columns.roles import ensure_editor_group
from interaction.board import moderation
from interaction.board.models import PostKind
from interaction.cases import workflow
from interaction.interviews import questions
from interaction.cases.choices import Channel, DisclosureResult
from intranet.org.models import STAFF_GROUP, Department, StaffProfile

TEST_PASSWORD = "Test@2026-pass"


class DepartmentFactory(DjangoModelFactory):
    """A department of its own (code and name unique per test run)."""

    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"test-dept-{n}")
    name = factory.Sequence(lambda n: f"测试处室{n}")
    short_name = factory.SelfAttribute("name")
    category = Department.Category.BUREAU
    phone = factory.Sequence(lambda n: f"021-5879{n % 10000:04d}")
    email = factory.LazyAttribute(lambda d: f"{d.code}@dept.example.cn")


def _group(group):
    return group if isinstance(group, Group) else Group.objects.get(name=group)


class UserFactory(DjangoModelFactory):
    """A login with no role. `groups=[name or Group, ...]` adds it to existing groups."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"test_user_{n}")
    first_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@staff.example.cn")
    is_staff = True
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*[_group(g) for g in extracted])


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"test_admin_{n}")
    is_superuser = True


class StaffProfileFactory(DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"职员{n:03d}")
    department = factory.SubFactory(DepartmentFactory)
    position = "科员"


class StaffFactory(UserFactory):
    """A member of staff: in 全体职工, with a StaffProfile in `department` (a new one unless given),
    and with `editor=True` in that department's 部门编辑 group. `full_name` names the profile."""

    class Params:
        department = factory.SubFactory(DepartmentFactory)
        full_name = factory.Sequence(lambda n: f"职员{n:03d}")
        position = "科员"

    username = factory.Sequence(lambda n: f"test_staff_{n}")
    first_name = factory.SelfAttribute("full_name")
    profile = factory.RelatedFactory(
        StaffProfileFactory,
        factory_related_name="user",
        department=factory.SelfAttribute("..department"),
        full_name=factory.SelfAttribute("..full_name"),
        position=factory.SelfAttribute("..position"),
    )

    @factory.post_generation
    def editor(self, create, extracted, **kwargs):
        """After the profile: the staff group, and the department's editor group when asked."""
        if not create:
            return
        self.groups.add(_group(STAFF_GROUP))
        if extracted:
            self.groups.add(ensure_editor_group(self.staff_profile.department))

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Permissions cached on the instance before the groups were added would lie.
        for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_staff_profile_cache"):
            instance.__dict__.pop(cache, None)


class _PageFactory(DjangoModelFactory):
    """Pages are created under `parent` (required) through Wagtail's tree API, live."""

    class Meta:
        abstract = True

    live = True

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        assert parent is not None, "a page factory needs parent=<page>"
        return parent.add_child(instance=model_class(**kwargs))


class ColumnFactory(_PageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"测试栏目{n}")
    slug = factory.Sequence(lambda n: f"test-column-{n}")
    show_in_menus = True


class SubColumnFactory(_PageFactory):
    """A list sub-column (kind=LIST) unless told otherwise; `department` assigns it to a
    department, whose editors may then add articles under it."""

    class Meta:
        model = SubColumnPage

    title = factory.Sequence(lambda n: f"测试子栏目{n}")
    slug = factory.Sequence(lambda n: f"test-sub-{n}")
    kind = SubColumnPage.Kind.LIST
    show_in_menus = True

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        # Published through a revision as an editor would, so the department's editors get
        # their permissions (columns.signals).
        page = super()._create(model_class, parent=parent, **kwargs)
        page.save_revision().publish()
        return page


class ArticleFactory(_PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试信息{n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    pub_date = factory.LazyFunction(timezone.now)
    body = factory.LazyAttribute(lambda a: [("paragraph", f"<p>{a.title}的正文。</p>")])


# Cases: built through the workflow engine, as a visitor and the staff would move them.

CASE_STATES = (
    "submitted", "accepted", "rejected", "merged", "awaiting_completion", "processing", "third_party",
    "reply_pending", "replied", "closed", "published",
)
CITIZEN = {"name": "欧阳明华", "phone": "13912345678", "email": "ouyang.minghua@example.com"}


def case_fields(channel=Channel.COMPLAINT, **fields):
    """Valid submission fields for `channel` (a complaint about noise unless told otherwise)."""
    values = {**CITIZEN, "title": "夜间工地施工噪声扰民", "content": "某工地每晚施工到凌晨两点。", "consent_publish": True}
    if channel == Channel.COMPLAINT:
        values.update(category="noise", location="川沙路100号")
    if channel == Channel.DISCLOSURE:
        values.update(
            applicant_type="person", id_type="id_card", id_number="11010519491231002X", delivery="email",
            title="申请公开某项目环评批复", content="请公开某项目的环境影响评价批复文件。",
        )
    values.update(fields)
    return values


def make_case(state, *, dispatcher, department=None, channel=None, when=None, into=None, **fields):
    """A case moved through the real transitions into `state` (one of CASE_STATES) by `dispatcher`,
    who needs the dispatch, handle and review rights (a superuser or 信息中心管理员).
    `department` is required from processing on; `into` is the main case of a merge."""
    if state not in CASE_STATES:
        raise ValueError(f"unknown case state {state!r}")
    if channel is None:
        channel = Channel.DISCLOSURE if state in ("awaiting_completion", "third_party") else Channel.COMPLAINT
    case, _code = workflow.submit(channel, when=when, **case_fields(channel, **fields))
    if state == "submitted":
        return case
    if state == "rejected":
        workflow.reject(case, dispatcher, "不属于本局职责范围。")
        return case
    if state == "merged":
        workflow.merge(case, dispatcher, into or make_case("accepted", dispatcher=dispatcher, channel=channel))
        return case
    workflow.accept(case, dispatcher)
    if state == "accepted":
        return case
    if state == "awaiting_completion":
        workflow.request_completion(case, dispatcher, "请补充所需信息的名称或文号。")
        return case
    assert department is not None, f"a case in state {state} needs a department"
    workflow.assign(case, dispatcher, department)
    if state == "processing":
        return case
    if state == "third_party":
        workflow.start_third_party(case, dispatcher, "征求相关企业意见")
        return case
    extra = {"result": DisclosureResult.DISCLOSE} if channel == Channel.DISCLOSURE else {}
    workflow.draft_reply(case, dispatcher, "经查，已责令工地停止夜间施工。", **extra)
    if state == "reply_pending":
        return case
    workflow.approve_reply(case, dispatcher)
    if state == "closed":
        workflow.close(case, dispatcher)
    elif state == "published":
        workflow.publish(case, dispatcher)
    return case


# Forum, message board and interviews: pages under a column of the test's own, posts and
# questions moved through the real rules (interaction.board.moderation, interaction.interviews.questions).


class ForumPageFactory(_PageFactory):
    class Meta:
        model = "board.ForumPage"

    title = factory.Sequence(lambda n: f"测试论坛{n}")
    slug = factory.Sequence(lambda n: f"test-forum-{n}")


class MessageBoardPageFactory(_PageFactory):
    class Meta:
        model = "board.MessageBoardPage"

    title = factory.Sequence(lambda n: f"测试留言板{n}")
    slug = factory.Sequence(lambda n: f"test-board-{n}")


class InterviewIndexPageFactory(_PageFactory):
    class Meta:
        model = "interviews.InterviewIndexPage"

    title = factory.Sequence(lambda n: f"测试访谈栏目{n}")
    slug = factory.Sequence(lambda n: f"test-interviews-{n}")


class InterviewPageFactory(_PageFactory):
    """An announced interview (tomorrow, two hours) unless `starts_at` / `ends_at` say otherwise."""

    class Meta:
        model = "interviews.InterviewPage"

    title = factory.Sequence(lambda n: f"测试访谈{n}")
    slug = factory.Sequence(lambda n: f"test-interview-{n}")
    guest = "测试嘉宾"
    guest_title = "测试处处长"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timezone.timedelta(hours=2))


POST_STATES = ("pending", "published", "hidden", "rejected")


def make_post(page, state="published", *, moderator=None, topic=None, **fields):
    """A post on `page` (a topic on a forum, a message on a board, a reply when `topic` is given)
    submitted and moved into `state` by `moderator` (None is recorded as the system)."""
    if state not in POST_STATES:
        raise ValueError(f"unknown post state {state!r}")
    kind = PostKind.REPLY if topic is not None else page.specific.post_kind
    values = {"nickname": "测试网友", "body": "测试帖子的内容，足够长。", **fields}
    if kind != PostKind.REPLY:
        values.setdefault("title", "测试主题")
    post = moderation.submit(page, kind, topic=topic, **values)
    if state in ("published", "hidden"):
        post = moderation.perform("approve", post, moderator)
    if state == "hidden":
        post = moderation.perform("hide", post, moderator)
    if state == "rejected":
        post = moderation.perform("reject", post, moderator)
    return post


def make_question(interview, state="pending", *, moderator=None, answer="嘉宾的答复。", **fields):
    values = {"nickname": "测试网友", "body": "请问这个问题怎么解决？", **fields}
    question = questions.ask(interview, **values)
    if state in ("published", "rejected"):
        if state == "published":
            questions.save_answer(question, moderator, answer)
        question = questions.perform("publish" if state == "published" else "reject", question, moderator)
    return question
