"""What the province's system does, independent of HTTP: one object holding each area's service.

The routes (routers/) and the admin CLI use the areas directly (``backend.dossiers``, ``backend.enrollment``…);
the few methods below keep the short calls that tests and scripts make of the backend as a whole.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import date, datetime
from pathlib import Path

from .database import PoolSize, ServerDatabase
from .models import Commune, Desk
from .schemas import DossierOut
from .security import TokenSigner
from .services.catalog import Catalog
from .services.changes import ChangeFeed
from .services.dossiers import Dossiers
from .services.enrollment import DeskIdentity, Enrollment
from .services.feedback import CitizenFeedback
from .services.files import FileStore
from .services.idempotency import Answer, Idempotency
from .services.inbox import Inbox
from .services.outcomes import IntakeOutcomes
from .services.recovery import Recovery
from .services.simulator import Simulator
from .services.tracking import Attempts, Tracking
from .settings import Settings
from .shared import SharedAttemptLimiter, shared_token_key

__all__ = ["Backend", "DeskIdentity", "load_or_create_key", "open_backend"]


class Backend:
    def __init__(self, db: ServerDatabase, data_dir: Path, token_key: bytes, *, token_ttl_s: int = 900,
                 max_file_bytes: int = 50 * 1024 * 1024, tracking_attempts: Attempts | None = None):
        self.db = db
        idempotency = Idempotency(db)  # the one record of desk writes, shared by every area that takes them
        self.feed = ChangeFeed(db)
        self.enrollment = Enrollment(db, TokenSigner(token_key, token_ttl_s))
        self.catalog = Catalog(db, self.feed)
        self.dossiers = Dossiers(db, idempotency)
        self.inbox = Inbox(db, idempotency)
        self.outcomes = IntakeOutcomes(db, idempotency)
        self.recovery = Recovery(db, idempotency)
        self.files = FileStore(db, Path(data_dir) / "files", max_file_bytes)
        self.tracking = Tracking(db, tracking_attempts)
        self.feedback = CitizenFeedback(db, self.tracking, idempotency, token_key)
        self.simulator = Simulator(db, self.feed)

    def close(self) -> None:
        self.db.close()

    # -- short calls for tests and scripts ----------------------------------------------------------------------
    def create_commune(self, agency_code: str, name: str, parent_authority: str) -> Commune:
        return self.enrollment.create_commune(agency_code, name, parent_authority)

    def issue_enrollment_code(self, agency_code: str) -> tuple[str, datetime]:
        return self.enrollment.issue_enrollment_code(agency_code)

    def enroll(self, code: str, desk_name: str, public_key: str) -> tuple[Desk, str, Commune]:
        return self.enrollment.enroll(code, desk_name, public_key)

    def issue_token(self, client_id: str, client_secret: str) -> tuple[str, int]:
        return self.enrollment.issue_token(client_id, client_secret)

    def upsert_dossier(self, desk: DeskIdentity, code: str, txn_id: str, record: dict) -> Answer:
        return self.dossiers.upsert(desk, code, txn_id, record)

    def changes(self, desk: DeskIdentity, cursor: str, limit: int) -> dict:
        return self.feed.page(desk, cursor, limit).model_dump(mode="json")

    def create_online_dossier(self, agency_code: str, record: dict) -> dict:
        """The new dossier as the contract's DossierOut."""
        return DossierOut.model_validate(self.simulator.apply_online(agency_code, record)).model_dump(mode="json")

    def intake_outcome_counts(self, commune_id: int, first: date, last: date) -> dict[str, int]:
        """{"guidance": n, "refusal": m}: a commune's outcomes from ``first`` to ``last``, both included."""
        return self.outcomes.counts(commune_id, first, last)

    def feedback_counts(self, commune_id: int | None, first: date, last: date) -> dict[str, int]:
        """A commune's feedback from ``first`` to ``last``: received, answered, answered_on_time, open_overdue."""
        return self.feedback.counts(commune_id, first, last)


def open_database(settings: Settings) -> ServerDatabase:
    """The database the settings name: PostgreSQL (pool sized per process, an optional read replica) or the
    SQLite file of the data directory."""
    if not settings.database_url:
        return ServerDatabase.in_directory(settings.data_dir)
    return ServerDatabase(settings.database_url, read_url=settings.read_database_url, pgbouncer=settings.pgbouncer,
                          pool=PoolSize(settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout_s))


def open_backend(settings: Settings) -> Backend:
    """The backend of a data directory (created if need be), its database migrated to the newest revision.

    On PostgreSQL the token key and the tracking page's wrong attempts live in the database, shared by every
    process that serves it (shared.py); on SQLite, in the data directory and the process."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(settings)
    db.migrate()
    if db.is_sqlite:
        key, attempts = load_or_create_key(settings.data_dir / "token.key"), None
    else:
        key, attempts = shared_token_key(db), SharedAttemptLimiter(db)
    return Backend(db, settings.data_dir, key, token_ttl_s=settings.token_ttl_s,
                   max_file_bytes=settings.max_file_bytes, tracking_attempts=attempts)


def load_or_create_key(path: Path) -> bytes:
    """The server's token key, created once (mode 0600 where the platform has modes)."""
    if path.exists():
        return path.read_bytes()
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return key
