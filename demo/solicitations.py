"""Demo campaigns of 网上征集 (app `interaction.solicitations`): drafts and plans of the mid-2000s
put out for comment, in every phase (open now, closed, results published), each with a form the
editor composed and a few dozen opinions. Idempotent: nothing is added when campaigns exist."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from columns.roles import ensure_editor_group
from interaction.solicitations.models import (
    SolicitationFormField,
    SolicitationIndexPage,
    SolicitationPage,
    SolicitationSubmission,
)
from intranet.org.models import STAFF_GROUP, Department, StaffProfile

from .org import DEMO_PASSWORD
from .registry import step

SEED = "solicitations-demo"
OWNER_USERNAME = "bianji_xjc"  # 宣传教育处 editor: owns the campaigns, sees their opinions

# (slug, title, summary, days from today it opened, days it runs, results?, draft title, draft paragraphs)
CAMPAIGNS = [
    ("ljfl-glbf", "《浦东新区生活垃圾分类管理办法（征求意见稿）》公开征求意见",
     "就生活垃圾分类投放、收集、运输和处置的管理办法草案，公开征求市民和单位的意见。", -10, 30, False,
     "浦东新区生活垃圾分类管理办法（征求意见稿）",
     ["第一条　为推进生活垃圾分类减量，改善城区环境，根据有关法律法规，结合本区实际，制定本办法。",
      "第二条　本区居住区、机关企事业单位和公共场所产生的生活垃圾，按照有害垃圾、可回收物、湿垃圾和干垃圾分类投放。",
      "第三条　区市容环卫管理部门负责生活垃圾分类的组织、协调和监督管理；各街道、镇负责辖区内的具体实施。",
      "第四条　居住区实行定时定点投放，物业服务企业或居民委员会负责设置分类收集容器并做好分类指导。"]),
    ("shibo-huanjing", "迎世博城区环境整治“金点子”征集",
     "围绕迎世博600天行动，征集改善街面市容、绿化景观和河道环境的建议。", -3, 45, False, "", []),
    ("chuangmo-jianyi", "创建国家环境保护模范城区公众建议征集",
     "为巩固创模成果，向社会征集大气、水环境和噪声治理等方面的意见建议。", 20, 30, False, "", []),
    ("hpj-shuihuanjing", "黄浦江浦东段水环境综合治理方案意见征集",
     "就黄浦江浦东段沿岸截污纳管、支流河道整治和滨江绿地建设方案征求意见。", -80, 30, True,
     "黄浦江浦东段水环境综合治理方案（草案）要点",
     ["一、2006 年底前完成沿江 12 个排污口截污纳管。", "二、对张家浜、川杨河等 8 条支流实施综合整治。",
      "三、结合滨江绿地建设，新增公共绿地约 40 公顷。"]),
    ("yancheng-ganzhi", "餐饮业油烟污染防治管理规定意见征集",
     "就餐饮服务单位油烟净化设施的安装、维护和监督管理征求经营者与居民意见。", -120, 30, True, "", []),
    ("lvhua-guihua", "浦东新区绿地系统规划（2005—2020）意见征集",
     "就全区公共绿地布局、生态廊道和社区小绿地建设规划公开征求意见。", -200, 40, True, "", []),
    ("zaosheng-zhili", "社会生活噪声治理措施意见征集",
     "就娱乐场所、建筑施工夜间作业和广场活动噪声的治理措施征求意见。", -50, 30, False, "", []),
    ("gongce-buju", "公共厕所布点规划意见征集",
     "就主要道路、商业街和旅游景点的公共厕所新建与改造布点征求意见。", -160, 30, True, "", []),
]
OPINIONS = [
    "建议在小区增设分类指导员，特别是在投放高峰时段现场指导，老年居民更容易接受。",
    "分类垃圾桶的颜色和标识应全区统一，并配上图示，方便外来人员识别。",
    "希望加强对收运环节的监督，避免居民分好的垃圾在清运时又被混装。",
    "建议对分类做得好的小区给予表彰和奖励，调动物业和居民的积极性。",
    "沿河道路应增加垃圾箱，并安排保洁员定时巡查，防止垃圾入河。",
    "建议施工工地夜间作业必须公示审批信息，方便居民监督。",
    "希望在滨江地区多建一些可以休憩的小绿地，并配套公共厕所。",
    "餐饮店集中的街道应定期公布油烟检测结果，接受群众监督。",
    "建议在地铁站和公交枢纽附近优先改造公共厕所，并延长开放时间。",
    "可以组织中小学生参与环保宣传，通过小手拉大手带动家庭参与。",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭"
GIVEN = ["建华", "秀英", "伟", "敏", "静", "海燕", "志强", "丽", "国平", "晓东", "春梅", "俊"]
FIELDS = [
    ("姓名", "singleline", True, True, ""),
    ("联系电话", "singleline", False, True, "选填，便于我们就您的意见与您联系"),
    ("所在街道（镇）", "dropdown", True, False, ""),
    ("身份", "radio", True, False, ""),
    ("意见建议", "multiline", True, False, "请写明具体条款或事项，以及您的理由"),
]
STREETS = "陆家嘴街道\n花木街道\n洋泾街道\n张江镇\n金桥镇\n川沙新镇\n三林镇\n其他"
ROLES = "居民\n企业\n社会组织\n其他"


def _owner(publicity):
    group = ensure_editor_group(publicity)
    User = get_user_model()
    user = User.objects.filter(username=OWNER_USERNAME).first()
    if user is None:
        user = User(username=OWNER_USERNAME, first_name="钱征集", is_staff=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
        StaffProfile.objects.get_or_create(
            user=user, defaults={"full_name": "钱征集", "department": publicity, "position": "宣传教育处信息员"}
        )
    user.groups.add(group, *Group.objects.filter(name=STAFF_GROUP))
    return group


def _rich(paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def load_solicitations_demo(log):
    index = SolicitationIndexPage.objects.first()
    if index is None:
        log.append("网上征集：没有网上征集栏目，跳过")
        return
    if SolicitationPage.objects.child_of(index).exists():
        return
    publicity = Department.objects.filter(code="publicity").first() or Department.objects.first()
    group = _owner(publicity)
    rng = random.Random(SEED)
    today = timezone.localdate()
    total = 0
    with transaction.atomic():
        for slug, title, summary, start, days, results, draft_name, draft in CAMPAIGNS:
            opens = today + timedelta(days=start)
            closes = opens + timedelta(days=days - 1)
            page = SolicitationPage(
                title=title, slug=slug, summary=summary,
                intro=_rich([summary, "欢迎社会各界通过本页表单提出意见建议，也可来信寄至浦东新区环境保护和市容卫生管理局宣传教育处（请在信封上注明“意见征集”）。"]),
                draft_name=draft_name, draft_text=_rich(draft),
                opens_on=opens, closes_on=closes,
                results_on=closes + timedelta(days=10) if results else None,
                results_text=_rich([
                    f"本次征集共收到有效意见建议 {rng.randint(40, 160)} 条。经认真梳理研究，采纳或部分采纳 {rng.randint(10, 30)} 条，"
                    "主要集中在加强宣传引导、完善设施布局和强化监督检查等方面。",
                    "对未采纳的意见，我们将在今后工作中继续研究。感谢广大市民和单位的积极参与！",
                ]) if results else "",
                owner_group=group, allow_uploads=True, upload_label="附件（可附图片或书面意见）",
            )
            index.add_child(instance=page)
            for order, (label, kind, required, personal, help_text) in enumerate(FIELDS):
                choices = STREETS if kind == "dropdown" else ROLES if kind == "radio" else ""
                SolicitationFormField.objects.create(
                    page=page, sort_order=order, label=label, field_type=kind, required=required,
                    personal=personal, help_text=help_text, choices=choices,
                )
            page.save_revision().publish()
            if start > 0:
                continue
            fields = {f.label: f.clean_name for f in page.form_fields.all()}
            ran = min(days, -start + 1)
            count = rng.randint(12, 30)
            submissions = [
                SolicitationSubmission(page=page, form_data={
                    fields["姓名"]: rng.choice(SURNAMES) + rng.choice(GIVEN),
                    fields["联系电话"]: f"139{rng.randint(10000000, 99999999)}" if rng.random() < 0.7 else "",
                    fields["所在街道（镇）"]: rng.choice(STREETS.split("\n")),
                    fields["身份"]: rng.choice(ROLES.split("\n")),
                    fields["意见建议"]: rng.choice(OPINIONS),
                })
                for _ in range(count)
            ]
            created = SolicitationSubmission.objects.bulk_create(submissions)
            for submission in created:
                when = timezone.now() - timedelta(days=-start - rng.randint(0, ran - 1), hours=rng.randint(0, 10))
                SolicitationSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
            total += count
    log.append(f"网上征集：{len(CAMPAIGNS)} 个征集活动，{total} 条意见（负责人 {OWNER_USERNAME}，密码同演示账号）")


@step(52, "演示网上征集")
def solicitations_step(context):
    load_solicitations_demo(context.log)
