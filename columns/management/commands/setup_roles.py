from django.core.management.base import BaseCommand

from columns.roles import setup_roles, site_home_pages


class Command(BaseCommand):
    help = "创建编辑角色（信息中心管理员、审核员、各部门编辑）、栏目分工权限和“信息发布审核”工作流。"

    def handle(self, *args, **options):
        homes = site_home_pages()
        if not homes:
            self.stderr.write("尚未创建站点首页，请先运行 build_columns。")
            return
        setup_roles(homes)
        from interaction.cases.roles import setup_case_roles

        setup_case_roles()
        self.stdout.write(self.style.SUCCESS("角色、权限和审核工作流已就绪。"))
