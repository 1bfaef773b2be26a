import pytest

from columns import taxonomy
from columns.taxonomy import TaxonomyError, parse


def test_both_sites_together_have_41_columns_and_372_sub_columns():
    sites = taxonomy.load_all()
    assert sum(len(t.columns) for t in sites.values()) == 41
    assert sum(t.sub_count for t in sites.values()) == 372


def test_no_duplicate_slug_or_title_under_a_parent():
    for site in taxonomy.load_all().values():
        column_slugs = [c.slug for c in site.columns]
        assert len(column_slugs) == len(set(column_slugs))
        for column in site.columns:
            assert len(column.subs) >= 3, column.slug
            slugs = [s.slug for s in column.subs]
            titles = [s.title for s in column.subs]
            assert len(slugs) == len(set(slugs)), column.slug
            assert len(titles) == len(set(titles)), column.slug


def test_every_entry_has_ascii_slug_chinese_title_and_description():
    for site in taxonomy.load_all().values():
        for column in site.columns:
            for entry in (column, *column.subs):
                assert entry.slug.isascii()
                assert any("\u4e00" <= ch <= "\u9fff" for ch in entry.title), entry.slug
                assert entry.description, entry.slug


def test_department_codes_exist():
    from intranet.org.seed import department_definitions

    codes = {d["code"] for d in department_definitions()}
    for site in taxonomy.load_all().values():
        for column in site.columns:
            for sub in column.subs:
                assert not sub.dept or sub.dept in codes, f"{column.slug}/{sub.slug}"


def _titles(site):
    return {c.title: {s.title: s for s in c.subs} for c in taxonomy.load(site).columns}


@pytest.mark.parametrize(
    "column,subs",
    [
        ("机构概况", ["领导信息", "内设机构", "局属单位", "机构职能", "联系方式"]),
        ("工作动态", ["局工作动态", "基层动态", "媒体报道", "通知公告"]),
        ("政府信息公开", ["信息公开指南", "信息公开目录", "信息公开年报", "依申请公开", "规范性文件", "规划计划",
                    "财政预决算", "行政许可", "行政处罚", "环境保护监督检查"]),
        ("环境质量", []),
        ("市容环卫", []),
        ("办事服务", ["办事指南", "表格下载"]),
        ("互动交流", ["局长信箱", "网上投诉", "网上咨询", "网上投票", "网上征集", "志愿者登记", "网上论坛", "在线访谈"]),
        ("专题专辑", []),
        ("开卷有益", []),
    ],
)
def test_public_site_has_the_required_columns(column, subs):
    tree = _titles("public")
    assert column in tree
    for sub in subs:
        assert sub in tree[column], f"{column}/{sub}"


@pytest.mark.parametrize(
    "column,subs",
    [
        ("通知公告", []), ("局内动态", []), ("基层动态", []), ("领导讲话", []), ("规章制度", []),
        ("学习园地", []), ("资料中心", []), ("信息化专栏", ["操作手册", "培训"]), ("党建工会", []), ("办公指南", ["通讯录"]),
    ],
)
def test_intranet_has_the_required_columns(column, subs):
    tree = _titles("intranet")
    assert column in tree
    for sub in subs:
        assert sub in tree[column]


def test_interaction_services_are_app_placeholders_naming_their_type():
    public = _titles("public")
    assert public["互动交流"]["局长信箱"].app == "mailbox"
    assert public["互动交流"]["网上投诉"].app == "complaint"
    assert public["政府信息公开"]["依申请公开"].app == "disclosure_request"
    assert public["政府信息公开"]["信息公开目录"].kind == "catalogue"
    assert public["机构概况"]["领导信息"].kind == "leaders"


def _doc(**column):
    base = {"slug": "abc", "title": "栏目", "subs": [{"slug": "x", "title": "子栏目", "kind": "list"}]}
    base.update(column)
    return {"site": "public", "columns": [base]}


@pytest.mark.parametrize(
    "doc,message",
    [
        (_doc(slug="Bad Slug"), "slug"),
        (_doc(slug="admin"), "reserved"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "list"}, {"slug": "x", "title": "乙", "kind": "list"}]), "duplicate"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "gallery"}]), "unknown kind"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "link"}]), "exactly one"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "app"}]), "needs 'app'"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "link", "target": "zzz/y"}]), "earlier"),
        (_doc(subs=[{"slug": "x", "title": "甲", "kind": "list", "colour": "red"}]), "unknown keys"),
        ({"site": "intranet", "columns": []}, "declares site"),
    ],
)
def test_invalid_taxonomy_is_refused_with_a_clear_message(doc, message):
    with pytest.raises(TaxonomyError, match=message):
        parse(doc, "public")
