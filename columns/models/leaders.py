from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from .base import SubColumnBase


class LeadersPage(SubColumnBase):
    """领导信息: the bureau's leaders with photo, CV and duties."""

    subpage_types = []
    column_type_label = "领导信息"

    content_panels = SubColumnBase.content_panels + [InlinePanel("leaders", label="领导", heading="领导成员")]

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.leaders.select_related("photo")
        return context


class Leader(Orderable):
    page = ParentalKey(LeadersPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField("姓名", max_length=30)
    position = models.CharField("职务", max_length=60)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="照片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duties = models.TextField("工作分工")
    cv = RichTextField("简历", features=["bold", "ol", "ul"], blank=True)

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("photo"), FieldPanel("duties"), FieldPanel("cv")]

    class Meta(Orderable.Meta):
        verbose_name = "领导"
        verbose_name_plural = "领导"

    def __str__(self):
        return f"{self.name} {self.position}"
