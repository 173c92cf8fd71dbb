"""The audit log as a hash chain: tamper-evident, not tamper-proof.

Each entry's hash covers its number in the chain, the previous entry's hash and its own content, so a
row edited or deleted with a database tool breaks the chain at that row, and a row deleted at the end
disagrees with the chain's head. Someone able to rewrite the whole chain and its head is caught by an
anchor kept elsewhere: the head sent to the province (sync) and written into every backup.

Entries are chained as they are flushed, whatever code added them (a session event), so no caller can
append an unchained entry.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from desk.domain.audit_labels import action_label

from .models import AuditChainRow, AuditRow

GENESIS = "0" * 64


def entry_hash(seq: int, prev_hash: str, row: AuditRow) -> str:
    details = json.dumps(row.details or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = "\n".join([str(seq), prev_hash, row.at_utc.isoformat(), row.actor, row.action, row.entity,
                      row.entity_id, details])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_new_entries(session: Session, _flush_context, _instances) -> None:
    """Before a flush: give the new audit entries their place in the chain, in the order they were added."""
    new = [obj for obj in session.new if isinstance(obj, AuditRow) and obj.seq is None]
    if not new:
        return
    new.sort(key=lambda row: row._added)
    head = session.scalar(select(AuditChainRow).where(AuditChainRow.id == 1).with_for_update())
    if head is None:
        head = AuditChainRow(id=1, entries=0, head_hash=GENESIS)
        session.add(head)
    for row in new:
        row.seq = head.entries + 1
        row.prev_hash = head.head_hash
        row.hash = entry_hash(row.seq, row.prev_hash, row)
        head.entries, head.head_hash = row.seq, row.hash


_added = itertools.count(1)


@event.listens_for(AuditRow, "init")
def _remember_order(target: AuditRow, _args, _kwargs) -> None:
    """Entries added in one transaction are chained in the order the code added them."""
    target._added = next(_added)


def listen(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", chain_new_entries)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    head_hash: str
    broken_at: int | None = None  # the first entry (seq) whose link is broken
    reason: str = ""


def verify(session: Session) -> ChainReport:
    """Walk the whole chain; the first broken link, in words an admin can act on."""
    head = session.get(AuditChainRow, 1)
    expected_entries, expected_head = (head.entries, head.head_hash) if head else (0, GENESIS)
    previous, seq = GENESIS, 0
    rows = session.scalars(select(AuditRow).order_by(AuditRow.seq.is_(None), AuditRow.seq, AuditRow.id)
                           .execution_options(yield_per=2000))
    for row in rows:
        seq += 1
        if row.seq is None:
            return ChainReport(False, seq - 1, previous, seq, f"Mục nhật ký id {row.id} nằm ngoài chuỗi (không có số "
                                                              "thứ tự): đã bị chèn thêm bằng công cụ ngoài phần mềm.")
        if row.seq != seq:
            return ChainReport(False, seq - 1, previous, seq, f"Thiếu mục nhật ký số {seq} (mục kế tiếp là số "
                                                              f"{row.seq}): đã bị xóa.")
        if row.prev_hash != previous:
            return ChainReport(False, seq - 1, previous, seq, f"Mục nhật ký số {seq} không nối với mục trước: "
                                                              "chuỗi đã bị sửa.")
        if entry_hash(seq, previous, row) != row.hash:
            return ChainReport(False, seq - 1, previous, seq, f"Nội dung mục nhật ký số {seq} "
                                                              f"({action_label(row.action)}, {row.entity_id}) "
                                                              "đã bị sửa sau khi ghi.")
        previous = row.hash
    if seq != expected_entries or previous != expected_head:
        return ChainReport(False, seq, previous, seq + 1,
                           f"Nhật ký dừng ở mục số {seq} nhưng đầu chuỗi ghi {expected_entries} mục: các mục cuối "
                           "đã bị xóa.")
    return ChainReport(True, seq, previous)


def anchored(session: Session, entries: int, head_hash: str) -> bool:
    """Does the chain hold ``head_hash`` at position ``entries`` (an anchor kept at the province or in a
    backup)? False when that entry is gone or was rewritten."""
    if entries == 0:
        return True
    stored = session.scalar(select(AuditRow.hash).where(AuditRow.seq == entries))
    return stored == head_hash


def head(session: Session) -> tuple[int, str]:
    row = session.get(AuditChainRow, 1)
    return (row.entries, row.head_hash) if row else (0, GENESIS)
