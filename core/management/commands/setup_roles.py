from django.core.management.base import BaseCommand

from core.roles import RolesNotReady, setup_roles


class Command(BaseCommand):
    help = (
        "创建或修复各应用登记的角色、权限和工作流（信息中心管理员、审核员、各部门编辑、办件员、"
        "栏目分工权限和“信息发布审核”工作流）。可重复运行。"
    )

    def handle(self, *args, **options):
        try:
            parts = setup_roles()
        except RolesNotReady as error:
            self.stderr.write(str(error))
            return
        if options["verbosity"] > 1:
            for part in parts:
                self.stdout.write(f"  {part}")
        self.stdout.write(self.style.SUCCESS("角色、权限和审核工作流已就绪。"))
