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

from columns.roles import ADMIN_GROUP, INTRANET_COLLECTION, PUBLIC_COLLECTION
from intranet.org.models import Department, StaffProfile

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


def test_staff_profiles_put_users_in_their_departments_member_group(db):
    pollution = Department.objects.get(code="pollution")
    river = Department.objects.get(code="river")
    user = User.objects.get(username="zhigong")  # demo: 河道管理署
    assert river.member_group in user.groups.all()
    profile = StaffProfile.objects.get(user=user)
    profile.department = pollution
    profile.save()
    groups = set(User.objects.get(pk=user.pk).groups.all())
    assert pollution.member_group in groups and river.member_group not in groups
    profile.delete()
    assert pollution.member_group not in User.objects.get(pk=user.pk).groups.all()


def test_editors_manage_only_their_own_departments_collection(db):
    policy = document_policy()
    pollution = Department.objects.get(code="pollution")
    office = Department.objects.get(code="office")
    editor = User.objects.get(username="bianji_wrfz")  # 污染防治处 editor
    colleague_upload = make_document(pollution.collection, title="同处同事上传")
    other_upload = make_document(office.collection, title="办公室上传")
    intranet_upload = make_document(pollution.collection.get_parent(), title="局内网他人上传")
    assert policy.user_has_permission_for_instance(editor, "change", colleague_upload)
    assert not policy.user_has_permission_for_instance(editor, "change", other_upload)
    assert not policy.user_has_permission_for_instance(editor, "change", intranet_upload)
    addable = set(policy.collections_user_has_permission_for(editor, "add"))
    root = Collection.get_first_root_node()
    assert {c.name for c in addable} >= {PUBLIC_COLLECTION, INTRANET_COLLECTION, pollution.collection.name}
    assert root not in addable


def test_department_files_open_only_to_the_department(db, public_client, intranet_client, login):
    pollution = Department.objects.get(code="pollution")
    document = make_document(pollution.collection, title="污防处内部材料", filename="wrfz-internal.pdf")
    login(intranet_client, "banjian_wrfz")  # 污染防治处 staff
    assert intranet_client.get(document.url).status_code == 200
    login(public_client, "banjian_srhw")  # 市容环卫管理处 staff
    assert public_client.get(document.url).status_code != 200


def test_choosers_list_only_files_the_editor_may_see(db, client, login):
    pollution = Department.objects.get(code="pollution")
    office = Department.objects.get(code="office")
    make_document(pollution.collection, title="污防处专用文件")
    make_document(office.collection, title="办公室专用文件")
    login(client, "bianji_wrfz")
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert "污防处专用文件" in html
    assert "办公室专用文件" not in html
    login(client, "bianji_bgs")
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert "办公室专用文件" in html and "污防处专用文件" not in html


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
    from columns.models import ArticlePage

    login(client, "xxzx")
    intranet_article = ArticlePage.objects.descendant_of(intranet_home).first()
    public_article = ArticlePage.objects.descendant_of(public_home).first()
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

    from columns.models import ArticlePage

    from .conftest import png_bytes

    client = public_client
    login(client, "xxzx")
    article = ArticlePage.objects.descendant_of(intranet_home).first()
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
