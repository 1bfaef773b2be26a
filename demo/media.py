"""Images and documents for demo content, drawn locally with Pillow and openpyxl (no downloads)."""

import io
import math
import random
import zlib

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

PALETTES = [
    ((12, 92, 142), (93, 173, 226), (242, 246, 250)),   # river blue
    ((31, 122, 72), (126, 200, 120), (236, 247, 232)),   # park green
    ((0, 105, 120), (120, 200, 200), (232, 246, 246)),   # teal
    ((190, 110, 20), (245, 190, 90), (252, 244, 230)),   # sunrise
    ((70, 80, 150), (150, 160, 230), (238, 240, 252)),   # dusk
    ((120, 140, 60), (200, 210, 120), (246, 248, 232)),  # fields
]


def _landscape(width, height, rng):
    """A simple city-and-river landscape: sky gradient, skyline, trees and water."""
    dark, mid, light = rng.choice(PALETTES)
    img = PILImage.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(img)
    for y in range(height // 2):
        t = y / (height / 2)
        colour = tuple(int(light[i] * (1 - t) + mid[i] * t * 0.6 + light[i] * t * 0.4) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y, r = rng.randint(width // 6, width - width // 6), rng.randint(height // 10, height // 3), height // 10
    draw.ellipse([sun_x - r, sun_y - r, sun_x + r, sun_y + r], fill=(255, 236, 180))
    x = 0
    horizon = int(height * 0.62)
    while x < width:
        w = rng.randint(width // 30, width // 12)
        h = rng.randint(height // 8, int(height * 0.45))
        shade = tuple(max(0, c - rng.randint(0, 40)) for c in dark)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=shade)
        for wy in range(horizon - h + 6, horizon - 4, 10):
            for wx in range(x + 4, x + w - 4, 8):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 3, wy + 4], fill=(250, 240, 200))
        x += w + rng.randint(0, width // 40)
    draw.rectangle([0, horizon, width, height], fill=mid)
    for i in range(6):
        y = horizon + 8 + i * (height - horizon) // 7
        for xx in range(0, width, 24):
            off = int(4 * math.sin((xx + i * 13) / 17))
            draw.line([(xx, y + off), (xx + 12, y + off)], fill=light, width=2)
    for _ in range(rng.randint(4, 9)):
        tx = rng.randint(0, width)
        ty = horizon - rng.randint(0, 8)
        tr = rng.randint(height // 30, height // 14)
        draw.ellipse([tx - tr, ty - 2 * tr, tx + tr, ty], fill=(40, 120, 60))
        draw.rectangle([tx - 2, ty, tx + 2, ty + tr // 2], fill=(90, 60, 30))
    return img


def _portrait(width, height, rng):
    """A neutral silhouette for leader photos."""
    bg = (222, 230, 238)
    img = PILImage.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(img)
    suit = rng.choice([(40, 50, 70), (30, 40, 60), (55, 60, 75)])
    draw.ellipse([width * 0.3, height * 0.18, width * 0.7, height * 0.52], fill=(232, 200, 170))
    draw.rectangle([width * 0.15, height * 0.62, width * 0.85, height], fill=suit)
    draw.ellipse([width * 0.15, height * 0.55, width * 0.85, height * 0.8], fill=suit)
    draw.polygon([(width * 0.45, height * 0.6), (width * 0.55, height * 0.6), (width * 0.5, height * 0.8)], fill=(250, 250, 250))
    draw.ellipse([width * 0.28, height * 0.12, width * 0.72, height * 0.3], fill=(30, 30, 30))
    return img


def _png_bytes(img):
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=82)
    return buf.getvalue()


def make_image(title, seed, kind="landscape", collection=None):
    """Create and return a Wagtail Image with a locally drawn picture."""
    rng = random.Random(seed)
    pic = _portrait(360, 480, rng) if kind == "portrait" else _landscape(1200, 675, rng)
    image = Image(title=title)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(io.BytesIO(_png_bytes(pic)), name=f"demo-{zlib.crc32(str(seed).encode())}.jpg")
    image.save()
    return image


def make_pdf_document(title, seed, collection=None):
    """A one-page PDF (a drawn page with a header band) as a Wagtail Document."""
    rng = random.Random(seed)
    page = PILImage.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, 120], fill=(180, 20, 20))
    draw.line([(100, 220), (1140, 220)], fill=(180, 20, 20), width=4)
    for i in range(28):
        y = 300 + i * 48
        draw.line([(120, y), (120 + rng.randint(600, 1000), y)], fill=(120, 120, 120), width=6)
    buf = io.BytesIO()
    page.save(buf, format="PDF", resolution=150)
    doc = Document(title=title)
    if collection is not None:
        doc.collection = collection
    doc.file = SimpleUploadedFile(f"demo-{zlib.crc32(str(seed).encode())}.pdf", buf.getvalue(), content_type="application/pdf")
    doc.save()
    return doc


def make_form_document(title, fields, seed, collection=None):
    """An application form as an XLSX workbook (Chinese labels render in any office suite)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申请表"
    ws.merge_cells("A1:D1")
    ws["A1"] = title
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    for row, label in enumerate(fields, start=3):
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        for col in range(1, 5):
            ws.cell(row=row, column=col).border = Border(top=thin, bottom=thin, left=thin, right=thin)
    ws.column_dimensions["A"].width = 22
    for col in "BCD":
        ws.column_dimensions[col].width = 20
    buf = io.BytesIO()
    wb.save(buf)
    doc = Document(title=title)
    if collection is not None:
        doc.collection = collection
    doc.file = SimpleUploadedFile(
        f"form-{zlib.crc32(str(seed).encode())}.xlsx",
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    doc.save()
    return doc
