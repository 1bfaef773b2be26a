import pytest

from interaction.cases.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize("raw,masked", [("张三", "张*"), ("张三丰", "张**"), ("欧阳娜娜", "欧**"), ("李", "*"), ("", ""), ("Tom", "T***")])
def test_mask_name(raw, masked):
    assert mask_name(raw) == masked


def test_mask_contact_data():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("021-58792001") == "021****2001"
    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_id_number("11010519491231002X") == "11**************2X"
    assert mask_address("上海市浦东新区浦城路601号") == "上海市浦东新****"
    for raw in ("13812345678", "11010519491231002X"):
        assert raw not in (mask_phone(raw) + mask_id_number(raw))
