"""QR codes for the check-in list: an SVG (no image files, no JavaScript) per registration,
encoding the admin address that checks that registration in (qrcode, already pinned for 2FA)."""

import qrcode
import qrcode.image.svg


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")
