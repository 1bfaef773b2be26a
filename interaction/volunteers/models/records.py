"""志愿者登记: activities with a capacity and a waiting list, registrations with a self-cancellation
code (only its HMAC is stored), and volunteers (one per phone number) with their hours. The rules
live in registration.py, which takes its models from here; the public page is pages.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from interaction.cases.masking import mask_id_number, mask_name, mask_phone

from ..choices import AVAILABILITY, INTERESTS

class Volunteer(models.Model):
    """A person, recognised by the phone number they give (normalised)."""

    name = models.CharField("姓名", max_length=60)
    phone = models.CharField("联系电话", max_length=20, unique=True)
    email = models.EmailField("电子邮箱", blank=True)
    id_number = models.CharField("身份证号码", max_length=18, blank=True)
    interests = models.JSONField("服务意向", default=list, blank=True)
    availability = models.JSONField("可服务时间", default=list, blank=True)
    note = models.CharField("特长与说明", max_length=300, blank=True)
    signed_up_at = models.DateTimeField("登记为志愿者", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField("首次登记", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"
        ordering = ["-created_at"]
        permissions = [("view_volunteer_personal_data", "查看志愿者完整个人信息")]

    def __str__(self):
        return mask_name(self.name)

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    def interests_display(self):
        labels = dict(INTERESTS)
        return "、".join(labels.get(i, i) for i in self.interests or [])

    def availability_display(self):
        labels = dict(AVAILABILITY)
        return "、".join(labels.get(i, i) for i in self.availability or [])


class ActivityQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        )


class Activity(index.Indexed, models.Model):
    title = models.CharField("活动名称", max_length=120)
    description = models.TextField("活动内容")
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    place = models.CharField("集合地点", max_length=200)
    capacity = models.PositiveIntegerField("名额")
    hours = models.DecimalField("服务时长（小时）", max_digits=4, decimal_places=1, help_text="签到时记入的默认时长")
    registration_closes_at = models.DateTimeField("报名截止", null=True, blank=True, help_text="留空则活动开始前均可报名")
    organiser = models.CharField("组织单位", max_length=100, blank=True)
    published = models.BooleanField("在网站上公布", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("place")], heading="时间地点"
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("hours"), FieldPanel("registration_closes_at")]),
        FieldPanel("organiser"),
        FieldPanel("published"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("place"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = "志愿活动"
        verbose_name_plural = "志愿活动"
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title}（{self.starts_at:%Y-%m-%d}）"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间应晚于开始时间。"})
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError({"capacity": "名额至少为 1。"})


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "已报名"
        WAITING = "waiting", "候补"
        CANCELLED = "cancelled", "已取消"

    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="registrations")
    volunteer = models.ForeignKey(Volunteer, verbose_name="志愿者", on_delete=models.PROTECT, related_name="registrations")
    reference = models.CharField("报名编号", max_length=20, unique=True)
    name = models.CharField("姓名", max_length=60)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices)
    code_hash = models.CharField(max_length=80)
    waitlisted = models.BooleanField("曾候补", default=False, help_text="报名时名额已满，进入候补名单")
    created_at = models.DateTimeField("报名时间", auto_now_add=True)
    promoted_at = models.DateTimeField("候补转正", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    hours_served = models.DecimalField("服务时长（小时）", max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "活动报名"
        verbose_name_plural = "活动报名"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["activity", "status", "created_at"], name="volunteer_reg_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer"],
                condition=~Q(status="cancelled"),
                name="volunteer_one_active_registration",
            )
        ]
        permissions = [("check_in_registration", "签到与登记服务时长")]

    def __str__(self):
        return self.reference

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


def hours_by_volunteer():
    """Volunteers with the hours they served (checked-in registrations), most first."""
    served = Q(registrations__checked_in_at__isnull=False)
    return Volunteer.objects.annotate(
        total_hours=Sum("registrations__hours_served", filter=served, default=0),
        activities_served=Count("registrations", filter=served),
    ).order_by("-total_hours", "id")
