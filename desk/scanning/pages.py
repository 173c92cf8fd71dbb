"""From a scanner's (or a file's) image to a stored page: clean-up, compression, thumbnail.

Size targets (issue 5; the province scores digitization, DOMAIN.md §8–9, and every byte goes over
the commune's line to the province): a grey A4 page at 300 dpi ≤ 250 KB, a colour ID card
≤ 150 KB, still legible. The encoder tries, in order, until the page fits its budget:
  1. JPEG at a good quality, after mapping the paper's tone to white (scanner noise and grey
     paper cost bytes and legibility);
  2. for a grey page that is mostly text (few mid-tones): 1 bit per pixel, lossless Flate, at the
     full resolution: text stays crisp and a dense A4 page weighs 50–150 KB;
  3. lower JPEG qualities, then fewer pixels (2/3, then 1/2 of the resolution).
"""

from __future__ import annotations

import io
import uuid
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence

from desk.domain.codes import SEPARATOR_CODE, DossierCode
from desk.domain.errors import DomainError
from desk.pdfium_lock import with_pdfium

from . import pdfpage
from .model import ScanError

A4_SQUARE_INCHES = (210 / 25.4) * (297 / 25.4)
GREY_BUDGET_A4 = 250 * 1024
COLOUR_BUDGET_A4 = 400 * 1024
SMALL_COLOUR_BUDGET = 150 * 1024   # an ID card or a photo, whatever its area
MIN_BUDGET = 40 * 1024
THUMBNAIL_HEIGHT = 200
IMPORT_LIMIT_BYTES = 60 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """One page of a document being digitized: page ``index`` of the PDF at ``source``,
    turned clockwise by ``rotation`` degrees when the document is assembled."""

    source: Path
    index: int = 0
    rotation: int = 0
    thumbnail: bytes = b""  # JPEG, THUMBNAIL_HEIGHT pixels high, for the page strip
    size: int = 0           # bytes of the stored page (its share of the document's PDF)
    blank: bool = False
    separator: bool = False

    def rotated(self, degrees: int) -> Page:
        return replace(self, rotation=(self.rotation + degrees) % 360)


def budget_for(width_in: float, height_in: float, colour: bool) -> int:
    share = (width_in * height_in) / A4_SQUARE_INCHES
    if colour:
        return max(SMALL_COLOUR_BUDGET, int(COLOUR_BUDGET_A4 * share))
    return max(MIN_BUDGET, int(GREY_BUDGET_A4 * share))


