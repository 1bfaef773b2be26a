"""The bureau's org chart: departments (局机关处室 and 局属单位) and staff profiles; the working-day
calendar (statutory holidays and 调休上班 days)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

# Every member of staff belongs to this group: it lets them log in to the admin, where their
# daily OA documents live. Accounts created by the information centre must be added to it.
STAFF_GROUP = "全体职工"


class Department(index.Indexed, models.Model):
    class Category(models.TextChoices):
        BUREAU = "bureau", "局机关处室"
        UNIT = "unit", "局属单位"

    code = models.SlugField("代码", max_length=40, unique=True, help_text="英文小写代码，用于栏目分工和系统配置")
    name = models.CharField("名称", max_length=60, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    category = models.CharField("类别", max_length=10, choices=Category.choices, db_index=True)
    phone = models.CharField("办公电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("地址", max_length=120, blank=True)
    duties = models.TextField("主要职能", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)
    editor_group = models.OneToOneField(
        Group,
        verbose_name="部门编辑组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editor_of_department",
        help_text="该组成员可编辑分配给本部门的子栏目",
    )
    member_group = models.OneToOneField(
        Group,
        verbose_name="部门成员组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members_of_department",
        help_text="本部门全体工作人员，按工作人员档案中的部门自动维护；用于部门文件的查看限制",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name="部门文件集",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="department",
        help_text="局内网下仅本部门可见的文件和图片",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("sort_order"), FieldPanel("is_active")]),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading="联系方式"
        ),
        FieldPanel("duties"),
        FieldPanel("editor_group", read_only=True),
        FieldPanel("member_group", read_only=True),
        FieldPanel("collection", read_only=True),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["category", "sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class StaffProfile(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    full_name = models.CharField("姓名", max_length=30)
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField("职务", max_length=40, blank=True)
    office_phone = models.CharField("办公电话", max_length=40, blank=True)
    mobile = models.CharField(
        "手机号码",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^1\d{10}$", "请输入 11 位手机号码。")],
        help_text="用于信息精灵的短信提醒；不在通讯录和列表中显示",
    )
    is_leader = models.BooleanField("领导", default=False, db_index=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("full_name")]),
        FieldRowPanel([FieldPanel("department"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("office_phone"), FieldPanel("mobile")]),
        FieldRowPanel([FieldPanel("is_leader"), FieldPanel("sort_order")]),
    ]

    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("position"),
        index.FilterField("department"),
        index.FilterField("is_leader"),
    ]

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["department__category", "department__sort_order", "-is_leader", "sort_order", "full_name"]

    def __str__(self):
        return f"{self.full_name}（{self.department.display_name}）"


MEMBER_GROUP_PREFIX = "部门成员-"


def ensure_member_group(department):
    """The group of everyone whose staff profile is in `department`, created on first use."""
    group = department.member_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"{MEMBER_GROUP_PREFIX}{department.display_name}")
        department.member_group = group
        department.save(update_fields=["member_group"])
    return group


def sync_member_groups(user, department):
    """Make `user` a member of exactly her department's member group (none without department)."""
    wanted = ensure_member_group(department) if department is not None else None
    stale = user.groups.filter(members_of_department__isnull=False)
    if wanted is not None:
        stale = stale.exclude(pk=wanted.pk)
    user.groups.remove(*stale)
    if wanted is not None:
        user.groups.add(wanted)


def department_of(user):
    """The department a user belongs to, or None (anonymous users, accounts without profile)."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.department if profile else None


# --- Working-day calendar -------------------------------------------------------------------
# Only exceptions to the plain Monday-to-Friday week are stored: statutory holidays (on any day
# of the week, as the State Council announces them) and adjusted working days (调休上班, weekend
# days that are worked). The rules that read them live in intranet/org/workdays.py.


class CalendarSource(models.TextChoices):
    PACKAGE = "chinesecalendar", "chinesecalendar 数据包"
    MANUAL = "manual", "手工录入"


WEEKDAY_NAMES = "一二三四五六日"


class ManualSourceForm(WagtailAdminModelForm):
    """Admin form: whatever staff save becomes theirs (source 手工录入), so seeding never overwrites it."""

    def save(self, commit=True):
        self.instance.source = CalendarSource.MANUAL
        return super().save(commit=commit)


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日名称", max_length=40, blank=True, help_text="如“春节”“国庆节”")
    note = models.CharField("备注", max_length=200, blank=True)
    source = models.CharField("来源", max_length=20, choices=CalendarSource.choices, default=CalendarSource.MANUAL)

    base_form_class = ManualSourceForm
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]),
        FieldPanel("note"),
        FieldPanel("source", read_only=True),
    ]

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["-date"]

    def __str__(self):
        label = f"{self.name}{self.get_kind_display()}" if self.name else self.get_kind_display()
        return f"{self.date:%Y-%m-%d}（{self.weekday_label}）{label}"

    @property
    def weekday_label(self):
        return f"周{WEEKDAY_NAMES[self.date.weekday()]}" if self.date else ""

    def clean(self):
        super().clean()
        if self.date and self.kind == self.Kind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": "周一至周五本来就是工作日，调休上班日应为周六或周日。"})


class CalendarYear(models.Model):
    """Which years have the official schedule entered; a year without a complete record
    falls back to plain weekends and the admin dashboard warns about it."""

    year = models.PositiveSmallIntegerField(
        "年份", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField("来源", max_length=20, choices=CalendarSource.choices, default=CalendarSource.MANUAL)
    complete = models.BooleanField(
        "已录入完整", default=False, help_text="国务院公布的当年全部放假和调休上班日期均已录入后勾选"
    )
    note = models.CharField("备注", max_length=200, blank=True, help_text="如国务院办公厅通知的文号")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    base_form_class = ManualSourceForm
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("complete")]),
        FieldPanel("note"),
        FieldPanel("source", read_only=True),
    ]

    class Meta:
        verbose_name = "节假日年份"
        verbose_name_plural = "节假日年份"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年"
