"""One PDF per document, from its pages, stored content-addressed by SHA-256 (docs/ARCHITECTURE.md, the data model)."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desk.fileio import atomic_write_bytes
from desk.pdfium_lock import with_pdfium

from .model import ScanError
from .pages import Page


@dataclass(frozen=True)
class StoredDocument:
    sha256: str
    size: int
    pages: int
    path: Path


@with_pdfium
def build_pdf(pages: Sequence[Page]) -> bytes:
    """The document's PDF: each page copied from its source as it is (no re-encoding), turned by
    the clerk's rotation on top of any it already had."""
    import pypdfium2 as pdfium

    if not pages:
        raise ScanError("Giấy tờ chưa có trang nào để lưu.")
    document = pdfium.PdfDocument.new()
    sources: dict[Path, pdfium.PdfDocument] = {}
    try:
        for page in pages:
            source = sources.get(page.source)
            if source is None:
                try:
                    source = sources[page.source] = pdfium.PdfDocument(page.source.read_bytes())
                except (OSError, pdfium.PdfiumError) as exc:
                    raise ScanError("Một trang đã quét không còn đọc được trong thư mục tạm; hãy quét lại "
                                    "giấy tờ này.") from exc
            document.import_pages(source, pages=[page.index])
            if page.rotation:
                imported = document[len(document) - 1]
                imported.set_rotation((imported.get_rotation() + page.rotation) % 360)
                imported.close()
        buffer = io.BytesIO()
        document.save(buffer)
        return _content_id(buffer.getvalue())
    finally:
        for source in sources.values():
            source.close()
        document.close()


_ID_RE = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")


def _content_id(data: bytes) -> bytes:
    """Replace pdfium's random file identifier by one derived from the content (same length, so
    no offset moves): the same pages then make the same bytes, hence the same SHA-256 and one
    stored file."""
    match = _ID_RE.search(data)
    if match is None:
        return data
    blank = data[:match.start(1)] + b"0" * 32 + data[match.end(1):match.start(2)] + b"0" * 32 + data[match.end(2):]
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode("ascii")
    return data[:match.start(1)] + digest + data[match.end(1):match.start(2)] + digest + data[match.end(2):]


def store_pdf(data: bytes, files_dir: Path, pages: int) -> StoredDocument:
    """Write ``data`` under its hash; a file already there with that hash is the same file."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = files_dir / sha256[:2] / sha256
    if not (path.exists() and path.stat().st_size == len(data)):
        atomic_write_bytes(path, data)
    return StoredDocument(sha256=sha256, size=len(data), pages=pages, path=path)


def store_document(pages: Sequence[Page], files_dir: Path) -> StoredDocument:
    return store_pdf(build_pdf(pages), files_dir, len(pages))


def split_batch(pages: Sequence[Page]) -> list[list[Page]]:
    """A feeder batch cut at separator sheets (blank, or bearing a separator barcode); the
    separators themselves are dropped. Empty groups (two separators in a row) are dropped too."""
    groups: list[list[Page]] = [[]]
    for page in pages:
        if page.separator:
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(page)
    return [group for group in groups if group]
