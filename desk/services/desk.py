"""The services of one desk, wired together once (the composition root hands them out)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import resources
from desk.domain.clock import vietnam_now
from desk.paths import DeskPaths
from desk.settings import CounterSettings
from desk.store import Database

from .agency import AgencyService
from .calendar import CalendarService
from .catalog import CatalogService
from .dossiers import DossierService
from .intake import IntakeService
from .receipts import ReceiptService

log = logging.getLogger(__name__)


@dataclass
class DeskServices:
    paths: DeskPaths
    settings: CounterSettings
    db: Database
    agency: AgencyService
    catalog: CatalogService
    calendar: CalendarService
    receipts: ReceiptService
    intake: IntakeService
    dossiers: DossierService

    @classmethod
    def create(cls, paths: DeskPaths, settings: CounterSettings, db: Database,
               clock: Callable[[], datetime] = vietnam_now) -> "DeskServices":
        agency = AgencyService(db)
        calendar = CalendarService(db)
        receipts = ReceiptService(db, agency, paths, settings)
        return cls(paths=paths, settings=settings, db=db, agency=agency, catalog=CatalogService(db),
                   calendar=calendar, receipts=receipts,
                   intake=IntakeService(db, agency, calendar, receipts, settings, clock),
                   dossiers=DossierService(db))

    def prepare(self) -> None:
        """Migrate the schema and seed the catalog and calendar on first start."""
        self.paths.ensure()
        self.db.migrate()
        seeded = self.catalog.seed_if_empty(resources.CATALOG_FILE)
        self.calendar.seed_if_empty(resources.CALENDAR_DIR)
        if seeded:
            log.info("first start: catalog seeded with %d procedures", seeded)


def open_desk(paths: DeskPaths, settings: CounterSettings,
              clock: Callable[[], datetime] = vietnam_now) -> DeskServices:
    db = Database(settings.database_url) if settings.database_url else Database.in_directory(paths.data_dir)
    services = DeskServices.create(paths, settings, db, clock)
    services.prepare()
    return services
