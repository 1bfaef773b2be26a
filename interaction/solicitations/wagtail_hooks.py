from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path
from wagtail import hooks

from . import views
from .models import SolicitationPage


@hooks.register("filter_form_submissions_for_user")
def only_owning_group(user, editable_forms):
    """A campaign's submissions are for its owning group only, not for everyone who may edit
    the page (Wagtail's default). Other form pages are left as Wagtail decides."""
    campaign_type = ContentType.objects.get_for_model(SolicitationPage)
    owned = SolicitationPage.objects.filter(owner_group__in=user.groups.all()) if user.is_authenticated else None
    others = ~Q(content_type=campaign_type)
    if owned is None:
        return editable_forms.filter(others)
    return editable_forms.filter(others | Q(pk__in=owned.values("pk")))


@hooks.register("register_admin_urls")
def solicitation_admin_urls():
    return [path("solicitations/files/<int:file_id>/", views.download_file, name="solicitations_file")]


@hooks.register("register_log_actions")
def solicitation_log_actions(actions):
    actions.register_action("solicitations.submit", "收到征集意见", "收到一条征集意见")
    actions.register_action("solicitations.export", "导出征集意见", "导出征集意见")
    actions.register_action("solicitations.delete_submission", "删除征集意见", "删除一条征集意见")
    actions.register_action("solicitations.download_file", "下载征集附件", "下载征集意见的附件")
