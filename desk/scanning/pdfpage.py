"""A one-page PDF around one compressed image, written directly (no re-encoding).

Each page is stored this way the moment it is processed; a document's PDF is then assembled
from these pages (and from the pages of imported PDFs) without touching the image data again."""

from __future__ import annotations

POINTS_PER_INCH = 72


def image_page(stream: bytes, *, width: int, height: int, dpi: float, colour: bool, bits: int,
               filter_name: str) -> bytes:
    """``stream`` is the encoded image: DCTDecode (JPEG) or FlateDecode (raw rows, 1 or 8 bits)."""
    page_w = width * POINTS_PER_INCH / dpi
    page_h = height * POINTS_PER_INCH / dpi
    content = f"q {page_w:.3f} 0 0 {page_h:.3f} 0 0 cm /Im0 Do Q".encode("ascii")
    colour_space = "/DeviceRGB" if colour else "/DeviceGray"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w:.3f} {page_h:.3f}] "
         f"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>").encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colour_space} "
         f"/BitsPerComponent {bits} /Filter /{filter_name} /Length {len(stream)} >>\nstream\n").encode("ascii")
        + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
