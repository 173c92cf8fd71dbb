"""The audit log: appended in the caller's transaction, chained (desk/store/audit_chain.py), verified and
anchored outside the desk (the province through sync; every backup)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.clock import utc_now
from desk.store import Database, audit_chain
from desk.store.audit_chain import ChainReport
from desk.store.models import AuditRow, SyncStateRow
from desk.store.outbox import OutboxKind, enqueue

log = logging.getLogger(__name__)
ANCHOR_EVERY = timedelta(minutes=10)  # the head goes to the province at most this often (when it moved)
ANCHOR_STATE = "audit_anchor"


def record(session: Session, *, actor: str, action: str, entity: str, entity_id: str, details: dict) -> None:
    """Append an audit entry in the caller's transaction: it commits with the change or not at all."""
    session.add(AuditRow(at_utc=utc_now(), actor=actor or "?", action=action, entity=entity,
                         entity_id=entity_id, details=details))


@dataclass(frozen=True)
class Anchor:
    """The chain's head as kept outside the database: the number of entries and the last one's hash."""

    entries: int
    head_hash: str
    where: str = ""  # "tỉnh", "bản sao lưu …"


@dataclass(frozen=True)
class AuditCheck:
    chain: ChainReport
    anchors: tuple[tuple[Anchor, bool], ...] = ()  # each anchor and whether the chain still holds it

    @property
    def ok(self) -> bool:
        return self.chain.ok and all(held for _anchor, held in self.anchors)

    def describe(self) -> str:
        if not self.chain.ok:
            return f"Nhật ký bị can thiệp: {self.chain.reason}"
        for anchor, held in self.anchors:
            if not held:
                return (f"Nhật ký bị viết lại: mục số {anchor.entries} không còn như đã neo ở {anchor.where}. "
                        "Có người đã sửa cả chuỗi nhật ký bằng công cụ ngoài phần mềm.")
        checked = ", ".join(anchor.where for anchor, _held in self.anchors)
        return (f"Nhật ký nguyên vẹn: {self.chain.entries} mục, chuỗi liền mạch"
                + (f", khớp với mốc đã neo ở {checked}." if checked else "."))


class AuditService:
    def __init__(self, db: Database):
        self.db = db
        # Where anchors kept outside this database come from (the province through sync, the newest backup):
        # each gives an Anchor, or None when it has none or cannot be reached now.
        self.anchor_sources: list[Callable[[], Anchor | None]] = []

    def check_all(self) -> AuditCheck:
        """The chain, and every anchor that can be had now; a source that fails is skipped and logged."""
        anchors = []
        for source in self.anchor_sources:
            try:
                anchor = source()
            except Exception as error:  # noqa: BLE001 - offline or no backup yet: check what can be checked
                log.info("audit anchor not available: %s", error)
                continue
            if anchor is not None:
                anchors.append(anchor)
        return self.check(tuple(anchors))

    def recent(self, limit: int = 200) -> list[dict]:
        """The newest entries, for the page an admin reads."""
        with self.db.read() as session:
            rows = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit))
            return [{"seq": r.seq, "at_utc": r.at_utc, "actor": r.actor, "action": r.action, "entity": r.entity,
                     "entity_id": r.entity_id} for r in rows]

    def head(self) -> Anchor:
        with self.db.read() as session:
            entries, head_hash = audit_chain.head(session)
        return Anchor(entries, head_hash, "máy này")

    def check(self, anchors: tuple[Anchor, ...] = ()) -> AuditCheck:
        """Walk the chain, then check it still holds each anchor kept outside the database."""
        with self.db.read() as session:
            report = audit_chain.verify(session)
            held = tuple((anchor, audit_chain.anchored(session, anchor.entries, anchor.head_hash))
                         for anchor in anchors)
        return AuditCheck(report, held)

    def queue_anchor(self, *, now: datetime | None = None, force: bool = False, after_seq: int = 0) -> bool:
        """Queue the chain's head for the province (outbox ``audit.anchor``) when it moved since the last
        anchor and the last one is older than ANCHOR_EVERY; True when one was queued. ``after_seq``: the
        newest number the province already holds (a desk restored from a backup has an older count)."""
        now = now or utc_now()
        with self.db.write() as session:
            state = session.get(SyncStateRow, ANCHOR_STATE)
            last: dict[str, Any] = (json.loads(state.value) if state is not None
                                    else {"seq": 0, "entries": 0, "at": ""})
            entries, head_hash = audit_chain.head(session)
            if entries == last["entries"]:
                return False
            if not force and last["at"] and now - datetime.fromisoformat(last["at"]) < ANCHOR_EVERY:
                return False
            seq = max(last["seq"], after_seq) + 1
            payload = {"seq": seq, "head_hash": head_hash, "entries": entries,
                       "at": now.replace(tzinfo=UTC).isoformat()}
            enqueue(session, OutboxKind.AUDIT_ANCHOR, f"audit-{seq}", payload, now=now)
            value = json.dumps({"seq": seq, "entries": entries, "at": now.isoformat()})
            if state is None:
                session.add(SyncStateRow(key=ANCHOR_STATE, value=value))
            else:
                state.value = value
        return True
