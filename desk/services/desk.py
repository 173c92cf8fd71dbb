"""The services of one desk, wired together once (the composition root hands them out)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import resources
from desk.domain.clock import vietnam_now
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database, DatabaseError, integrity, search, sharing
from desk.sync.credentials import Credentials, KeyringSigner

from .agency import AgencyService, CounterService
from .audit import AuditService
from .backup import BackupService
from .calendar import CalendarService
from .catalog import CatalogService
from .digitization import DigitizationService
from .dossiers import DossierService
from .feedback import FeedbackService
from .forms import FormService
from .indicators import IndicatorService
from .intake import IntakeService
from .kiosk import KioskService
from .lifecycle import LifecycleService
from .rebuild import RebuildService
from .receipts import ReceiptService
from .reports import ReportService
from .sync import SyncService
from .users import UserService

log = logging.getLogger(__name__)

# What the window recognises when the database cannot be opened because it is damaged (it offers the restore).
DatabaseCorrupt = integrity.DatabaseCorrupt


@dataclass
class DeskServices:
    paths: DeskPaths
    settings_store: SettingsStore
    db: Database
    agency: AgencyService
    catalog: CatalogService
    calendar: CalendarService
    receipts: ReceiptService
    intake: IntakeService
    dossiers: DossierService
    sync: SyncService
    digitization: DigitizationService
    forms: FormService
    lifecycle: LifecycleService
    kiosk: KioskService
    users: UserService
    counter: CounterService
    audit: AuditService
    backup: BackupService
    rebuild: RebuildService
    indicators: IndicatorService
    feedback: FeedbackService
    reports: ReportService

    @property
    def settings(self) -> CounterSettings:
        """The counter's settings now (a value: ``settings_store`` changes them)."""
        return self.settings_store.current

    @classmethod
    def create(cls, paths: DeskPaths, settings: SettingsStore, db: Database,
               clock: Callable[[], datetime] = vietnam_now) -> DeskServices:
        agency = AgencyService(db)
        calendar = CalendarService(db)
        catalog = CatalogService(db)
        receipts = ReceiptService(db, agency, paths, settings, signer=_ReceiptSignerForSettings(settings))
        digitization = DigitizationService(db, paths, settings)
        forms = FormService(db, agency, paths, settings, clock)
        dossiers = DossierService(db, clock)
        lifecycle = LifecycleService(db, agency, calendar, receipts, forms, settings, clock)
        audit = AuditService(db)
        sync = SyncService(db, paths, settings, catalog, receipts, audit)
        backup = BackupService(paths, settings, db, clock)
        indicators = IndicatorService(db, clock, calendar.calendar)
        feedback = FeedbackService(db, calendar, paths, agency, clock=clock)
        # A chain rewritten whole on this machine is caught by heads kept elsewhere.
        audit.anchor_sources += [sync.latest_anchor, backup.latest_anchor]
        return cls(paths=paths, settings_store=settings, db=db, agency=agency, catalog=catalog,
                   calendar=calendar, receipts=receipts,
                   intake=IntakeService(db, agency, calendar, receipts, settings, clock, digitization, forms),
                   dossiers=dossiers, sync=sync,
                   digitization=digitization, forms=forms, lifecycle=lifecycle,
                   kiosk=KioskService(db, lifecycle, dossiers), users=UserService(db),
                   counter=CounterService(db, paths, settings), audit=audit, backup=backup,
                   rebuild=RebuildService(db, paths, settings, sync, catalog), indicators=indicators,
                   feedback=feedback, reports=ReportService(indicators, agency, paths, feedback))

    def prepare(self) -> None:
        """Migrate the schema and seed the catalog and calendar on first start."""
        self.paths.ensure()
        self.db.migrate()
        search.ensure_trigram_index(self.db)
        seeded = self.catalog.seed_if_empty(resources.CATALOG_FILE)
        self.calendar.seed_if_empty(resources.CALENDAR_DIR)
        from .drafts import DraftStore

        self.digitization.prune_work(keep=DraftStore(self.paths).referenced_sources())
        if seeded:
            log.info("first start: catalog seeded with %d procedures", seeded)


class _ReceiptSignerForSettings:
    """Signs with the desk's key once the desk is enrolled; before that receipts carry no signature."""

    def __init__(self, settings: SettingsStore):
        self.settings_store = settings
        self._signer: KeyringSigner | None = None
        self._account = ""

    def _current(self) -> KeyringSigner | None:
        """The signer of the current sync account, or None before enrollment."""
        account = self.settings_store.current.sync_account
        if not account:
            return None
        if self._signer is None or self._account != account:
            self._signer, self._account = KeyringSigner(Credentials(account)), account
        return self._signer

    def sign(self, facts: dict) -> str | None:
        signer = self._current()
        return signer.sign(facts) if signer else None

    def seal(self, facts: dict) -> str | None:
        signer = self._current()
        return signer.seal(facts) if signer else None

    def verify(self, facts: dict, signature: str) -> bool:
        signer = self._current()
        return signer.verify(facts, signature) if signer else False


def refuse_network_share(data_dir: Path) -> None:
    """SQLite on a network share can be damaged when two machines write: counters on several machines share
    a PostgreSQL server instead (desk/store/sharing.py)."""
    kind = sharing.network_file_system(data_dir)
    if kind is not None:
        raise DatabaseError(f"Thư mục dữ liệu {data_dir} nằm trên ổ mạng ({kind}). Cơ sở dữ liệu SQLite trên ổ "
                            "mạng có thể hỏng khi nhiều máy cùng ghi. Hãy để thư mục dữ liệu trên ổ của chính máy "
                            "này; các quầy trên nhiều máy dùng chung một máy chủ PostgreSQL (mục “database_url” "
                            "trong cài đặt, xem docs/ADMIN.md).")


def open_desk(paths: DeskPaths, settings: CounterSettings | SettingsStore,
              clock: Callable[[], datetime] = vietnam_now) -> DeskServices:
    """Open, migrate and seed. A restore killed half-way is settled first; a damaged SQLite header (checked
    in ≈ 0.1 ms: quick_check itself takes seconds on a large database and runs on a worker once the window is
    up, BackupService.check_integrity) or damage met while opening raises DatabaseCorrupt, whose message says
    what to do and never carries SQL."""
    from .restore import finish_interrupted_restore

    store = settings if isinstance(settings, SettingsStore) else SettingsStore(paths.settings, settings)
    finish_interrupted_restore(paths, store)
    url = store.current.database_url
    if not url:
        refuse_network_share(paths.data_dir)
        integrity.raise_if_header_damaged(paths.database)
    db = Database(url) if url else Database.in_directory(paths.data_dir)
    services = DeskServices.create(paths, store, db, clock)
    try:
        services.prepare()
    except Exception as error:
        corrupt = integrity.corruption_from(error)
        if corrupt is None:
            raise
        db.dispose()
        raise corrupt from None
    return services
