"""Search sources of this app (see search/sources.py for how other apps add theirs)."""

from wagtail import hooks

from .sources import DOCUMENTS, HOOK_NAME


@hooks.register(HOOK_NAME)
def resource_centre_files():
    """Files (Wagtail documents) in the collections the user may open, on the intranet."""
    return DOCUMENTS
