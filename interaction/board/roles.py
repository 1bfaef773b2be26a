"""Who moderates the forum and the message board (idempotent, run by setup_roles).

- 论坛审核员: reviews posts (approve, reject, hide, restore), answers messages, keeps the
  sensitive-word list. Also a member of 全体职工 for admin access.
- 信息中心管理员: the same, across the site."""

from django.db import transaction

from core.roles import ADMIN_GROUP, grant

MODERATOR_GROUP = "论坛审核员"

MODERATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "board.view_post",
    "board.change_post",
    "board.add_sensitiveword",
    "board.change_sensitiveword",
    "board.delete_sensitiveword",
    "board.view_sensitiveword",
]

BOARD_GROUPS = {MODERATOR_GROUP: MODERATOR_PERMISSIONS, ADMIN_GROUP: MODERATOR_PERMISSIONS}


@transaction.atomic
def setup_board_roles():
    return {name: grant(name, dotted) for name, dotted in BOARD_GROUPS.items()}