def _normalise_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("L", "RGB", "1"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")


def _paper_to_white(image: Image.Image, sample: Image.Image) -> tuple[Image.Image, Image.Image]:
    """Map the paper's tone (the median of a mostly light page) to pure white."""
    histogram = sample.convert("L").histogram()
    half, seen, median = sum(histogram) / 2, 0, 255
    for value, count in enumerate(histogram):
        seen += count
        if seen >= half:
            median = value
            break
    if median < 170 or median >= 250:  # a photo, or already clean paper
        return image, sample
    white = median - 8
    lut = [min(255, value * 255 // white) for value in range(256)]
    if image.mode == "RGB":
        lut = lut * 3
    return image.point(lut), sample.point(lut)


def _mostly_text(sample: Image.Image) -> bool:
    histogram = sample.convert("L").histogram()
    mid = sum(histogram[48:208])
    return mid / max(1, sum(histogram)) < 0.12


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=False, subsampling=2 if image.mode == "RGB" else 0)
    return buffer.getvalue()


def _bilevel(image: Image.Image) -> bytes:
    bits = image if image.mode == "1" else image.convert("L").convert("1", dither=Image.Dither.NONE)
    return zlib.compress(bits.tobytes(), 6)


def encode_page(image: Image.Image, dpi: float, *, lineart: bool = False) -> bytes:
    """A one-page PDF holding ``image`` at ``dpi``, within its size budget."""
    image = _normalise_mode(image)
    dpi = float(dpi) if dpi and dpi > 0 else 200.0
    colour = image.mode == "RGB"
    budget = budget_for(image.width / dpi, image.height / dpi, colour)
    sample = image.reduce(4) if min(image.size) >= 400 else image

    def as_bilevel(img: Image.Image) -> bytes:
        return pdfpage.image_page(_bilevel(img), width=img.width, height=img.height, dpi=dpi, colour=False,
                                  bits=1, filter_name="FlateDecode")

    if image.mode == "1" or lineart:
        return as_bilevel(image)
    image, sample = _paper_to_white(image, sample)

    def as_jpeg(img: Image.Image, quality: int, scale: float = 1.0) -> bytes:
        return pdfpage.image_page(_jpeg(img, quality), width=img.width, height=img.height, dpi=dpi * scale,
                                  colour=colour, bits=8, filter_name="DCTDecode")

    first = as_jpeg(image, 75 if colour else 70)
    if len(first) <= budget:
        return first
    if not colour and _mostly_text(sample):
        page = as_bilevel(image)
        if len(page) <= budget:
            return page
    for quality in (50, 35):
        page = as_jpeg(image, quality)
        if len(page) <= budget:
            return page
    for scale, quality in ((2 / 3, 50), (1 / 2, 45), (1 / 3, 40)):
        smaller = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                               Image.Resampling.BILINEAR)
        page = as_jpeg(smaller, quality, scale)
        if len(page) <= budget:
            return page
    return page


def thumbnail(image: Image.Image) -> bytes:
    image = _normalise_mode(image)
    factor = max(1, image.height // THUMBNAIL_HEIGHT)
    small = image.reduce(factor) if image.mode != "1" and factor > 1 else image.convert("L")
    if small.height > THUMBNAIL_HEIGHT:
        small = small.resize((max(1, small.width * THUMBNAIL_HEIGHT // small.height), THUMBNAIL_HEIGHT),
                             Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    small.convert("RGB" if small.mode == "RGB" else "L").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def is_blank(image: Image.Image) -> bool:
    """A blank sheet: almost no dark pixels away from the edges (where scanners leave shadows)."""
    grey = _normalise_mode(image).convert("L")
    grey = grey.reduce(max(1, min(grey.size) // 300))
    w, h = grey.size
    inner = grey.crop((w // 20, h // 20, w - w // 20, h - h // 20))
    histogram = inner.histogram()
    dark = sum(histogram[:160])
    return dark / max(1, sum(histogram)) < 0.002


def separator_code(image: Image.Image) -> str | None:
    """The separator text or a dossier code, when the page carries one as a barcode."""
    import zxingcpp
    grey = _normalise_mode(image).convert("L")
    if grey.width > 1400:
        grey = grey.reduce(2)
    # Code128 only: separator sheets and receipts carry one; looking for every symbology cost
    # ≈ 65 ms a feeder page at 300 dpi, Code128 alone ≈ 14 ms.
    code128 = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.Code128)
    for result in zxingcpp.read_barcodes(grey, formats=code128):
        text = result.text.strip()
        if text == SEPARATOR_CODE:
            return text
        try:
            return str(DossierCode.parse(text))
        except DomainError:
            continue
    return None


def store_page(image: Image.Image, dpi: float, work_dir: Path, *, lineart: bool = False,
               detect_separators: bool = False) -> Page:
    """Compress ``image`` into a one-page PDF in ``work_dir`` and describe it as a Page."""
    data = encode_page(image, dpi, lineart=lineart)
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(data)
    blank = separator = False
    if detect_separators:
        blank = is_blank(image)
        separator = blank or separator_code(image) is not None
    return Page(source=path, index=0, thumbnail=thumbnail(image), size=len(data), blank=blank, separator=separator)


def store_scanned_file(path: Path, dpi: float, work_dir: Path, *, lineart: bool = False,
                       detect_separators: bool = False) -> Page:
    """A page the driver host wrote (PNM): compress it, then delete the raw file."""
    with Image.open(path) as image:
        image.load()
        page = store_page(image, dpi, work_dir, lineart=lineart, detect_separators=detect_separators)
    path.unlink(missing_ok=True)
    return page


# -- file import ---------------------------------------------------------------------------------
IMPORTABLE = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF"}


def _guess_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    value = float(dpi[0]) if isinstance(dpi, tuple) and dpi and dpi[0] else 0.0
    if abs(value - round(value)) < 0.01:
        value = float(round(value))  # PNG stores dots per metre: 3937 → 99.9998 dpi
    if value >= 75 and value != 72:
        return value
    # A phone photo says 72 dpi or nothing: assume the picture spans an A4 sheet's long side.
    return max(72.0, max(image.size) / (297 / 25.4))


def import_file(path: Path, work_dir: Path) -> list[Page]:
    """The pages of a PDF, JPEG, PNG or (multi-page) TIFF file, ready for a document."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMPORTABLE:
        raise ScanError(f"Không nhập được “{path.name}”: chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScanError(f"Không mở được “{path.name}”: {exc.strerror or exc}.") from exc
    if size > IMPORT_LIMIT_BYTES:
        raise ScanError(f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB; tối đa "
                        f"{IMPORT_LIMIT_BYTES // (1024 * 1024)} MB).")
    work_dir.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        return _import_pdf(path, work_dir)
    try:
        with Image.open(path) as image:
            pages = []
            for frame in ImageSequence.Iterator(image):
                frame = ImageOps.exif_transpose(frame) if suffix in (".jpg", ".jpeg") else frame.copy()
                pages.append(store_page(frame, _guess_dpi(image), work_dir))
            return pages
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ScanError(f"Không đọc được ảnh “{path.name}”: tệp hỏng hoặc không phải {IMPORTABLE[suffix]}.") from exc


@with_pdfium
def _import_pdf(path: Path, work_dir: Path) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    data = path.read_bytes()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "có mật khẩu" if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD else "hỏng hoặc không phải PDF"
        raise ScanError(f"Không mở được “{path.name}”: tệp {reason}.") from exc
    try:
        if len(document) == 0:
            raise ScanError(f"Tệp “{path.name}” không có trang nào.")
        copy = work_dir / f"{uuid.uuid4().hex}.pdf"
        copy.write_bytes(data)  # the clerk's file may move or vanish; the work copy stays
        share = len(data) // len(document)
        pages = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            scale = THUMBNAIL_HEIGHT / max(1.0, height if page.get_rotation() % 180 == 0 else width)
            image = page.render(scale=scale).to_pil()
            pages.append(Page(source=copy, index=index, thumbnail=thumbnail(image), size=share))
            page.close()
        return pages
    finally:
        document.close()


@with_pdfium
def render_preview(page: Page, height: int = 1100) -> bytes:
    """The page as the clerk will see it in the PDF (rotation included), PNG, ``height`` pixels high."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(page.source.read_bytes())
    try:
        pdf_page = document[page.index]
        width, page_height = pdf_page.get_width(), pdf_page.get_height()  # as displayed
        tall = page_height if page.rotation % 180 == 0 else width
        # pdfium already shows the page's own /Rotate; the clerk's turn comes on top
        image = pdf_page.render(scale=height / max(1.0, tall), rotation=page.rotation,
                                may_draw_forms=False).to_pil()
        pdf_page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


@with_pdfium
def thumbnail_of(page: Page) -> bytes:
    """A stored page's thumbnail, rendered again from its PDF (a restored draft)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(page.source.read_bytes())
    except pdfium.PdfiumError as exc:
        raise ValueError(f"not a PDF: {exc}") from exc
    try:
        pdf_page = document[page.index]
        image = pdf_page.render(scale=THUMBNAIL_HEIGHT / max(1.0, pdf_page.get_height())).to_pil()
        pdf_page.close()
    finally:
        document.close()
    return thumbnail(image)
