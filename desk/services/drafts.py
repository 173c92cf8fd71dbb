"""The intake form being filled in, kept on disk while the clerk works: after a crash or a power cut
the desk offers to bring it back, scanned pages included ("nothing lost", the product bar).

One draft per counter (``drafts/intake.json`` in the data directory), written atomically a moment
after each change and removed once the dossier is saved or the form is cleared."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desk.fileio import atomic_write_text
from desk.paths import DeskPaths
from desk.scanning.pages import Page, thumbnail_of

from .digitization import ReuseOffer

log = logging.getLogger(__name__)
DRAFT_VERSION = 1


def page_to_dict(page: Page) -> dict:
    return {"source": str(page.source), "index": page.index, "rotation": page.rotation, "size": page.size}


def reuse_to_dict(offer: ReuseOffer | None) -> dict | None:
    if offer is None:
        return None
    return {"sha256": offer.sha256, "pages": offer.pages, "dossier_code": offer.dossier_code,
            "received_at": offer.received_at.isoformat(), "document_name": offer.document_name}


def reuse_from_dict(item: dict | None) -> ReuseOffer | None:
    if not item:
        return None
    return ReuseOffer(sha256=item["sha256"], pages=int(item["pages"]), dossier_code=item["dossier_code"],
                      received_at=datetime.fromisoformat(item["received_at"]), document_name=item["document_name"])


class DraftStore:
    def __init__(self, paths: DeskPaths):
        self.path = paths.data_dir / "drafts" / "intake.json"

    def save(self, draft: dict) -> None:
        atomic_write_text(self.path, json.dumps({"version": DRAFT_VERSION, **draft}, ensure_ascii=False))

    def load(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("intake draft unreadable, ignored: %s", exc)
            return None
        return data if isinstance(data, dict) and data.get("version") == DRAFT_VERSION else None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def pages_from(items: list[dict]) -> tuple[list[Page], int]:
        """The draft's pages whose files are still there (with fresh thumbnails), and how many are gone."""
        pages, missing = [], 0
        for item in items:
            source = Path(item.get("source", ""))
            try:
                page = Page(source=source, index=int(item.get("index", 0)), rotation=int(item.get("rotation", 0)),
                            size=int(item.get("size", 0)))
                pages.append(replace(page, thumbnail=thumbnail_of(page)))
            except (OSError, ValueError, TypeError) as exc:
                log.warning("draft page %s not restored: %s", source, exc)
                missing += 1
        return pages, missing
