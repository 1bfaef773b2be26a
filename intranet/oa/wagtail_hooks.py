from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from .access import is_staff_member
from .admin import views
from .admin.viewsets import OAViewSetGroup, OfficePanel
from .models import ContactSheet, OALogEntry, OfficeItem, OfficialDocument, SignReport
from .policy import POLICIES
from .roles import setup_oa_roles
from .search import OA_ITEMS

for _model, _policy in POLICIES.items():
    register_permission_policy(_model, _policy, exact_class=True)
register_snippet(OAViewSetGroup)


@hooks.register(ROLES_HOOK, order=role_order("intranet.oa"))
def oa_roles():
    setup_oa_roles()


@hooks.register("register_admin_urls")
def oa_urls():
    return [
        path("oa/", views.office, name="oa_office"),
        path("oa/item/<int:pk>/", views.item_redirect, name="oa_item"),
        path("oa/register/", views.register, name="oa_register"),
        path("oa/register/<int:pk>/<slug:action>/", views.register_action, name="oa_register_action"),
    ]


@hooks.register("construct_homepage_panels")
def oa_home_panel(request, panels):
    if is_staff_member(request.user):
        panels.append(OfficePanel(request.user))


LOG_ACTIONS = {
    "oa.send": "公文发送",
    "oa.complete": "公文办理",
    "oa.forward": "公文加签",
    "oa.return": "公文退回",
    "oa.recall": "公文收回",
    "oa.urge": "公文催办",
    "oa.close": "公文办结",
    "oa.number": "公文编号",
    "oa.exchange": "公文交换发送",
    "oa.accept_exchange": "公文交换签收",
    "oa.decline_exchange": "公文交换退回",
    "oa.register": "收文登记",
    "oa.open": "打开公文",
    "oa.attach": "上传附件",
    "oa.download": "下载附件",
}


@hooks.register("register_log_actions")
def oa_log_actions(actions):
    for model in (OfficeItem, OfficialDocument, ContactSheet, SignReport):
        actions.register_model(model, OALogEntry)
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_search_source")
def oa_search_source():
    return OA_ITEMS
