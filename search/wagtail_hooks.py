"""Search sources of this app (see search/sources.py for how other apps add theirs), and the
block list of suggested queries in the admin (设置 › 搜索屏蔽词)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.roles import ADMIN_GROUP, ROLES_HOOK, grant, role_order

from .models import BlockedSearchTerm
from .sources import DOCUMENTS, HOOK_NAME


@hooks.register(HOOK_NAME)
def resource_centre_files():
    """Files (Wagtail documents) in the collections the user may open, on the intranet."""
    return DOCUMENTS


class BlockedSearchTermViewSet(SnippetViewSet):
    model = BlockedSearchTerm
    icon = "cross"
    menu_label = "搜索屏蔽词"
    menu_name = "blocked_search_terms"
    add_to_settings_menu = True
    list_display = ["term", "note", "created_at"]
    search_fields = ["term", "note"]
    search_backend_name = None
    ordering = "term"
    copy_view_enabled = False


register_snippet(BlockedSearchTermViewSet)


@hooks.register(ROLES_HOOK, order=role_order("search"))
def search_roles():
    """信息中心管理员 keeps the 搜索屏蔽词 list."""
    grant(
        ADMIN_GROUP,
        [
            "sitesearch.add_blockedsearchterm", "sitesearch.change_blockedsearchterm",
            "sitesearch.delete_blockedsearchterm", "sitesearch.view_blockedsearchterm",
        ],
    )
