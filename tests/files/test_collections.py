"""Collections mirror the sites: setup_roles builds 浦东环境网 (public), 局内网 (logged-in staff)
and one collection per department under 局内网, with editor permissions per department; choosers
show only what the editor may see; uploads from an intranet page default to 局内网."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from columns.roles import ADMIN_GROUP, INTRANET_COLLECTION, PUBLIC_COLLECTION, setup_roles
from home.sites import site_home_pages
from intranet.org.models import Department, StaffProfile
from tests.factories import ArticleFactory, ColumnFactory, StaffFactory, SubColumnFactory

from .conftest import make_document

pytestmark = pytest.mark.django_db

User = get_user_model()


def document_policy():
    Document = get_document_model()
    return CollectionOwnershipPermissionPolicy(Document, auth_model=Document, owner_field_name="uploaded_by_user")


def test_setup_roles_built_the_site_and_department_collections(db):
    root = Collection.get_first_root_node()
    public = root.get_children().get(name=PUBLIC_COLLECTION)
    intranet = root.get_children().get(name=INTRANET_COLLECTION)
    assert not CollectionViewRestriction.objects.filter(collection=public).exists()
    assert list(CollectionViewRestriction.objects.filter(collection=intranet).values_list("restriction_type", flat=True)) == [
        CollectionViewRestriction.LOGIN
    ]
    for department in Department.objects.select_related("collection", "member_group", "editor_group"):
        assert department.collection.get_parent().pk == intranet.pk
        restriction = CollectionViewRestriction.objects.get(collection=department.collection)
        assert restriction.restriction_type == CollectionViewRestriction.GROUPS
        assert set(restriction.groups.all()) == {
            department.member_group, department.editor_group, Group.objects.get(name=ADMIN_GROUP)
        }


def test_setup_roles_is_idempotent(db):
    from django.core.management import call_command

    before = (Collection.objects.count(), CollectionViewRestriction.objects.count())
    call_command("setup_roles", stdout=__import__("io").StringIO())
    assert (Collection.objects.count(), CollectionViewRestriction.objects.count()) == before


@pytest.fixture
def departments(collections):
    """Two departments of the test's own with their collections (files conftest), after
    setup_roles has run again, as an administrator does once departments are added."""
    setup_roles(site_home_pages())
    a, b = collections["departments"]["a"], collections["departments"]["b"]
    a.refresh_from_db()
    b.refresh_from_db()
    return a, b


def test_staff_profiles_put_users_in_their_departments_member_group(departments):
    dept_a, dept_b = departments
    user = StaffFactory(department=dept_b)
    assert dept_b.member_group in user.groups.all()
    profile = StaffProfile.objects.get(user=user)
    profile.department = dept_a
    profile.save()
    groups = set(User.objects.get(pk=user.pk).groups.all())
    assert dept_a.member_group in groups and dept_b.member_group not in groups
    profile.delete()
    assert dept_a.member_group not in User.objects.get(pk=user.pk).groups.all()


def test_editors_manage_only_their_own_departments_collection(departments):
    dept_a, dept_b = departments
    policy = document_policy()
    editor = StaffFactory(department=dept_a, editor=True)
    colleague_upload = make_document(dept_a.collection, title="同处同事上传")
    other_upload = make_document(dept_b.collection, title="乙处上传")
    intranet_upload = make_document(dept_a.collection.get_parent(), title="局内网他人上传")
    assert policy.user_has_permission_for_instance(editor, "change", colleague_upload)
    assert not policy.user_has_permission_for_instance(editor, "change", other_upload)
    assert not policy.user_has_permission_for_instance(editor, "change", intranet_upload)
    addable = set(policy.collections_user_has_permission_for(editor, "add"))
    root = Collection.get_first_root_node()
    assert {c.name for c in addable} >= {PUBLIC_COLLECTION, INTRANET_COLLECTION, dept_a.collection.name}
    assert root not in addable


def test_department_files_open_only_to_the_department(departments, public_client, intranet_client, login):
    dept_a, dept_b = departments
    document = make_document(dept_a.collection, title="甲处内部材料", filename="dept-a-internal.pdf")
    login(intranet_client, StaffFactory(department=dept_a))
    assert intranet_client.get(document.url).status_code == 200
    login(public_client, StaffFactory(department=dept_b))
    assert public_client.get(document.url).status_code != 200


def test_choosers_list_only_files_the_editor_may_see(departments, client, login):
    dept_a, dept_b = departments
    make_document(dept_a.collection, title="甲处专用文件")
    make_document(dept_b.collection, title="乙处专用文件")
    login(client, StaffFactory(department=dept_a, editor=True))
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert "甲处专用文件" in html
    assert "乙处专用文件" not in html
    login(client, StaffFactory(department=dept_b, editor=True))
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert "乙处专用文件" in html and "甲处专用文件" not in html


def article_under(home):
    """An article of the test's own on the site of `home`."""
    return ArticleFactory(parent=SubColumnFactory(parent=ColumnFactory(parent=home)))


def _selected_collection(html):
    from bs4 import BeautifulSoup

    select = BeautifulSoup(html, "html.parser").select_one("select[name$='collection']")
    option = select.select_one("option[selected]") if select else None
    return option.get_text(strip=True) if option else None


@pytest.mark.parametrize("chooser", ["/admin/images/chooser/", "/admin/documents/chooser/"])
def test_uploads_from_an_intranet_pages_editor_default_to_the_intranet_collection(
    public_client, login, intranet_home, public_home, chooser
):
    client = public_client
    login(client, StaffFactory(groups=[ADMIN_GROUP]))  # 信息中心管理员
    intranet_article, public_article = article_under(intranet_home), article_under(public_home)
    html = client.get(chooser, HTTP_REFERER=f"http://localhost/admin/pages/{intranet_article.pk}/edit/").json()["html"]
    assert _selected_collection(html).endswith(INTRANET_COLLECTION)
    parent = intranet_article.get_parent()
    add_url = f"/admin/pages/add/columns/articlepage/{parent.pk}/"
    html = client.get(chooser, HTTP_REFERER=f"http://localhost{add_url}").json()["html"]
    assert _selected_collection(html).endswith(INTRANET_COLLECTION)
    html = client.get(chooser, HTTP_REFERER=f"http://localhost/admin/pages/{public_article.pk}/edit/").json()["html"]
    assert not (_selected_collection(html) or "").endswith(INTRANET_COLLECTION)


def test_an_upload_from_the_intranet_editor_lands_in_the_intranet_collection(public_client, login, intranet_home):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import png_bytes

    client = public_client
    login(client, StaffFactory(groups=[ADMIN_GROUP]))  # 信息中心管理员
    article = article_under(intranet_home)
    referer = f"http://localhost/admin/pages/{article.pk}/edit/"
    html = client.get("/admin/images/chooser/", HTTP_REFERER=referer).json()["html"]
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    select = soup.select_one("select[name$='collection']")
    form_prefix = select["name"].rsplit("collection", 1)[0]
    selected = select.select_one("option[selected]")["value"]
    response = client.post(
        "/admin/images/chooser/create/",
        {
            f"{form_prefix}title": "内网上传图片",
            f"{form_prefix}collection": selected,
            f"{form_prefix}file": SimpleUploadedFile("inner.png", png_bytes(), content_type="image/png"),
        },
        HTTP_REFERER=referer,
    )
    assert response.status_code == 200
    image = get_image_model().objects.get(title="内网上传图片")
    assert image.collection.name == INTRANET_COLLECTION
