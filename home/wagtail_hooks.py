"""Admin choosers list only files the editor may also see (the visibility rule of
core/visibility.py): a collection permission reaching a department's collection from above does
not show that department's files to other departments' editors."""

from wagtail import hooks

from core.visibility import visible_files


@hooks.register("construct_image_chooser_queryset")
def visible_images_only(images, request):
    return visible_files(images, request)


@hooks.register("construct_document_chooser_queryset")
def visible_documents_only(documents, request):
    return visible_files(documents, request)
