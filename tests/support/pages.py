"""Pages as a scanner delivers them, for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "LiberationSerif-Regular.ttf"
WORDS = "Cộng hòa xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc giấy khai sinh đăng ký hộ tịch".split()


def text_page(dpi: int = 300, *, lines: int = 42, barcode: Image.Image | None = None) -> Image.Image:
    """A dense grey A4 page of Vietnamese text as a scanner sees it: 12 pt, slightly blurred, grey paper."""
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    page = Image.new("L", (width, height), 232)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(dpi / 6))
    for line in range(lines):
        text = " ".join(WORDS[(line * 7 + k) % len(WORDS)] for k in range(12))
        draw.text((dpi, dpi + line * round(dpi / 4.3)), text, font=font, fill=35)
    if barcode is not None:
        page.paste(barcode, (width - barcode.width - dpi // 2, height - barcode.height - dpi // 2))
    return page.filter(ImageFilter.GaussianBlur(0.7))
