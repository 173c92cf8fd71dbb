"""The statements of the sync hot path (a desk pushing its dossiers), two ways.

On SQLite, the reference deployment, they run on a dedicated sqlite3 connection of their own
(ServerDatabase.raw_write: BEGIN IMMEDIATE … COMMIT): SQLAlchemy's per-statement and per-transaction
machinery cost more than the statements themselves (bench/provincial_upserts.py). Values are stored exactly
as SQLAlchemy's own types store them (DateTime as ``YYYY-MM-DD HH:MM:SS.ffffff``, JSON through
``json.dumps``), so the ORM reads these rows like any other; a test checks that.
On PostgreSQL they run on the psycopg connection under SQLAlchemy's pooled one, in pipeline mode
(ServerDatabase.raw_pg_write): the look-ups (transaction id, dossier code) go in one round trip, the three
inserts and the commit in another; the ORM path (updates, retries) keeps SQLAlchemy."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select

from .models import Dossier, Event, IdempotentRequest

_IDEMPOTENT = cast(Table, IdempotentRequest.__table__)  # a mapped class's table (typed as any FromClause)
_DOSSIER = cast(Table, Dossier.__table__)
_EVENT = cast(Table, Event.__table__)
_REQUEST_COLUMNS = ("client_txn_id", "desk_id", "operation", "request_hash", "status_code", "response", "created_utc")
_DOSSIER_COLUMNS = ("code", "commune_id", "status", "record", "version", "to_bring", "created_utc", "updated_utc")
_EVENT_COLUMNS = ("dossier_id", "from_status", "to_status", "source", "actor", "actor_title", "unit", "note", "at",
                  "due_at")


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):  # SQLAlchemy's SQLite DateTime storage format, naive times
        return value.isoformat(" ", "microseconds")
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value


def _pg_value(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value)  # as SQLAlchemy's JSON type stores it; the statement casts it (::json)
    return value


@lru_cache(maxsize=8)
def _pg_insert_sql(table: str, columns: tuple[str, ...]) -> str:
    placeholders = ", ".join("%s::json" if _is_json(table, c) else "%s" for c in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"


def _is_json(table: str, column: str) -> bool:
    return (table, column) in {("dossier", "record"), ("dossier", "to_bring"), ("idempotent_request", "response")}


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class SeenRequest:
    __slots__ = ("desk_id", "request_hash", "status_code", "response")

    def __init__(self, desk_id: int, request_hash: str, status_code: int, response: dict):
        self.desk_id, self.request_hash, self.status_code, self.response = desk_id, request_hash, status_code, response


class NeedsOrm(Exception):
    """The operation is not a plain insert: run it again through the ORM."""


class HotPath:
    """``seen_request``, ``dossier_exists``, ``insert_dossier``, ``insert_event``, ``insert_request``
    in the current write transaction: on a raw sqlite3 connection, or on a SQLAlchemy connection."""

    def __init__(self, *, raw: sqlite3.Connection | None = None, connection: Connection | None = None,
                 pg: Any = None, dossier_code: str | None = None):
        self.raw = raw
        self._connection = connection
        self.pg = pg  # a psycopg.Connection in pipeline mode, in a transaction
        self._prefetched: dict[str, Any] = {}
        self._dossier_code = dossier_code  # asked for with the transaction id (PostgreSQL: one round trip)

    @property
    def connection(self) -> Connection:
        """The SQLAlchemy connection (PostgreSQL, or the ORM path on SQLite); the Session of the ORM path binds it."""
        if self._connection is None:
            raise RuntimeError("a hot path on the raw sqlite3 connection has no SQLAlchemy connection")
        return self._connection

    def seen_request(self, txn_id: str) -> SeenRequest | None:
        if self.pg is not None:
            seen = self.pg.execute(PG_SEEN, (txn_id,))
            if self._dossier_code is not None:
                self._prefetched[self._dossier_code] = self.pg.execute(PG_DOSSIER_BY_CODE, (self._dossier_code,))
            row = seen.fetchone()
            return None if row is None else SeenRequest(*row)
        if self.raw is not None:
            row = self.raw.execute("SELECT desk_id, request_hash, status_code, response FROM idempotent_request "
                                   "WHERE client_txn_id = ?", (txn_id,)).fetchone()
            return None if row is None else SeenRequest(row[0], row[1], row[2], json.loads(row[3]))
        row = self.connection.execute(_SEEN, {"txn": txn_id}).first()
        return None if row is None else SeenRequest(*row)

    def dossier_exists(self, code: str) -> bool:
        if self.pg is not None:
            cursor = self._prefetched.pop(code, None) or self.pg.execute(PG_DOSSIER_BY_CODE, (code,))
            return cursor.fetchone() is not None
        if self.raw is not None:
            return self.raw.execute("SELECT 1 FROM dossier WHERE code = ?", (code,)).fetchone() is not None
        return self.connection.execute(_DOSSIER_BY_CODE, {"code": code}).first() is not None

    def insert_dossier(self, values: dict) -> int | None:
        """The new dossier's id; None on PostgreSQL, where the event takes it from the sequence (no wait)."""
        if self.pg is not None:
            self.pg.execute(_PG_INSERT_DOSSIER, [_pg_value(values[c]) for c in _DOSSIER_COLUMNS])
            return None
        if self.raw is not None:
            cursor = self.raw.execute(_INSERT_DOSSIER_SQL, [_sqlite_value(values[c]) for c in _DOSSIER_COLUMNS])
            return cast(int, cursor.lastrowid)  # set by every successful INSERT
        return self.connection.execute(_DOSSIER.insert().returning(_DOSSIER.c.id), values).scalar_one()

    def insert_event(self, values: dict) -> None:
        if self.pg is not None and values["dossier_id"] is None:  # the dossier just inserted
            self.pg.execute(_PG_INSERT_EVENT_OF_NEW, [_pg_value(values[c]) for c in _EVENT_COLUMNS[1:]])
            return
        self._insert(_EVENT, _INSERT_EVENT_SQL, _EVENT_COLUMNS, values)

    def insert_request(self, values: dict) -> None:
        self._insert(_IDEMPOTENT, _INSERT_REQUEST_SQL, _REQUEST_COLUMNS, values)

    def _insert(self, table, sql: str, columns: tuple[str, ...], values: dict) -> None:
        if self.pg is not None:
            self.pg.execute(_pg_insert_sql(table.name, columns), [_pg_value(values[c]) for c in columns])
        elif self.raw is not None:
            self.raw.execute(sql, [_sqlite_value(values[c]) for c in columns])
        else:
            self.connection.execute(table.insert(), values)


