"""Reading printed PDFs back as a person or a scanner would: pixels, text, codes."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_page_count(pdf: bytes) -> int:
    result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    for line in result.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def pdf_page_size_mm(pdf: bytes) -> tuple[float, float]:
    result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    for line in result.stdout.decode().splitlines():
        if line.startswith("Page size:"):
            parts = line.split()
            return round(float(parts[2]) * 25.4 / 72, 1), round(float(parts[4]) * 25.4 / 72, 1)
    raise AssertionError("pdfinfo gave no page size")


def rasterise(pdf: bytes, dpi: int = 200, page: int = 1):
    """The page as a PIL image, through poppler like a printer driver would."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(source), str(Path(folder) / "page")], check=True)
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("L").copy()


def decode_codes(image) -> dict[str, str]:
    """Every barcode zxing-cpp finds on the image, by format name ("QRCode", "Code128")."""
    import zxingcpp

    found = {}
    for result in zxingcpp.read_barcodes(image):
        found[result.format.name] = result.text
    return found
