"""Admin choosers list only files the editor may also see (the visibility rule of
core/visibility.py): a collection permission reaching a department's collection from above does
not show that department's files to other departments' editors. And home's part of the roles
(core/roles.py): the editorial roles and workflow over the two home pages."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static

from columns.roles import setup_roles as setup_editorial_roles
from core.roles import ADMIN_GROUP, ROLES_HOOK, RolesNotReady, grant, role_order
from core.visibility import visible_files

from .sites import site_home_pages


@hooks.register("construct_image_chooser_queryset")
def visible_images_only(images, request):
    return visible_files(images, request)


@hooks.register("construct_document_chooser_queryset")
def visible_documents_only(documents, request):
    return visible_files(documents, request)


@hooks.register("insert_global_admin_css")
def bureau_branding_css():
    # The emblem in the sidebar (templates/wagtailadmin/base.html) and the login page's look.
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("home/admin.css"))


@hooks.register(ROLES_HOOK, order=role_order("home"))
def editorial_roles():
    """The editorial roles of columns/roles.py (信息中心管理员, 审核员, 部门编辑, collections) and
    the 信息发布审核 workflow, over the two home pages this app owns; the information centre
    edits the sites' identity settings."""
    homes = site_home_pages()
    if not homes:
        raise RolesNotReady("尚未创建站点首页，请先运行 build_columns。")
    setup_editorial_roles(homes)
    grant(ADMIN_GROUP, ["home.change_siteidentity"])
