"""The OA's part of the roles (core.roles): the registrar group, and the collection OA attachments
live in. That collection is restricted to a group nobody belongs to, so Wagtail's own document
links open nothing: an attachment opens only through the OA's attachment view, which applies the
item's access rule."""

from wagtail.models import Collection, CollectionViewRestriction

from columns.roles import site_collections
from core.roles import grant

from .access import REGISTRAR_GROUP

ATTACHMENT_COLLECTION = "公文附件"
NOBODY_GROUP = "公文附件（仅经协同办公打开）"


def attachment_collection():
    _, intranet = site_collections()
    collection = intranet.get_children().filter(name=ATTACHMENT_COLLECTION).first()
    if collection is None:
        collection = intranet.add_child(name=ATTACHMENT_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([grant(NOBODY_GROUP, [])])
    return Collection.objects.get(pk=collection.pk)


def setup_oa_roles():
    registrar = grant(REGISTRAR_GROUP, ["wagtailadmin.access_admin"])
    return {"registrar": registrar, "collection": attachment_collection()}
