"""One round of sync: push the outbox in order, pull the changes feed, refresh the catalog.

Push: pending outbox rows in the order they were written; for a dossier, its metadata, then
the digitized files the province lacks (HEAD, then resumable upload), then later events. A transient failure (network,
5xx, 429) stops the round, keeping the order; the row stays pending with its error. A
refusal (4xx) marks the row failed with the province's reason, a problem shown to the
clerk and never retried by itself; the round goes on with the next row.

Pull: each page of the feed is applied in one transaction together with the new cursor, so
a crash replays at most the page it was applying, and applying it twice changes nothing.
The province is the authority on processing statuses: they overwrite the local status.
A change without the contract's shape (a malformed code or hash, another commune's dossier) is refused,
logged and skipped: nothing from the wire becomes a key or a path before it is checked (mapping.py).
Every loop is bounded: a round reads at most MAX_PAGES pages, and stops when the cursor does not move.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from desk.domain.clock import to_vietnam_local, utc_now
from desk.domain.errors import DomainError
from desk.domain.status import DossierStatus
from desk.domain.text import dossier_search_key
from desk.store import Database
from desk.store.models import (
    AgencyRow,
    AuditRow,
    DossierRow,
    DossierStepRow,
    OutboxRow,
    SyncStateRow,
    mark_finished,
)
from desk.store.outbox import OutboxKind
from desk.store.snapshots import intern_snapshot

from .client import UNREADABLE, ProvinceClient, ProvinceError
from .mapping import change_problem, dossier_record, valid_sha256

log = logging.getLogger(__name__)
ONLINE_CHANNEL = 2  # KenhThucHien: submitted on the portal (1: at the counter)
MAX_PAGES = 200  # pages of the changes feed in one round (200 changes each): the rest waits for the next round


Sender = Callable[["SyncEngine", OutboxRow, dict[str, DossierRow]], None]
# Who sends each kind of outbox message (desk/store/outbox.py); a test checks every kind has one.
SENDERS: dict[OutboxKind, Sender] = {}


def sends(*kinds: OutboxKind) -> Callable[[Sender], Sender]:
    """Register the decorated method as the sender of ``kinds``."""
    def register(sender: Sender) -> Sender:
        for kind in kinds:
            if kind in SENDERS:
                raise RuntimeError(f"two senders for outbox kind {kind}")
            SENDERS[kind] = sender
        return sender
    return register


@dataclass
class SyncReport:
    pushed: int = 0
    failed: int = 0
    pulled: int = 0
    catalog_updated: bool = False
    error: str = ""  # the transient problem that stopped the round, in Vietnamese
    retry_after: float = 0.0  # what the server asked for with Retry-After (seconds)
    problems: list[str] = field(default_factory=list)  # refusals, one per failed item

    @property
    def ok(self) -> bool:
        return not self.error and not self.problems


def _state(session, key: str, default: str = "") -> str:
    row = session.get(SyncStateRow, key)
    return row.value if row else default


def _set_state(session, key: str, value: str) -> None:
    row = session.get(SyncStateRow, key)
    if row is None:
        session.add(SyncStateRow(key=key, value=value))
    else:
        row.value = value


class SyncEngine:
    def __init__(self, db: Database, client: ProvinceClient, catalog=None, files_dir=None):
        self.db = db
        self.client = client
        self.catalog = catalog  # services.catalog.CatalogService, to apply catalog refreshes
        self.files_dir = files_dir  # the content-addressed store of digitized documents

    # -- push -----------------------------------------------------------------------------------
    def push(self, report: SyncReport, limit: int = 1000, batch: int = 50) -> None:
        """Send pending outbox rows in order, a batch at a time.

        The dossiers of a batch are read in one query, and rows are marked sent in one
        transaction per batch (and before any early return). A crash before that mark only
        means the province gets those requests again, which it answers as before: every request
        carries its client transaction id (docs/ARCHITECTURE.md, the sync contract)."""
        with self.db.read() as session:
            rows = list(session.scalars(select(OutboxRow).where(OutboxRow.state == "pending")
                                        .order_by(OutboxRow.id).limit(limit)))
        for start in range(0, len(rows), batch):
            page = rows[start:start + batch]
            dossiers = self._dossiers_for(page)
            sent: list[int] = []
            try:
                for row in page:
                    try:
                        self._send(row, dossiers)
                    except ProvinceError as error:
                        self._mark_sent(sent)
                        sent = []
                        if self._note_failure(row, error, report):
                            return
                        continue
                    sent.append(row.id)
                    report.pushed += 1
            finally:
                self._mark_sent(sent)

    def _dossiers_for(self, rows: list[OutboxRow]) -> dict[str, DossierRow]:
        codes = {row.dossier_code for row in rows if row.kind == OutboxKind.DOSSIER_UPSERT}
        if not codes:
            return {}
        with self.db.read() as session:
            return {d.code: d for d in session.scalars(select(DossierRow).where(DossierRow.code.in_(codes)))}

    def _mark_sent(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.db.write() as session:
            session.execute(update(OutboxRow).where(OutboxRow.id.in_(ids)).values(
                state="sent", sent_utc=utc_now(), attempts=OutboxRow.attempts + 1, last_error=""))

    def _note_failure(self, row: OutboxRow, error: ProvinceError, report: SyncReport) -> bool:
        """Record a refused or failed send; True when the round must stop (network, server busy)."""
        with self.db.write() as session:
            stored = session.get_one(OutboxRow, row.id)  # outbox rows are never deleted
            stored.attempts += 1
            stored.last_error = error.message
            if not error.stops_round:
                stored.state = "failed"
        if error.stops_round:
            report.error, report.retry_after = error.message, error.retry_after
            return True
        report.failed += 1
        report.problems.append(f"{row.dossier_code}: {error.message}")
        log.warning("outbox %s refused: %s", row.id, error.message)
        return False

    def _send(self, row: OutboxRow, dossiers: dict[str, DossierRow]) -> None:
        try:
            sender = SENDERS[OutboxKind(row.kind)]
        except (ValueError, KeyError):  # written by a newer version of the desk, say: the clerk sees it
            raise ProvinceError(f"Loại thay đổi không biết: {row.kind}", transient=False) from None
        sender(self, row, dossiers)

    @sends(OutboxKind.DOSSIER_UPSERT)
    def _send_dossier(self, row: OutboxRow, dossiers: dict[str, DossierRow]) -> None:
        dossier = dossiers.get(row.dossier_code)
        if dossier is None:
            raise ProvinceError(f"Hồ sơ {row.dossier_code} không còn trong máy.", transient=False)
        # Metadata first, with the files' hashes (the province then knows what to expect), then
        # the files it does not have yet. A failed upload leaves the row pending: the next round
        # replays the upsert harmlessly and resumes the upload where the server stopped.
        self.client.upsert_dossier(row.dossier_code, row.client_txn_id, dossier_record(dossier))
        self._upload_files(dossier)

    @sends(OutboxKind.DOSSIER_EVENT)
    def _send_event(self, row: OutboxRow, _dossiers) -> None:
        self.client.post_event(row.dossier_code, row.client_txn_id, row.payload)

    @sends(OutboxKind.INBOX_ACCEPT, OutboxKind.INBOX_REFUSE, OutboxKind.INBOX_REQUEST_SUPPLEMENT)
    def _send_inbox_decision(self, row: OutboxRow, _dossiers) -> None:
        decision = row.kind.removeprefix("inbox.")  # the route's last segment: accept, refuse, request-supplement
        self.client.inbox_decision(row.dossier_code, decision, row.client_txn_id, row.payload)

    @sends(OutboxKind.DOSSIER_RATING)
    def _send_rating(self, row: OutboxRow, _dossiers) -> None:
        self.client.rate(row.dossier_code, row.client_txn_id, row.payload["level"], row.payload["source"])

    @sends(OutboxKind.INTAKE_OUTCOME)
    def _send_intake_outcome(self, row: OutboxRow, _dossiers) -> None:
        self.client.put_intake_outcome(row.dossier_code, row.client_txn_id, row.payload)

    @sends(OutboxKind.AUDIT_ANCHOR)
    def _send_audit_anchor(self, row: OutboxRow, _dossiers) -> None:
        self.client.put_audit_anchor(row.payload["seq"], row.client_txn_id, row.payload)

    def _upload_files(self, dossier: DossierRow) -> None:
        for document in dossier.documents:
            sha256 = document.get("sha256")
            if not (document.get("received") and sha256):
                continue
            if not valid_sha256(sha256):  # never a path from a malformed value
                raise ProvinceError(f"Mã tệp số hóa của “{document['name']}” không hợp lệ; hãy quét lại.",
                                    transient=False)
            path = self.files_dir / sha256[:2] / sha256 if self.files_dir else None
            if path is None or not path.exists():
                raise ProvinceError(f"Thiếu tệp số hóa của “{document['name']}” trong máy; hãy quét lại.",
                                    transient=False)
            self.client.upload_file(sha256, path.read_bytes())

    # -- pull -------------------------------------------------------------------------------------
    def pull(self, report: SyncReport) -> None:
        with self.db.read() as session:
            agency = session.get(AgencyRow, 1)
        agency_code = agency.code if agency else None
        for _page in range(MAX_PAGES):
            with self.db.read() as session:
                cursor = _state(session, "changes_cursor")
            try:
                page = self.client.changes(cursor)
            except ProvinceError as error:
                if error.error == "cursor_expired":  # offline longer than the province keeps its changes
                    raise ProvinceError(CURSOR_EXPIRED, status=error.status, error=error.error,
                                        transient=False) from error
                raise
            if not (isinstance(page, dict) and isinstance(page.get("changes"), list)
                    and isinstance(page.get("next_cursor"), str) and len(page["next_cursor"]) <= 200):
                raise ProvinceError(UNREADABLE, transient=True)
            catalog_changed = False
            with self.db.write() as session:
                for change in page["changes"]:
                    problem = change_problem(change, agency_code)
                    if problem:
                        self._refuse_change(change, problem, report)
                    elif change["kind"] == "status":
                        report.pulled += self._apply_status(session, change["payload"])
                    elif change["kind"] == "online_dossier":
                        report.pulled += self.apply_online(session, change["payload"])
                    elif change["kind"] == "catalog":
                        catalog_changed = True
                _set_state(session, "changes_cursor", page["next_cursor"])
            if catalog_changed:
                report.catalog_updated |= self.refresh_catalog()
            if page.get("has_more") is not True or page["next_cursor"] == cursor:
                return  # done, or a province that says "more" without moving on: the next round asks again
        log.info("changes feed: %s pages read, the rest in the next round", MAX_PAGES)

    @staticmethod
    def _refuse_change(change, problem: str, report: SyncReport) -> None:
        payload = change.get("payload") if isinstance(change, dict) else None
        code = payload.get("code") if isinstance(payload, dict) else None
        log.warning("change from the province refused: %s (code %r)", problem, str(code)[:80])
        report.problems.append(f"Bỏ qua một thay đổi không hợp lệ từ tỉnh: {problem}.")

    @staticmethod
    def _apply_status(session, payload: dict) -> int:
        dossier = session.scalar(select(DossierRow).where(DossierRow.code == payload["code"]))
        event_id = int(payload.get("event_id", 0))
        if dossier is None or event_id <= dossier.province_event_id:
            return 0  # not ours, or already applied (a replayed page must change nothing)
        before, status = dossier.status, DossierStatus(payload["status"])
        at = datetime.fromisoformat(payload["at"]) if payload.get("at") else None
        details: dict[str, Any] = {"event_id": event_id}
        if status is DossierStatus.SUPPLEMENT_REQUESTED:  # the papers the citizen is asked to bring
            details["documents"] = list(payload.get("documents") or [])
        moment = to_vietnam_local(at) if at else to_vietnam_local(utc_now())
        session.add(DossierStepRow(
            dossier_code=dossier.code, at=moment,
            kind="province", from_status=before, to_status=int(status),
            actor=payload.get("handler") or "Tỉnh", unit=payload.get("unit", ""), note=payload.get("note", ""),
            due_at=dossier.appointment_at, source="province", details=details))
        dossier.province_event_id = event_id
        mark_finished(dossier, int(status), moment)  # the moment its timeliness is judged
        dossier.status = int(status)
        dossier.updated_utc = utc_now()
        session.add(AuditRow(at_utc=utc_now(), actor=payload.get("handler") or "Tỉnh", action="sync.status",
                             entity="dossier", entity_id=dossier.code,
                             details={"from": before, "to": dossier.status, "unit": payload.get("unit", ""),
                                      "note": payload.get("note", ""), "at": payload.get("at")}))
        return 1

    def _current(self, code: str):
        """The catalog's current entry for a procedure, or None when the desk does not know it."""
        if self.catalog is None:
            return None
        try:
            return self.catalog.get(code)
        except DomainError:
            return None

    def _snapshot(self, code: str, name: str) -> tuple[dict, int]:
        """The local template of an online application's procedure, or a minimal one naming it."""
        entry = self._current(code)
        if entry is not None:
            return entry.template.to_dict(), entry.version
        return {"code": code, "name": name, "sector": "", "processing": {"value": 0, "unit": "none"},
                "fee": {"kind": "unset"}}, 0

    def apply_online(self, session, payload: dict) -> int:
        """An online application waiting at this commune (status 1): the inbox lists it."""
        if session.scalar(select(DossierRow.id).where(DossierRow.code == payload["code"])) is not None:
            return 0
        record = payload["record"]
        received = datetime.fromisoformat(record["received_at"])
        identity = next((i["number"] for i in record.get("identities", [])), "")
        snapshot, version = self._snapshot(record["procedure_code"], record["procedure_name"])
        now, new_online = utc_now(), int(DossierStatus.NEW_ONLINE)
        session.add(DossierRow(
            code=payload["code"], agency_code=payload["code"].rsplit("-", 2)[0],
            status=new_online, channel=ONLINE_CHANNEL,
            received_at=to_vietnam_local(received), appointment_at=None, procedure_code=record["procedure_code"],
            procedure_name=record["procedure_name"], procedure_version=version,
            snapshot_row=intern_snapshot(session, snapshot),
            owner_name=record["owner_name"], owner_id_number=identity[:12], phone=record.get("phone", ""),
            email=record.get("email", ""), documents=[dict(d, received=True) for d in record.get("documents", [])],
            extra_values={}, fee_amount=sum(f["amount"] for f in record.get("fees", [])), ledger_book="",
            ledger_line=0, clerk_name="", counter_name="", note=record.get("summary", ""),
            competent_agency=str(record.get("competent_agency") or "")[:300],
            with_verification=record.get("with_verification") is True,
            search_key=dossier_search_key(record["owner_name"], "", payload["code"], identity,
                                          record.get("phone", "")), created_utc=now, updated_utc=now))
        session.add(DossierStepRow(dossier_code=payload["code"], at=to_vietnam_local(received), kind="online",
                                   from_status=new_online, to_status=new_online, actor=record["owner_name"][:200],
                                   unit="Cổng dịch vụ công", note="Nộp trực tuyến", source="province", details={}))
        return 1

    # -- catalog --------------------------------------------------------------------------------------
    def refresh_catalog(self) -> bool:
        if self.catalog is None:
            return False
        with self.db.read() as session:
            etag = _state(session, "catalog_etag")
        answer = self.client.catalog(etag)
        if answer is None:
            return False
        new_etag, procedures = answer
        # An admin sees what the province's catalog would change and applies it (issue 7): a
        # template edited here is never overwritten behind the admin's back.
        self.catalog.store_offer(procedures, new_etag)
        with self.db.write() as session:
            _set_state(session, "catalog_etag", new_etag)
        plan = self.catalog.offer_plan()
        return plan is not None and not plan.is_empty

    # -- a whole round -----------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        report = SyncReport()
        try:
            self.push(report)
            if not report.error:
                self.pull(report)
                # Citizens' feedback from the website and answers given elsewhere (desk/sync/feedback_sync.py).
                feedback_sync.pull_feedback(self.db, self.client, report)
                if not report.catalog_updated:
                    report.catalog_updated = self.refresh_catalog()
        except ProvinceError as error:
            report.error, report.retry_after = error.message, error.retry_after
        with self.db.write() as session:
            now = utc_now().isoformat(timespec="seconds")
            if report.error:
                _set_state(session, "last_error", report.error)
                _set_state(session, "last_error_utc", now)
            else:
                _set_state(session, "last_success_utc", now)
                _set_state(session, "last_error", "")
        return report

    def pending_counts(self) -> dict:
        return pending_counts(self.db)


CURSOR_EXPIRED = ("Máy quầy đã ngoại tuyến lâu hơn thời gian tỉnh giữ các thay đổi: quản trị viên hãy dùng "
                  "“Lấy lại dữ liệu từ tỉnh” trên trang Đồng bộ để nhận lại trạng thái hồ sơ.")


def pending_counts(db: Database) -> dict:
    """What waits in the outbox, what failed, what was sent, and the last round's outcome (no client needed)."""
    with db.read() as session:
        counts = dict(session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state)).all())
        oldest = session.scalar(select(func.min(OutboxRow.created_utc)).where(OutboxRow.state == "pending"))
        return {"pending": counts.get("pending", 0), "failed": counts.get("failed", 0),
                "sent": counts.get("sent", 0), "oldest_pending_utc": oldest,
                "last_success_utc": _state(session, "last_success_utc"),
                "last_error": _state(session, "last_error")}


# Registers the senders of feedback.record and feedback.answer; imported last, as the module imports this one.
from . import feedback_sync  # noqa: E402