_SEEN = select(_IDEMPOTENT.c.desk_id, _IDEMPOTENT.c.request_hash, _IDEMPOTENT.c.status_code,
               _IDEMPOTENT.c.response).where(_IDEMPOTENT.c.client_txn_id == bindparam("txn"))
_DOSSIER_BY_CODE = select(_DOSSIER.c.id).where(_DOSSIER.c.code == bindparam("code"))
_INSERT_DOSSIER_SQL = _insert_sql("dossier", _DOSSIER_COLUMNS)
_INSERT_EVENT_SQL = _insert_sql("event", _EVENT_COLUMNS)
_INSERT_REQUEST_SQL = _insert_sql("idempotent_request", _REQUEST_COLUMNS)
PG_SEEN = "SELECT desk_id, request_hash, status_code, response FROM idempotent_request WHERE client_txn_id = %s"
PG_DOSSIER_BY_CODE = "SELECT 1 FROM dossier WHERE code = %s"
_PG_INSERT_DOSSIER = _pg_insert_sql("dossier", _DOSSIER_COLUMNS)
_PG_INSERT_EVENT_OF_NEW = (f"INSERT INTO event ({', '.join(_EVENT_COLUMNS)}) VALUES (currval('dossier_id_seq'), "
                           f"{', '.join('%s' for _ in _EVENT_COLUMNS[1:])})")
