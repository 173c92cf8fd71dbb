"""One answer per client transaction id: every desk write goes through ``Idempotency.run`` (docs/REST.md)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Conflict
from ..hotpath import HotPath, NeedsOrm, SeenRequest
from ..pg_hotpath import INSERT_NEW_DOSSIER, NewDossierRows

if TYPE_CHECKING:
    from .enrollment import DeskIdentity

Answer = tuple[int, dict]  # (HTTP status of a success, the JSON-ready answer)


def json_digest(payload: Any) -> str:
    """SHA-256 of the payload's canonical JSON (sorted keys): equal content, equal digest."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


class Idempotency:
    def __init__(self, db: ServerDatabase):
        self.db = db

    def run(self, desk: DeskIdentity, txn_id: str, operation: str, request: dict, apply: Callable[[Any], Answer],
            *, echoes_record: bool = False, hot_path: bool = False, dossier_code: str | None = None) -> Answer:
        """Run ``apply(session) -> (status, response)`` once per client transaction id.

        A replay of the same request returns the stored response; the same id with another
        request is a conflict (409). The id is stored in the transaction that applies the
        change, so a crash leaves either both or neither. With ``echoes_record`` the response's
        "record" is the request itself (an upsert answers with what it stored): it is not
        stored twice, and a replay (same request, by the hash check) puts it back.
        With ``hot_path``, ``apply`` gets a HotPath instead of a session (hotpath.py); when it
        raises NeedsOrm the whole operation runs again on the ORM path; ``dossier_code`` is the dossier it
        will look for (on PostgreSQL asked for with the transaction id, in one round trip).
        """
        request_hash = json_digest({"op": operation, "request": request})
        use_hot_path = hot_path
        for _attempt in range(3):
            try:
                with self._write(use_hot_path, dossier_code) as hot:
                    seen = hot.seen_request(txn_id)
                    if seen is not None:
                        return self._replay(seen, desk, request_hash, request if echoes_record else None)
                    status, response = self._apply(hot, apply, use_hot_path)
                    stored = response
                    if echoes_record and response.get("record") is request:
                        stored = {**response, "record": None}
                    hot.insert_request({
                        "client_txn_id": txn_id, "desk_id": desk.desk_id, "operation": operation,
                        "request_hash": request_hash, "status_code": status, "response": stored,
                        "created_utc": utc_now()})
                    return status, response
            except NeedsOrm:
                use_hot_path = False
            except (IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError):
                continue  # the same id arrived twice at once: the loser reads the winner's answer
        raise Conflict("txn_conflict", "Mã giao dịch đang được xử lý; hãy thử lại.")

    async def insert_on_loop(self, desk: DeskIdentity, txn_id: str, operation: str, request: dict,
                             insert: Callable[[NewDossierRows], Answer]) -> Answer | None:
        """PostgreSQL, on the event loop: ``run`` for an operation that inserts a new dossier, in one statement
        and one round trip (pg_hotpath.py) on an async connection (database.AsyncPgPool). ``insert(rows)``
        fills the rows. None when it cannot answer alone — the dossier exists (an update), or another request
        took the id or the code at the same moment: then ``run`` (in a thread) answers, and sees why.
        Assumes ``echoes_record``."""
        assert self.db.async_pool is not None
        request_hash = json_digest({"op": operation, "request": request})
        rows = NewDossierRows()
        status, response = insert(rows)
        rows.insert_request({
            "client_txn_id": txn_id, "desk_id": desk.desk_id, "operation": operation, "request_hash": request_hash,
            "status_code": status, "response": {**response, "record": None} if response.get("record") is request
            else response, "created_utc": utc_now()})
        try:
            async with self.db.async_pool.connection() as pg:
                found = await (await pg.execute(INSERT_NEW_DOSSIER, rows.params())).fetchall()
        except (psycopg.IntegrityError, psycopg.OperationalError):
            # A race for the id or the code, or a connection lost (a restarted database): the ORM path answers,
            # over a pool that checks its connections first.
            return None
        outcome = {row[0]: row[1:] for row in found}
        if "seen" in outcome:
            return self._replay(SeenRequest(*outcome["seen"]), desk, request_hash, request)
        if "inserted" in outcome:
            return status, response
        return None

    @staticmethod
    def _replay(seen: SeenRequest, desk: DeskIdentity, request_hash: str, echoed_record: dict | None) -> Answer:
        if seen.desk_id != desk.desk_id or seen.request_hash != request_hash:
            raise Conflict("txn_conflict", "Mã giao dịch này đã dùng cho một yêu cầu khác.")
        response = seen.response
        if echoed_record is not None and response.get("record") is None:
            response = {**response, "record": echoed_record}  # same key, same place
        return seen.status_code, response

    @staticmethod
    def _apply(hot: HotPath, apply: Callable[[Any], Answer], use_hot_path: bool) -> Answer:
        if use_hot_path:
            return apply(hot)
        with Session(bind=hot.connection, expire_on_commit=False) as session:
            answer = apply(session)
            session.flush()
        return answer

    @contextmanager
    def _write(self, hot_path: bool, dossier_code: str | None) -> Iterator[HotPath]:
        if hot_path and self.db.is_sqlite:
            with self.db.raw_write() as raw:
                yield HotPath(raw=raw)
        elif hot_path:
            with self.db.raw_pg_write() as pg:
                yield HotPath(pg=pg, dossier_code=dossier_code)
        else:
            with self.db.write_connection() as connection:
                yield HotPath(connection=connection)
