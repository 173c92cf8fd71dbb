"""The intake form being filled in, kept on disk while the clerk works: after a crash or a power cut
the desk offers to bring it back, scanned pages included ("nothing lost", the product bar).

One file per form (``drafts/intake-<key>.json`` in the data directory), written atomically a moment
after each change and removed once the form is saved (as a dossier, or as guidance or a refusal) or
cleared. The key is the form's idempotency key (services.intake): a draft whose form was saved
before a crash is recognised and never saved twice."""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desk.fileio import atomic_write_text
from desk.paths import DeskPaths
from desk.scanning.pages import Page, thumbnail_of

from .digitization import ReuseOffer

log = logging.getLogger(__name__)
DRAFT_VERSION = 2  # 2: one file per form, with its key
KEY_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def page_to_dict(page: Page) -> dict:
    return {"source": str(page.source), "index": page.index, "rotation": page.rotation, "size": page.size}


def work_sources(draft: dict) -> set[Path]:
    """The scanned-page files a draft refers to."""
    return {Path(item["source"]) for line in draft.get("lines", []) for item in line if item.get("source")}


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
    """Every form being filled in, each in its own file named by the form's idempotency key.

    Several drafts wait side by side: a clerk who leaves one citizen's form for later, or who
    ignores the offer to restore the form a crash left, starts a new form whose own draft is kept
    from its first keystroke; the older ones stay until restored, saved or discarded."""

    def __init__(self, paths: DeskPaths):
        self.folder = paths.data_dir / "drafts"
        self.legacy = self.folder / "intake.json"  # the one draft of earlier versions

    def path(self, key: str) -> Path:
        if not KEY_RE.fullmatch(key):
            raise ValueError(f"not a form key: {key!r}")
        return self.folder / f"intake-{key}.json"

    def save(self, key: str, draft: dict) -> None:
        atomic_write_text(self.path(key), json.dumps({"version": DRAFT_VERSION, **draft, "key": key},
                                                     ensure_ascii=False))

    def load_all(self) -> list[dict]:
        """The drafts on disk, oldest first, each with its ``key``; unreadable files are skipped."""
        self._adopt_legacy()
        drafts = []
        for path in sorted(self.folder.glob("intake-*.json"), key=_modified):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                log.warning("intake draft %s unreadable, ignored: %s", path.name, exc)
                continue
            if isinstance(data, dict) and data.get("version") in (1, DRAFT_VERSION) and \
                    KEY_RE.fullmatch(str(data.get("key", ""))) and path == self.path(data["key"]):
                drafts.append(data)
        return drafts

    def clear(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def referenced_sources(self) -> set[Path]:
        """Every scanned page some waiting draft still needs (start-up keeps them from being pruned)."""
        return {source for draft in self.load_all() for source in work_sources(draft)}

    def _adopt_legacy(self) -> None:
        """A draft left by the previous version gets a key of its own (it was never saved with one)."""
        try:
            data = json.loads(self.legacy.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("old intake draft unreadable, ignored: %s", exc)
            return
        if isinstance(data, dict) and data.get("version") == 1:
            self.save(str(uuid.uuid4()), data)
        self.legacy.unlink(missing_ok=True)

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
