from __future__ import annotations

from dataclasses import asdict

from desk.domain.agency import AgencyIdentity
from desk.store import Database
from desk.store.models import AgencyRow

from .audit import record, utc_now


class AgencyService:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> AgencyIdentity | None:
        with self.db.read() as session:
            row = session.get(AgencyRow, 1)
            if row is None:
                return None
            return AgencyIdentity(row.code, row.parent_authority, row.unit_name, row.place_name,
                                  row.portal_base_url, row.address, row.phone)

    def save(self, identity: AgencyIdentity, *, actor: str) -> AgencyIdentity:
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
            record(session, actor=actor, action="agency.save", entity="agency", entity_id=identity.code,
                   details={"before": before, "after": asdict(identity)})
        return identity
