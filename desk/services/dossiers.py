"""Finding and reading stored dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from desk.domain.errors import DomainError
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.domain.text import fold_for_search
from desk.store import Database
from desk.store.models import DossierRow


@dataclass(frozen=True)
class DossierSummary:
    code: str
    owner_name: str
    owner_id_number: str
    phone: str
    procedure_name: str
    received_at: datetime
    appointment_at: datetime | None
    status: DossierStatus


@dataclass(frozen=True)
class DossierDetail:
    summary: DossierSummary
    procedure_code: str
    owner_birth_date: date | None
    owner_gender: str
    owner_address: str
    email: str
    submitter_name: str
    submitter_id_number: str
    documents: tuple[dict, ...]
    extra_fields: tuple[tuple[str, str], ...]
    fee_amount: int
    ledger_book: str
    ledger_line: int
    clerk_name: str
    counter_name: str


_SUMMARY_COLUMNS = (DossierRow.code, DossierRow.owner_name, DossierRow.owner_id_number, DossierRow.phone,
                    DossierRow.procedure_name, DossierRow.received_at, DossierRow.appointment_at, DossierRow.status)


def _summary(values) -> DossierSummary:
    *rest, status = values
    return DossierSummary(*rest, DossierStatus(status))


class DossierService:
    def __init__(self, db: Database):
        self.db = db

    def search(self, query: str = "", *, limit: int = 200) -> list[DossierSummary]:
        """Newest first. Every word of the query must appear in the name (folded: no tone marks,
        đ = d), the dossier code, the ID numbers or the phone number."""
        statement = select(*_SUMMARY_COLUMNS)
        for word in fold_for_search(query).split():
            statement = statement.where(DossierRow.search_key.contains(word, autoescape=True))
        statement = statement.order_by(DossierRow.received_at.desc(), DossierRow.id.desc()).limit(limit)
        with self.db.read() as session:
            return [_summary(values) for values in session.execute(statement)]

    def count(self) -> int:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(DossierRow)) or 0

    def get(self, code: str) -> DossierDetail:
        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == code.strip().upper()))
            if row is None:
                raise DomainError(f"Không tìm thấy hồ sơ {code}.")
            template = ProcedureTemplate.from_dict(row.procedure_snapshot)
            labels = {f.key: f.label for f in template.extra_fields}
            summary = _summary(tuple(getattr(row, c.key) for c in _SUMMARY_COLUMNS))
            return DossierDetail(
                summary=summary, procedure_code=row.procedure_code, owner_birth_date=row.owner_birth_date,
                owner_gender=row.owner_gender, owner_address=row.owner_address, email=row.email,
                submitter_name=row.submitter_name, submitter_id_number=row.submitter_id_number,
                documents=tuple(row.documents),
                extra_fields=tuple((labels.get(k, k), v) for k, v in row.extra_values.items()),
                fee_amount=row.fee_amount, ledger_book=row.ledger_book, ledger_line=row.ledger_line,
                clerk_name=row.clerk_name, counter_name=row.counter_name,
            )
