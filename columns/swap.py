"""Turn an existing page into another page type in place.

Wagtail has no "change page type": a page is one row in wagtailcore_page plus one row in its
specific model's table. `swap_page_type` replaces the specific row and keeps the base row, so
the page keeps its id, tree position, slug, title, URL, live state, permissions, comments and
history; fields both types define (description, keywords, department, banner_image, contact ...)
are carried over. The page then gets a new revision (published if the page is live) and an
audit log entry.

build_columns uses it to replace the "app" placeholders it created (SubColumnPage of kind "app")
by the real interaction pages once an app ships a page type that `serves_app` that app type."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision, WorkflowState
from wagtail.search import index

SWAP_ACTION = "columns.swap_page_type"


class SwapError(ValueError):
    """The page cannot become the requested type; the message says why (Chinese, for editors)."""


def carried_fields(old_model, new_model):
    """Fields beyond Page's own that both models define with the same name and field class."""
    page_fields = {f.name for f in Page._meta.concrete_fields}
    old = {f.name: f for f in old_model._meta.concrete_fields if f.name not in page_fields and not f.primary_key}
    return [
        f for f in new_model._meta.concrete_fields
        if f.name in old and not f.primary_key and type(f) is type(old[f.name])
    ]


def _check(base, old_model, new_model):
    if not (isinstance(new_model, type) and issubclass(new_model, Page)) or new_model._meta.abstract:
        raise SwapError(f"{new_model!r} 不是可用的页面类型。")
    parent = base.get_parent()
    if parent is not None and not new_model.can_exist_under(parent.specific):
        raise SwapError(f"“{new_model._meta.verbose_name}”不能放在“{parent.title}”下。")
    if parent is not None and new_model.max_count_per_parent is not None:
        if parent.get_children().type(new_model).count() >= new_model.max_count_per_parent:
            raise SwapError(f"“{parent.title}”下已有“{new_model._meta.verbose_name}”页面。")
    if new_model.max_count is not None and new_model.objects.count() >= new_model.max_count:
        raise SwapError(f"“{new_model._meta.verbose_name}”页面已达到数量上限。")
    allowed = set(new_model.allowed_subpage_models())
    for child in base.get_children().specific():
        if type(child) not in allowed:
            raise SwapError(f"页面“{base.title}”下有“{child.title}”，“{new_model._meta.verbose_name}”不能包含此类页面。")
    if base.alias_of_id or Page.objects.filter(alias_of=base).exists():
        raise SwapError(f"页面“{base.title}”是别名或有别名页面，不能更换类型。")
    if WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(base.pk)
    ).exists():
        raise SwapError(f"页面“{base.title}”正在审核流程中，不能更换类型。")


@transaction.atomic
def swap_page_type(page, new_model, *, user=None, **extra):
    """Make `page` a `new_model` page in place and return it (as a fresh `new_model` instance).

    `extra` sets fields of the new type by name (e.g. intro=the placeholder's body). A page that
    already is a `new_model` is returned unchanged."""
    base = Page.objects.select_for_update().get(pk=page.pk)
    old = base.specific
    old_model = type(old)
    if old_model is new_model:
        return old
    _check(base, old_model, new_model)
    new_fields = {f.name for f in new_model._meta.get_fields()}
    unknown = sorted(set(extra) - new_fields)
    if unknown:
        raise SwapError(f"“{new_model._meta.verbose_name}”没有这些字段：{', '.join(unknown)}")

    page_ct = ContentType.objects.get_for_model(Page)
    new_ct = ContentType.objects.get_for_model(new_model)
    pk = base.pk

    # Out of the search index and reference index under the old type, then drop the old
    # specific rows (and any concrete ancestors between it and Page), leaving the base row.
    index.remove_object(old)
    ReferenceIndex.remove_for_object(old)
    for model in [old_model, *old_model._meta.get_parent_list()]:
        if model is not Page and issubclass(model, Page):
            model._base_manager.filter(pk=pk)._raw_delete(model._base_manager.db)

    new = new_model(**{f.attname: getattr(base, f.attname) for f in Page._meta.concrete_fields})
    for field in carried_fields(old_model, new_model):
        setattr(new, field.attname, getattr(old, field.attname))
    for name, value in extra.items():
        setattr(new, name, value)
    new.content_type = new_ct
    # save_base, not save: Page.save would redo tree and URL bookkeeping that is already right.
    # It updates the base row (now with the new content type) and inserts the specific row.
    new.save_base()

    # Earlier revisions open as the new type in the admin history (unknown fields are ignored).
    Revision.objects.filter(base_content_type=page_ct, object_id=str(pk)).update(content_type=new_ct)

    new = new_model.objects.get(pk=pk)
    was_live = new.live
    revision = new.save_revision(user=user, log_action=False)
    log(
        instance=new,
        action=SWAP_ACTION,
        user=user,
        revision=revision,
        data={
            "from": str(old_model._meta.verbose_name),
            "to": str(new_model._meta.verbose_name),
            "from_model": old_model._meta.label,
            "to_model": new_model._meta.label,
        },
    )
    if was_live:
        revision.publish(user=user, skip_permission_checks=True)
    new = new_model.objects.get(pk=pk)
    ReferenceIndex.create_or_update_for_object(new)
    return new
