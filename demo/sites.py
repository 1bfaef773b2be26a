"""Demo set-up of both sites (apps `home` and `columns`): the two sites with the column tree and
roles, identity settings and utility pages."""

import io

from django.core.management import call_command
from wagtail.models import Site

from core.roles import setup_roles
from home.models import SiteIdentity, UtilityPage
from home.sites import ensure_sites

from .registry import step
from .text import richtext

PUBLIC_IDENTITY = {
    "sponsor": "上海市浦东新区环境保护和市容卫生管理局",
    "organizer": "浦东新区环境科技信息管理中心",
    "domain": "www.pdepb.example.cn",
    "address": "上海市浦东新区浦城路601号",
    "postcode": "200120",
    "phone": "021-58792001",
    "hotline": "12345（市民服务热线）",
    "email": "webmaster@pdepb.example.cn",
    "site_id_code": "3101150039",
    "icp_number": "沪ICP备05012345号",
    "police_number": "沪公网安备 31011502001234号",
    "police_link": "https://beian.mps.gov.cn/",
}
INTRANET_IDENTITY = {**PUBLIC_IDENTITY, "domain": "intranet.pdepb.example.cn", "hotline": "", "police_number": "", "police_link": "", "icp_number": ""}

UTILITY_PAGES = {
    "public": [
        ("sitemap", "网站地图", "sitemap", ["本页列出浦东环境网的全部栏目和子栏目，便于您快速找到所需信息。"]),
        ("contact", "联系我们", "contact", [
            "地址：上海市浦东新区浦城路601号（邮编200120）。",
            "办公电话：021-58792001；服务热线：12345。办公时间：工作日上午9:00-11:30，下午13:30-17:00。",
            "对网站内容有意见或建议，请通过“互动交流”栏目的网上咨询或局长信箱与我们联系。",
        ]),
        ("statement", "网站声明", "statement", [
            "浦东环境网是上海市浦东新区环境保护和市容卫生管理局的官方网站，所载信息以本局正式发布的文件为准。",
            "本网站刊登的原创信息，转载时请注明来源“浦东环境网”。网站链接的外部网站内容由其各自主办单位负责。",
        ]),
        ("privacy", "隐私政策", "privacy", [
            "本网站依法保护您的个人信息。您通过互动交流栏目提交的姓名、联系电话、证件号码等信息，仅用于办理您的诉求，不会向第三方提供。",
            "公开答复时，我们会隐去您的个人信息；未经您同意，不公开您的来信内容。",
        ]),
    ],
    "intranet": [
        ("sitemap", "网站地图", "sitemap", ["局内网全部栏目一览。"]),
        ("contact", "技术支持", "contact", ["局内网由环境科技信息管理中心维护，技术支持电话：021-58792101。"]),
    ],
}


def ensure_identity(site, values):
    identity = SiteIdentity.for_site(site)
    if not identity.site_id_code and not identity.phone:
        for key, value in values.items():
            setattr(identity, key, value)
        identity.save()


def ensure_utility_pages(home, site_key):
    existing = set(home.get_children().values_list("slug", flat=True))
    for slug, title, kind, paragraphs in UTILITY_PAGES[site_key]:
        if slug in existing:
            continue
        home.add_child(
            instance=UtilityPage(
                title=title, slug=slug, kind=kind, show_in_menus=False,
                body=[("paragraph", richtext(paragraphs))], live=True,
            )
        )


@step(10, "两站、栏目树与角色")
def sites_step(context):
    call_command("build_columns", stdout=io.StringIO())
    public_home, intranet_home, _ = ensure_sites()
    setup_roles()  # every app's registered roles part (core/roles.py)
    context.public_home, context.intranet_home = public_home, intranet_home


@step(20, "站点标识与功能页面")
def identity_step(context):
    ensure_identity(Site.objects.get(root_page=context.public_home), PUBLIC_IDENTITY)
    ensure_identity(Site.objects.get(root_page=context.intranet_home), INTRANET_IDENTITY)
    ensure_utility_pages(context.public_home, "public")
    ensure_utility_pages(context.intranet_home, "intranet")
