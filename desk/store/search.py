"""Finding dossiers at any size: what the dossier list asks, answered from indexes, never by reading the table.

A desk keeps years of dossiers (a busy ward about 30,000 a year, a shared commune database more). Each kind of
question goes to the index that answers it (bench/search.py measures them on 1,000,000 dossiers):
- a whole dossier code, a 9- or 12-digit ID number or a phone number: their own B-tree indexes, exact, first;
- words (a name without tone marks, part of a code or number): the full-text index over the folded search
  column — SQLite FTS5 (``dossier_fts``, external content kept by triggers in the writing transaction,
  migration 0007) or PostgreSQL's trigram index; every word must start a word of the dossier, in any order
  ("nguyen hoa" finds "Nguyễn Thị Hoa"); newest first;
- a status filter alone: one walk of the (status, received_at) index per status, newest first, merged.
Where the full-text index is missing (a SQLite built without FTS5, PostgreSQL without pg_trgm) the words are
matched by scanning, as before: slower, same answers.

These objects live outside the ORM's metadata (``OUTSIDE_METADATA``): a later migration that rebuilds the
dossier table with ``batch_alter_table`` must create them again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, or_, select, table, text, union_all
from sqlalchemy.orm import Session

from desk.domain.text import fold_for_search

from .database import Database
from .models import DossierRow

FTS_TABLE = "dossier_fts"
TRIGRAM_INDEX = "ix_dossier_search_key_trgm"
OUTSIDE_METADATA = frozenset({FTS_TABLE, f"{FTS_TABLE}_data", f"{FTS_TABLE}_idx", f"{FTS_TABLE}_config",
                              f"{FTS_TABLE}_docsize", f"{FTS_TABLE}_content", TRIGRAM_INDEX})
_FTS = table(FTS_TABLE, column("rowid"))
_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
_ID = re.compile(r"^(\d{9}|\d{12})$")
_PHONE = re.compile(r"^0\d{9,10}$")
_TOKEN = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps as one token


def ensure_trigram_index(db: Database) -> None:
    """PostgreSQL: the trigram index, once an administrator has created pg_trgm in the database (migration 0007
    creates both when the desk's role may). One catalog query at start."""
    if db.is_sqlite:
        return
    with db.engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first() is None:
            return
        if conn.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :name"),
                        {"name": TRIGRAM_INDEX}).first() is not None:
            return
        conn.rollback()  # the reads above began a transaction: the index is made in one of its own
        with conn.begin():
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON dossier "
                              "USING gin (search_key gin_trgm_ops)"))


_FULL_TEXT: dict[str, bool] = {}  # database URL → has the index (asked once per process)


def has_full_text(session: Session) -> bool:
    """Is the full-text index there (it is on every desk migrated by 0007 whose SQLite has FTS5)?"""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False  # PostgreSQL: the trigram index serves LIKE itself, nothing to ask for
    url = str(bind.engine.url)
    if url not in _FULL_TEXT:
        _FULL_TEXT[url] = session.execute(select(literal_column("1")).select_from(
            table("sqlite_master", column("name"))).where(column("name") == FTS_TABLE)).first() is not None
    return _FULL_TEXT[url]


def exact_condition(query: str) -> ColumnElement[bool] | None:
    """A whole code, ID or phone number typed (or scanned): the rows that hold exactly it."""
    text = query.strip().upper()
    if _CODE.match(text):
        return DossierRow.code == text
    if _ID.match(text):
        return or_(DossierRow.owner_id_number == text, DossierRow.owner_old_id_number == text,
                   DossierRow.submitter_id_number == text)
    if _PHONE.match(text):
        return DossierRow.phone == text
    return None


def fts_query(words: Sequence[str]) -> str:
    """Every word as the start of a word of the dossier, all of them, in any order (FTS5 syntax). A word with
    punctuation inside (part of a code: ``261123-0042``) is its parts, as the index cut it."""
    parts = [part for word in words for part in _TOKEN.findall(word)]
    return " ".join(f'"{part}"*' for part in parts)


def newest_first(statement: Select, limit: int) -> Select:
    return statement.order_by(DossierRow.received_at.desc(), DossierRow.id.desc()).limit(limit)


def find(session: Session, base: Select, query: str, *, statuses: Sequence[int] | None,
         overdue_before: datetime | None, running: Sequence[int], limit: int) -> list[Any]:
    """Rows of ``base`` (a select of dossier columns) for the list: exact matches first, then the rest newest
    first; at most ``limit``."""
    if overdue_before is not None:
        # Late against the deadline (the promise, or a lawful extension), not an apology's new date. Read through
        # an expression: SQLite would otherwise take the (status, deadline_at) index and sort every late dossier,
        # where the (status, received_at) walk stops at the page's length (53 → 3 ms at 1,000,000 dossiers).
        deadline = func.coalesce(DossierRow.deadline_at, DossierRow.deadline_at)
        base = base.where(deadline < overdue_before)
        statuses = [s for s in running if statuses is None or s in statuses]
    words = fold_for_search(query).split()
    found: list[Any] = []
    exact = exact_condition(query) if words else None
    if exact is not None:
        found = list(session.execute(newest_first(_with_statuses(base, statuses).where(exact), limit)))
        if found:  # a whole code or number typed or scanned: its dossiers, not every word-start alike
            return found
    if words:
        return _by_words(session, base, words, statuses, limit)
    return _by_status(session, base, statuses, limit)


def _with_statuses(statement: Select, statuses: Sequence[int] | None) -> Select:
    return statement if statuses is None else statement.where(DossierRow.status.in_(list(statuses)))


def _by_words(session: Session, base: Select, words: list[str], statuses: Sequence[int] | None,
              limit: int) -> list[Any]:
    statement = _with_statuses(base, statuses)
    if has_full_text(session) and fts_query(words):
        # The index walks its matches from the newest row id down and stops at ``limit``; the dossier row is
        # read by its key. Row ids follow the order rows were written, which is the order received but for
        # online dossiers and a rebuild: the page shows them sorted by the time received.
        statement = (statement.join(_FTS, _FTS.c.rowid == DossierRow.id)
                     .where(literal_column(FTS_TABLE).op("MATCH")(fts_query(words)))
                     .order_by(_FTS.c.rowid.desc()).limit(limit))
        rows = list(session.execute(statement))
        return sorted(rows, key=lambda row: _received(row), reverse=True)
    for word in words:
        statement = statement.where(DossierRow.search_key.contains(word, autoescape=True))
    return list(session.execute(newest_first(statement, limit)))


def _by_status(session: Session, base: Select, statuses: Sequence[int] | None, limit: int) -> list[Any]:
    if statuses is None:
        return list(session.execute(newest_first(base, limit)))
    if len(statuses) == 1:
        return list(session.execute(newest_first(base.where(DossierRow.status == statuses[0]), limit)))
    # Each status a walk of (status, received_at) from the newest, at most ``limit`` rows each, merged: never a
    # sort of the whole table (which is what one IN (…) ORDER BY did: 2.2 s at 1,000,000 dossiers).
    parts = [newest_first(base.where(DossierRow.status == status), limit).subquery() for status in statuses]
    merged = union_all(*(select(part) for part in parts)).subquery()
    return list(session.execute(select(merged).order_by(merged.c.received_at.desc(), merged.c.code.desc())
                                .limit(limit)))


def _received(row: Any) -> tuple:
    return (row.received_at, row.code)
