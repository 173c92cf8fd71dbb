"""The agency's identity (shared by its counters, in the database) and this counter's settings
(``settings.json``). Both are admin changes, audited with before and after (issue 7)."""

from __future__ import annotations

from dataclasses import asdict, replace

from desk.domain.agency import AgencyIdentity
from desk.domain.errors import DomainError
from desk.domain.users import Actor, require_admin
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import AgencyRow

from .audit import record, utc_now

# What an admin edits on the "Cơ quan và quầy" page; the rest of settings.json belongs to sync and scanning.
COUNTER_FIELDS = ("counter_number", "counter_name", "paper", "printer_name", "receipt_copies", "form_number",
                  "form_numbers", "legal_basis", "idle_lock_minutes", "code_block", "ledger_book")


class AgencyService:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> AgencyIdentity | None:
        with self.db.read() as session:
            row = session.get(AgencyRow, 1)
            if row is None:
                return None
            return AgencyIdentity(row.code, row.parent_authority, row.unit_name, row.place_name,
                                  row.portal_base_url, row.address, row.phone, dict(row.form_texts or {}))

    def save(self, identity: AgencyIdentity, *, actor: Actor) -> AgencyIdentity:
        require_admin(actor, "sửa thông tin cơ quan")
        identity = identity.validated()
        with self.db.write() as session:
            row = session.get(AgencyRow, 1)
            before = None
            if row is None:
                row = AgencyRow(id=1)
                session.add(row)
            else:
                before = {k: getattr(row, k) for k in asdict(identity)}
            for key, value in asdict(identity).items():
                setattr(row, key, value)
            row.updated_utc = utc_now()
            record(session, actor=actor.audit_name, action="agency.save", entity="agency", entity_id=identity.code,
                   details={"before": before, "after": asdict(identity)})
        return identity


class CounterService:
    """This counter's settings as an admin edits them: checked, written atomically, audited."""

    def __init__(self, db: Database, paths: DeskPaths, settings: SettingsStore):
        self.db = db
        self.paths = paths
        self.settings_store = settings

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def save(self, changes: dict, *, actor: Actor) -> CounterSettings:
        require_admin(actor, "sửa cài đặt quầy")
        unknown = set(changes) - set(COUNTER_FIELDS)
        if unknown:
            raise DomainError(f"Không sửa được mục {', '.join(sorted(unknown))} ở đây.")
        candidate = replace(self.settings, **changes).validate()
        before = {k: getattr(self.settings, k) for k in changes if getattr(self.settings, k) != changes[k]}
        if not before:
            return self.settings
        after = {k: getattr(candidate, k) for k in before}
        # The file is written inside the audit entry's transaction: a failed write rolls the entry back.
        with self.db.write() as session:
            record(session, actor=actor.audit_name, action="counter.save", entity="counter",
                   entity_id=candidate.counter_name, details={"before": before, "after": after})
            return self.settings_store.put(candidate)
