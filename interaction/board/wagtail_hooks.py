from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.roles import ROLES_HOOK, role_order

from .models import Post
from .moderation import TRANSITIONS
from .roles import setup_board_roles
from .search import BOARD_POSTS
from .views import POST_POLICY
from .viewsets import PendingQueueMenuItem, PostViewSet, SensitiveWordViewSet, pending_queue_url

register_permission_policy(Post, POST_POLICY)
register_snippet(PostViewSet)
register_snippet(SensitiveWordViewSet)


@hooks.register("register_interaction_menu_item")
def pending_posts_menu_item():

    url = pending_queue_url(reverse(Post.snippet_viewset.get_url_name("list")))
    return PendingQueueMenuItem("论坛与留言待审", url, name="board-pending", icon_name="comment", order=39)

@hooks.register("register_log_actions")
def register_board_log_actions(actions):
    actions.register_action("board.submit", "提交帖子或留言", "网民提交，待审核")
    for name, (_sources, _target, label) in TRANSITIONS.items():
        actions.register_action(f"board.{name}", label, label)
    actions.register_action("board.auto_hide", "举报自动隐藏", "被多位读者举报，自动隐藏待复核")
    actions.register_action("board.reply", "答复留言", "答复留言")
    actions.register_action("board.edit_reply", "修改答复", "修改留言答复")

@hooks.register("register_search_source")
def board_posts():
    return BOARD_POSTS

@hooks.register(ROLES_HOOK, order=role_order("interaction.board"))
def board_roles():
    setup_board_roles()

