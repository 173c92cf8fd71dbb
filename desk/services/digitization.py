"""Digitizing a dossier's documents: scanner profiles, scans through the driver host, imported
files, the finished document PDFs, and reuse of papers a citizen already had digitized.

DOMAIN.md §9: per document, 0 not digitized, 1 digitized, 2 reused (3: reused from another
dossier's result, which comes with result return). Do not ask a citizen again for a paper
already digitized and valid."""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desk.domain.errors import DomainError
from desk.domain.status import DossierStatus
from desk.domain.text import fold_for_search
from desk.paths import DeskPaths
from desk.scanning.assemble import StoredDocument, store_document
from desk.scanning.driver import DriverHost
from desk.scanning.folder import FolderWatcher, FolderWatchThread
from desk.scanning.model import (
    COLOUR_MODES,
    DEFAULT_RESOLUTION,
    RESOLUTIONS,
    SOURCES,
    DeviceInfo,
    ScanError,
    ScannerProfile,
    ScanSettings,
)
from desk.scanning.pages import IMPORTABLE, Page, import_file, render_preview, store_scanned_file
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow

log = logging.getLogger(__name__)
__all__ = ["COLOUR_MODES", "DEFAULT_RESOLUTION", "IMPORTABLE", "RESOLUTIONS", "SOURCES", "DeviceInfo",
           "DigitizationService", "DocumentFile", "Page", "ReuseOffer", "ScanError", "ScanResult", "ScanSettings",
           "ScannerProfile", "render_preview"]

NOT_DIGITIZED, DIGITIZED, REUSED, REUSED_RESULT = 0, 1, 2, 3
# Papers from dossiers that were refused or withdrawn may be the very reason: not offered again.
_NOT_REUSABLE = (int(DossierStatus.REFUSED), int(DossierStatus.WITHDRAWN))
WORK_FILES_KEPT_S = 3 * 24 * 3600


@dataclass(frozen=True)
class ReuseOffer:
    sha256: str
    pages: int
    dossier_code: str
    received_at: datetime
    document_name: str


@dataclass(frozen=True)
class DocumentFile:
    """What the clerk attached to one checklist line: new pages, or an earlier digitized file."""

    pages: tuple[Page, ...] = ()
    reuse: ReuseOffer | None = None

    @property
    def empty(self) -> bool:
        return not self.pages and self.reuse is None


@dataclass
class ScanResult:
    pages: list[Page] = field(default_factory=list)  # separator sheets included, flagged (Page.separator)
    error: str = ""                                  # a failure after some pages arrived


