"""Numbers that must never repeat: dossier codes and ledger lines.

A counter row is incremented inside the transaction that stores what the number is for,
so the number and its dossier commit or vanish together: no duplicates (the row lock
serialises counters on one database), and no gaps unless a committed dossier is later
lost. Standalone desks of one agency that do not share a database must each be given a
distinct *block* (1–8): block k issues k001–k999 each day, so their codes cannot meet.
Block 0 (the default) is for desks sharing one database and issues 0001–8999; 9000–9999 are the
province's online codes.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from contract.limits import ONLINE_FIRST
from desk.domain.codes import format_dossier_code
from desk.domain.errors import DomainError

_ENSURE = text("INSERT INTO code_counter (scope, value) VALUES (:scope, 0) ON CONFLICT (scope) DO NOTHING")
_NEXT = text("UPDATE code_counter SET value = value + 1 WHERE scope = :scope RETURNING value")


def next_value(session: Session, scope: str) -> int:
    session.execute(_ENSURE, {"scope": scope})
    return session.execute(_NEXT, {"scope": scope}).scalar_one()


def set_at_least(session: Session, scope: str, value: int) -> None:
    """Move a counter up to ``value`` if it is below (codes brought back by a rebuild must never be issued
    again); a counter never moves down."""
    session.execute(_ENSURE, {"scope": scope})
    session.execute(text("UPDATE code_counter SET value = :value WHERE scope = :scope AND value < :value"),
                    {"scope": scope, "value": value})


def block_range(block: int) -> tuple[int, int]:
    """The day's numbers a block issues; 9000–9999 belong to the province's online codes (contract/limits.py)."""
    if not 0 <= block <= 8:
        raise DomainError("Khối số thứ tự của quầy phải từ 0 đến 8 (khối 9 dành cho hồ sơ nộp trực tuyến).")
    return (1, ONLINE_FIRST - 1) if block == 0 else (block * 1000 + 1, block * 1000 + 999)


def next_dossier_code(session: Session, agency_code: str, day: date, block: int = 0) -> str:
    """The next official code for ``day`` (Vietnam local date of receipt)."""
    first, last = block_range(block)
    n = next_value(session, f"dossier/{agency_code}/{day:%y%m%d}/b{block}")
    sequence = first + n - 1
    if sequence > last:
        raise DomainError(f"Quầy đã dùng hết số thứ tự trong ngày ({first:04d}–{last:04d}).")
    return format_dossier_code(agency_code, day, sequence)


def next_ledger_line(session: Session, agency_code: str, book: str) -> int:
    return next_value(session, f"ledger/{agency_code}/{book}")
