"""The sync hot path on PostgreSQL in one statement: a desk's new dossier, on the event loop.

``Idempotency.insert_on_loop`` sends it on an async psycopg connection in autocommit (database.AsyncPgPool):
one round trip does what hotpath.py's five statements do — find the transaction id's stored answer, see whether
the dossier exists, and only if neither, insert the dossier, its first event and the stored answer. A single
statement is its own transaction: all three rows or none. The answer's rows say which: ``seen`` (a replay: the
stored answer), ``exists`` (an update: the ORM path answers), ``inserted``. Two requests inserting the same id
or code at once: one fails on the unique index, and the ORM path answers it.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import JSON, Boolean, DateTime, Integer, Table, Text

from .hotpath import _DOSSIER_COLUMNS, _EVENT_COLUMNS, _REQUEST_COLUMNS, _pg_value
from .models import Dossier, Event, IdempotentRequest


class NewDossierRows:
    """Stands for a HotPath to Dossiers._insert: keeps the values of each row, inserted later at once."""

    def __init__(self) -> None:
        self.dossier: dict[str, Any] = {}
        self.event: dict[str, Any] = {}
        self.request: dict[str, Any] = {}

    def insert_dossier(self, values: dict) -> None:
        self.dossier = values  # its id comes from the statement (the event takes it there)

    def insert_event(self, values: dict) -> None:
        self.event = values

    def insert_request(self, values: dict) -> None:
        self.request = values

    def params(self) -> dict[str, Any]:
        named = {f"d_{c}": self.dossier[c] for c in _DOSSIER_COLUMNS}
        named.update({f"e_{c}": self.event[c] for c in _EVENT_COLUMNS[1:]})
        named.update({f"r_{c}": self.request[c] for c in _REQUEST_COLUMNS})
        return {name: _pg_value(value) for name, value in named.items()}


def _cast(table: Table, column: str) -> str:
    kind = table.c[column].type
    sql = ("json" if isinstance(kind, JSON) else "timestamp" if isinstance(kind, DateTime) else
           "boolean" if isinstance(kind, Boolean) else "integer" if isinstance(kind, Integer) else
           "text" if isinstance(kind, Text) else "varchar")
    return f"::{sql}"


def _values(prefix: str, table: Table, columns: tuple[str, ...]) -> str:
    return ", ".join(f"%({prefix}_{c})s{_cast(table, c)}" for c in columns)


_D, _E, _R = (cast(Table, model.__table__) for model in (Dossier, Event, IdempotentRequest))
INSERT_NEW_DOSSIER = f"""
WITH seen AS (SELECT desk_id, request_hash, status_code, response FROM idempotent_request
              WHERE client_txn_id = %(r_client_txn_id)s),
     existing AS (SELECT 1 FROM dossier WHERE code = %(d_code)s),
     new_dossier AS (INSERT INTO dossier ({', '.join(_DOSSIER_COLUMNS)})
                     SELECT {_values('d', _D, _DOSSIER_COLUMNS)}
                     WHERE NOT EXISTS (SELECT 1 FROM seen) AND NOT EXISTS (SELECT 1 FROM existing)
                     RETURNING id),
     new_event AS (INSERT INTO event ({', '.join(_EVENT_COLUMNS)})
                   SELECT id, {_values('e', _E, _EVENT_COLUMNS[1:])} FROM new_dossier),
     new_request AS (INSERT INTO idempotent_request ({', '.join(_REQUEST_COLUMNS)})
                     SELECT {_values('r', _R, _REQUEST_COLUMNS)} FROM new_dossier)
SELECT 'seen', desk_id, request_hash, status_code, response FROM seen
UNION ALL SELECT 'exists', NULL::integer, NULL::varchar, NULL::integer, NULL::json FROM existing
UNION ALL SELECT 'inserted', NULL::integer, NULL::varchar, NULL::integer, NULL::json FROM new_dossier
"""
