"""One answer per client transaction id: every desk write goes through ``Idempotency.run`` (docs/REST.md)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Conflict
from ..hotpath import HotPath, NeedsOrm, SeenRequest

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
            *, echoes_record: bool = False, hot_path: bool = False) -> Answer:
        """Run ``apply(session) -> (status, response)`` once per client transaction id.

        A replay of the same request returns the stored response; the same id with another
        request is a conflict (409). The id is stored in the transaction that applies the
        change, so a crash leaves either both or neither. With ``echoes_record`` the response's
        "record" is the request itself (an upsert answers with what it stored): it is not
        stored twice, and a replay (same request, by the hash check) puts it back.
        With ``hot_path``, ``apply`` gets a HotPath instead of a session (hotpath.py); when it
        raises NeedsOrm the whole operation runs again on the ORM path.
        """
        request_hash = json_digest({"op": operation, "request": request})
        use_hot_path = hot_path
        for _attempt in range(3):
            try:
                with self._write(use_hot_path) as hot:
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
            except (IntegrityError, sqlite3.IntegrityError):
                continue  # the same id arrived twice at once: the loser reads the winner's answer
        raise Conflict("txn_conflict", "Mã giao dịch đang được xử lý; hãy thử lại.")

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
    def _write(self, hot_path: bool) -> Iterator[HotPath]:
        if hot_path and self.db.is_sqlite:
            with self.db.raw_write() as raw:
                yield HotPath(raw=raw)
        else:
            with self.db.write_connection() as connection:
                yield HotPath(connection=connection)