class DigitizationService:
    def __init__(self, db: Database, paths: DeskPaths, settings: SettingsStore,
                 driver: DriverHost | None = None):
        self.db = db
        self.paths = paths
        self.settings_store = settings
        self.driver = driver or DriverHost()
        self._lock = threading.Lock()

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    @property
    def work_dir(self) -> Path:
        """Pages of dossiers not saved yet: kept on disk, so a crash loses no scan."""
        return self.paths.data_dir / "scans" / "work"

    # -- scanner profiles ---------------------------------------------------------------------
    def profiles(self) -> list[ScannerProfile]:
        profiles = []
        for data in self.settings.scanner_profiles:
            try:
                profiles.append(ScannerProfile.from_dict(data))
            except (KeyError, TypeError, DomainError) as exc:
                log.warning("ignoring a broken scanner profile %r: %s", data, exc)
        return profiles

    def current_profile(self) -> ScannerProfile | None:
        profiles = self.profiles()
        for profile in profiles:
            if profile.name == self.settings.scanner_profile:
                return profile
        return profiles[0] if profiles else None

    def save_profile(self, profile: ScannerProfile, *, make_current: bool = True) -> None:
        if not profile.name.strip():
            raise DomainError("Hãy đặt tên cho cấu hình máy quét.", field="profile_name")
        profile.settings.validate()
        others = [p.to_dict() for p in self.profiles() if p.name != profile.name]
        current = {"scanner_profile": profile.name} if make_current else {}
        self.settings_store.update(scanner_profiles=[*others, profile.to_dict()], **current)

    def choose_profile(self, name: str) -> None:
        """Make a saved profile the one the "Quét" buttons use."""
        if name == self.settings.scanner_profile or all(p.name != name for p in self.profiles()):
            return
        self.settings_store.update(scanner_profile=name)

    def delete_profile(self, name: str) -> None:
        current = {"scanner_profile": ""} if self.settings.scanner_profile == name else {}
        self.settings_store.update(scanner_profiles=[p.to_dict() for p in self.profiles() if p.name != name],
                                   **current)

    def save_scanner_settings(self, profile: ScannerProfile, watch_folder: str) -> None:
        """The scanner dialog's Save: the profile (made current) and the "scan to folder" folder."""
        self.save_profile(profile)
        if watch_folder != self.settings.watch_folder:
            self.set_watch_folder(watch_folder)

    def save_separator_sheet(self, target: Path) -> Path:
        """The sheet a clerk puts between two documents in the feeder, as a PDF to print once and reuse."""
        from desk.fileio import atomic_write_bytes
        from printing.separator import render_separator_sheet

        atomic_write_bytes(target, render_separator_sheet())
        return target

    def set_watch_folder(self, folder: str) -> None:
        if folder and not Path(folder).is_dir():
            raise DomainError(f"Không thấy thư mục “{folder}”.", field="watch_folder")
        self.settings_store.update(watch_folder=folder)

    def folder_watch(self, on_ready: Callable[[list[Path]], None]) -> FolderWatchThread | None:
        """A thread watching the "scan to folder" folder (not started), or None when there is none."""
        folder = self.settings.watch_folder
        return FolderWatchThread(FolderWatcher(Path(folder)), on_ready) if folder else None

    def devices(self, backends: Sequence[str] = ()) -> list[DeviceInfo]:
        """Scanners the drivers can see (each backend asked in its own child process)."""
        found, errors = [], []
        for backend in backends or self.available_backends():
            try:
                found.extend(self.driver.devices(backend))
            except ScanError as error:
                errors.append(str(error))
        if not found and errors:
            raise ScanError(" ".join(errors))
        return found

    @staticmethod
    def available_backends() -> tuple[str, ...]:
        return ("wia",) if sys.platform == "win32" else ("sane",)

    # -- pages ----------------------------------------------------------------------------------
    def scan(self, profile: ScannerProfile, *, on_page: Callable[[Page], None] | None = None,
             cancel: threading.Event | None = None) -> ScanResult:
        """Scan with ``profile``; each page is compressed and stored as it arrives. A driver that
        fails after some pages keeps those pages (``error`` says what happened)."""
        raw_dir = self.paths.data_dir / "scans" / "raw" / uuid.uuid4().hex
        result = ScanResult()
        settings = profile.settings

        def arrived(path: Path, info: dict) -> None:
            page = store_scanned_file(path, info.get("dpi") or settings.resolution, self.work_dir,
                                      lineart=settings.mode == "lineart", detect_separators=settings.batch)
            result.pages.append(page)
            if on_page is not None:
                on_page(page)

        try:
            self.driver.scan(profile, raw_dir, arrived, cancel)
        except ScanError as error:
            if not result.pages:
                raise
            result.error = str(error)
        finally:
            shutil.rmtree(raw_dir, ignore_errors=True)
        return result

    def import_files(self, paths: Sequence[Path]) -> list[Page]:
        pages: list[Page] = []
        for path in paths:
            pages.extend(import_file(Path(path), self.work_dir))
        return pages

    def store(self, pages: Sequence[Page]) -> StoredDocument:
        return store_document(pages, self.paths.files)

    def discard_work(self, pages: Sequence[Page]) -> None:
        """Forget pages that went into a stored document or were thrown away."""
        self.discard_sources({page.source for page in pages})

    def discard_sources(self, sources: set[Path]) -> None:
        for source in sources:
            if source.parent == self.work_dir:
                source.unlink(missing_ok=True)

    def prune_work(self, older_than_s: float = WORK_FILES_KEPT_S, keep: Collection[Path] = frozenset()) -> int:
        """Drop work pages abandoned days ago (a dossier never saved), except those a waiting draft needs."""
        removed, limit = 0, time.time() - older_than_s
        for folder in (self.work_dir, self.paths.data_dir / "scans" / "raw"):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                try:
                    if entry not in keep and entry.stat().st_mtime < limit:
                        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
                        removed += 1
                except OSError:
                    continue
        return removed

    # -- reuse ----------------------------------------------------------------------------------
    def reuse_offers(self, id_number: str, document_names: Sequence[str]) -> dict[int, ReuseOffer]:
        """For each checklist line (by index), the newest valid digitized paper of the same kind
        this citizen already brought, when there is one and its file is on this desk."""
        id_number = id_number.strip()
        if not id_number or not document_names:
            return {}
        wanted = {fold_for_search(name): index for index, name in enumerate(document_names)}
        offers: dict[int, ReuseOffer] = {}
        with self.db.read() as session:
            rows = session.execute(
                select(DossierRow.code, DossierRow.received_at, DossierRow.documents)
                .where(DossierRow.owner_id_number == id_number, DossierRow.status.not_in(_NOT_REUSABLE))
                .order_by(DossierRow.received_at.desc()).limit(200)).all()
        for code, received_at, documents in rows:
            for document in documents or ():
                index = wanted.get(fold_for_search(document.get("name", "")))
                sha256 = document.get("sha256")
                if index is None or index in offers or not sha256 or not document.get("digitized"):
                    continue
                if not self.paths.file_path(sha256).exists():
                    continue
                offers[index] = ReuseOffer(sha256=sha256, pages=int(document.get("pages") or 0),
                                           dossier_code=code, received_at=received_at,
                                           document_name=document["name"])
        return offers
