"""The personal-data scan of public texts, and publication refused until the texts are redacted."""

import pytest

from interaction.cases import workflow
from interaction.cases.models import Case, CaseLogEntry
from interaction.cases.privacy import (
    BANK_CARD,
    EMAIL,
    ID_CARD,
    LANDLINE,
    MOBILE,
    PLATE,
    find_personal_data,
    public_contacts,
)


def kinds(text, allowed=frozenset()):
    return [(f.kind, f.value) for f in find_personal_data(text, allowed)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("请联系我13912345678，谢谢", [(MOBILE, "13912345678")]),
        ("手机：139 1234 5678", [(MOBILE, "13912345678")]),
        ("电话+86-139-1234-5678", [(MOBILE, "13912345678")]),
        ("手机１３９１２３４５６７８（全角）", [(MOBILE, "13912345678")]),
        ("家里电话021-58791234，白天有人", [(LANDLINE, "021-58791234")]),
        ("座机（021）58791234", [(LANDLINE, "(021)58791234")]),
        ("请拨打0512-65212345转801", [(LANDLINE, "0512-65212345")]),
        ("联系电话：58791234", [(LANDLINE, "58791234")]),
        ("身份证号11010519491231002X已提交", [(ID_CARD, "11010519491231002X")]),
        ("证件 11010519491231002x", [(ID_CARD, "11010519491231002X")]),
        ("邮箱 zhang.san@example.com 可联系", [(EMAIL, "zhang.san@example.com")]),
        ("车牌沪A12345的渣土车", [(PLATE, "沪A12345")]),
        ("新能源车沪AD12345停在路边", [(PLATE, "沪AD12345")]),
        ("苏E·8J9K2 车辆", [(PLATE, "苏E8J9K2")]),
        ("退款请打到6222020200112233446", [(BANK_CARD, "6222020200112233446")]),
        ("卡号 4111 1111 1111 1111", [(BANK_CARD, "4111111111111111")]),
        (
            "张三13912345678，李四13800001111，邮箱a@b.cn",
            [(MOBILE, "13912345678"), (MOBILE, "13800001111"), (EMAIL, "a@b.cn")],
        ),
    ],
)
def test_personal_data_is_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026年3月15日，执法人员到现场检查。",
        "检查时间为2026-03-15 14:30，复查时间20260322。",
        "根据《浦环保〔2005〕12号》文件和沪府办发〔2020〕3号文件",
        "索引号：11310115MB2F36455H/2026-00012，发布机构：浦东新区环境保护和市容卫生管理局",
        "统一社会信用代码91310115MA1H7XXX0Q",
        "处罚款人民币200000元，累计12,345,678.90元，共计3615吨",
        "本局服务热线12345，环保投诉热线12369",
        "办件编号TS202611300001已办结，查询码请妥善保管。",
        "车辆已于20时离开，沪ICP备12345678号",
        "已将来电号码139****5678和z***@example.com脱敏",
        "排放浓度为0.35mg/m³，限值为2.0，超标1.5倍，PM2.5为35",
        "第2026000123号决定书",
        "共检查企业1391家次，发现问题1234568个",  # numbers that are not phones
    ],
)
def test_ordinary_text_passes(text):
    assert kinds(text) == []


def test_findings_are_masked_for_the_message():
    found = find_personal_data("13912345678 11010519491231002X zhang.san@example.com 沪A12345 6222020200112233446")
    assert [str(f) for f in found] == [
        "手机号码 139****5678",
        "身份证号码 11**************2X",
        "电子邮箱 z***@example.com",
        "车牌号码 沪A***45",
        "银行卡号 6222***********3446",
    ]


def test_an_id_number_is_not_also_a_phone_or_a_bank_card():
    assert kinds("11010519491231002X") == [(ID_CARD, "11010519491231002X")]
    assert kinds("110105194912310021") == []  # wrong check digit: an ordinary number


@pytest.mark.django_db
def test_the_bureaus_own_contacts_pass(settings, dept_a):
    dept_a.phone, dept_a.email = "021-58792011", "wrfz@pdepb.example.cn"
    dept_a.save()
    settings.CASE_PUBLIC_CONTACTS = ["021-58792099"]
    allowed = public_contacts()
    text = "如有疑问请致电021-58792011或58792011，或发邮件至WRFZ@pdepb.example.cn，投诉热线021-58792099。"
    assert kinds(text, allowed) == []
    assert kinds(text + "来信人电话021-58791234", allowed) == [(LANDLINE, "021-58791234")]


@pytest.mark.django_db
def test_publication_is_refused_until_redacted(case_factory, dept_a, info_centre):
    case = case_factory.replied(dept_a, content="我的电话13912345678，车牌沪A12345，家门口噪声很大。")
    with pytest.raises(workflow.TransitionError) as refusal:
        workflow.publish(case, info_centre)
    message = str(refusal.value)
    assert message.startswith("公开文本中可能含有个人信息，请删改后再公开")
    assert "公开内容中有手机号码 139****5678、车牌号码 沪A***45" in message
    assert "13912345678" not in message and "沪A12345" not in message
    assert not Case.objects.get(pk=case.pk).is_public
    assert not CaseLogEntry.objects.filter(case_id=case.pk, action="cases.publish").exists()

    with pytest.raises(workflow.TransitionError, match="公开答复中有电子邮箱"):
        workflow.publish(case, info_centre, public_content="家门口噪声很大。", public_reply="已回复至 a.b@example.com。")
    workflow.publish(case, info_centre, public_content="家门口噪声很大。", public_reply="已责令整改。")
    assert Case.objects.get(pk=case.pk).is_public


@pytest.mark.django_db
def test_the_admin_shows_the_refusal_on_the_publish_form(case_factory, dept_a, info_centre, client):
    from django.urls import reverse

    case = case_factory.replied(dept_a)
    client.force_login(info_centre)
    url = reverse(Case.snippet_viewset.get_url_name("action"), args=[case.pk, "publish"])
    response = client.post(url, {
        "publish-public_title": "夜间施工噪声", "publish-public_content": "联系人邮箱 zhang@example.com",
        "publish-public_reply": "已处理。",
    })
    assert response.status_code == 200
    assert "公开内容中有电子邮箱 z***@example.com" in response.content.decode()
    assert not Case.objects.get(pk=case.pk).is_public
