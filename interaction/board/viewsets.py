"""互动交流 › 论坛与留言审核, 敏感词 in the admin, and the viewset shape the interviews reuse."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from .filters import PostFilterSet
from .models import Post, PostStatus, SensitiveWord
from .views import (
    POST_LIST_DISPLAY,
    POST_POLICY,
    NoEditView,
    PostAnswerView,
    PostIndexView,
    PostInspectView,
    PostModerateView,
)

INTERACTION_MENU_HOOK = "register_interaction_menu_item"  # the 互动交流 group (interaction.cases.viewsets)


class ModeratedViewSet(SnippetViewSet):
    """A queue of public submissions: listing, review page, moves and answer (no add, no edit form)."""

    moderate_view_class = None
    answer_view_class = None
    edit_view_class = NoEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = True
    menu_hook = INTERACTION_MENU_HOOK
    search_backend_name = None  # plain icontains: exact for Chinese text
    ordering = "-created_at"
    list_per_page = 50

    @property
    def moderate_view(self):
        return self.construct_view(self.moderate_view_class, **self.get_inspect_view_kwargs())

    @property
    def answer_view(self):
        return self.construct_view(self.answer_view_class, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/<slug:action>/", self.moderate_view, name="moderate"),
            path("answer/<int:pk>/", self.answer_view, name="answer"),
        ]


class PostViewSet(ModeratedViewSet):
    model = Post
    permission_policy = POST_POLICY
    icon = "comment"
    menu_label = "论坛与留言审核"
    menu_name = "board-posts"
    menu_order = 40
    index_view_class = PostIndexView
    inspect_view_class = PostInspectView
    moderate_view_class = PostModerateView
    answer_view_class = PostAnswerView
    list_display = POST_LIST_DISPLAY
    filterset_class = PostFilterSet
    search_fields = ["title", "body", "nickname"]


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    menu_name = "board-words"
    menu_order = 42
    add_to_admin_menu = True
    menu_hook = INTERACTION_MENU_HOOK
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    search_backend_name = None
    ordering = "word"


class PendingQueueMenuItem(MenuItem):
    """The queue filtered to what waits for review."""

    def is_shown(self, request):
        return POST_POLICY.user_has_any_permission(request.user, ["view", "change"])


def pending_queue_url(list_url):
    return f"{list_url}?status={PostStatus.PENDING}"
