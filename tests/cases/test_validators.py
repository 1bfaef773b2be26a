"""Validators of the public case forms: phones, ID numbers, credit codes, uploads, text."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from interaction.cases import validators as v

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"


def image_bytes(fmt="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("+86 13912345678", "13912345678"),
        ("021-58792001", "021-58792001"),
        ("02158792001", "02158792001"),
        ("0512-6521234", "0512-6521234"),
        ("021-58792001-801", "021-58792001-801"),
        ("（021）58792001", "02158792001"),
    ],
)
def test_phone_accepts_mobiles_and_landlines(raw, clean):
    assert v.clean_phone(raw) == clean


@pytest.mark.parametrize("raw", ["", "12345", "12800138000", "1380013800", "138001380000", "58792001", "021-123", "abc13800138000"])
def test_phone_refuses_anything_else_in_chinese(raw):
    with pytest.raises(ValidationError) as error:
        v.clean_phone(raw)
    assert "联系电话" in error.value.messages[0]


def test_id_card_check_digit_per_gb11643():
    assert v.id_card_check_digit(VALID_ID[:17]) == "X"
    assert v.clean_id_card(VALID_ID.lower()) == VALID_ID
    assert v.clean_id_card(" 110105 19491231002X ") == VALID_ID


@pytest.mark.parametrize(
    "raw",
    [
        "110105194912310021",  # wrong check digit
        "11010519491231002",  # 17 characters
        "110105194913310028",  # month 13
        "010105194912310020",  # cannot start with 0
        "11010519491231002Y",
        "123456789012345",  # the old 15-digit form is no longer issued
    ],
)
def test_id_card_refuses_bad_numbers(raw):
    with pytest.raises(ValidationError) as error:
        v.clean_id_card(raw)
    assert "身份证号码不正确" in error.value.messages[0]


def test_id_card_refuses_a_birth_date_in_the_future():
    first17 = "11010520300101001"
    number = first17 + v.id_card_check_digit(first17)
    with pytest.raises(ValidationError):
        v.clean_id_card(number, today=date(2026, 11, 27))


def test_credit_code_check_character_per_gb32100():
    assert v.credit_code_check_char(VALID_CREDIT_CODE[:17]) == "3"
    assert v.clean_credit_code(VALID_CREDIT_CODE.lower()) == VALID_CREDIT_CODE
    first17 = "91310115MA1H7ABC0"
    assert v.clean_credit_code(first17 + v.credit_code_check_char(first17)).startswith("9131")


@pytest.mark.parametrize("raw", ["91350100M000100Y44", "91350100M000100Y4", "91350100M0001I0Y43", "", "913501OOM000100Y43"])
def test_credit_code_refuses_bad_codes(raw):
    with pytest.raises(ValidationError) as error:
        v.clean_credit_code(raw)
    assert "统一社会信用代码不正确" in error.value.messages[0]


def test_other_ids_need_a_plausible_shape():
    assert v.clean_other_id("e 1234 5678") == "E12345678"
    with pytest.raises(ValidationError):
        v.clean_other_id("护照号")


def test_images_are_judged_by_content():
    png = SimpleUploadedFile("现场.png", image_bytes("PNG"), content_type="application/octet-stream")
    assert v.validate_image(png) == "image/png" and png.content_type == "image/png"
    jpeg = SimpleUploadedFile("photo.JPG", image_bytes("JPEG"), content_type="image/png")
    assert v.validate_image(jpeg) == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.jpg", b"<?php echo 'not an image'; ?>" * 10),  # wrong content, right extension
        ("photo.gif", image_bytes("GIF")),  # a real image of another format
        ("photo.png", image_bytes("JPEG")),  # a JPEG pretending to be PNG
        ("photo.exe", image_bytes("PNG")),
        ("doc.pdf", b"%PDF-1.4 ..."),
    ],
)
def test_images_refuse_other_content(name, content):
    with pytest.raises(ValidationError) as error:
        v.validate_image(SimpleUploadedFile(name, content))
    assert "不是 JPEG 或 PNG 格式的图片" in error.value.messages[0]


def test_uploads_over_5_mb_are_refused():
    big = SimpleUploadedFile("big.png", image_bytes("PNG") + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        v.validate_image(big)
    assert "超过了 5 MB" in error.value.messages[0]
    with pytest.raises(ValidationError):
        v.validate_document(SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)))


def test_empty_upload_is_refused():
    with pytest.raises(ValidationError):
        v.validate_document(SimpleUploadedFile("empty.pdf", b""))


def test_documents_are_pdf_by_header_or_images():
    pdf = SimpleUploadedFile("证件.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert v.validate_document(pdf) == "application/pdf"
    assert v.validate_document(SimpleUploadedFile("id.jpeg", image_bytes("JPEG"))) == "image/jpeg"
    for bad in (
        SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("id.docx", b"PK\x03\x04"),
        SimpleUploadedFile("id.jpg", b"%PDF-1.7\n"),
    ):
        with pytest.raises(ValidationError):
            v.validate_document(bad)


def test_text_must_say_something():
    assert v.validate_meaningful_text("门口的垃圾箱三天没有清运了")
    with pytest.raises(ValidationError) as error:
        v.validate_meaningful_text("太   吵   了 ！ ！")
    assert "至少写 10 个字" in error.value.messages[0]
