"""Who handles interview questions (idempotent, run by setup_roles): 论坛审核员 (interaction.board)
and 信息中心管理员 review questions, record the guest's answers and publish them; the editors
who announce interviews create InterviewPage pages through the ordinary page permissions."""

from django.db import transaction

from core.roles import ADMIN_GROUP, grant
from interaction.board.roles import MODERATOR_GROUP

QUESTION_PERMISSIONS = ["wagtailadmin.access_admin", "interviews.view_question", "interviews.change_question"]


@transaction.atomic
def setup_interview_roles():
    return {name: grant(name, QUESTION_PERMISSIONS) for name in (MODERATOR_GROUP, ADMIN_GROUP)}
