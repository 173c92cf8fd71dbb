"""Citizens' feedback in the sync round (docs/ARCHITECTURE.md, "Citizens' feedback"; docs/REST.md, "Feedback").

Push: the outbox's ``feedback.record`` (``PUT /api/v1/feedback/{code}``) and ``feedback.answer`` (``POST
/api/v1/feedback/{code}/answer``), each with the transaction id fixed when it was queued; the sender is registered
with the engine's ``SENDERS`` when this module is imported.
Pull: ``GET /api/v1/feedback-changes`` pages (feedback sent on the tracking site for this commune, answers given at
the province or at another desk), each page applied in one transaction with the cursor ``feedback_cursor``; an
item without the contract's shape is skipped and reported, never stored. Bounded: at most MAX_PAGES a round.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from contract import feedback as FB
from desk.domain.clock import to_vietnam_local, utc_now
from desk.store import Database
from desk.store.models import AgencyRow, FeedbackRow, OutboxRow, SyncStateRow
from desk.store.outbox import OutboxKind

from .client import UNREADABLE, ProvinceClient, ProvinceError
from .engine import SyncEngine, SyncReport, sends

log = logging.getLogger(__name__)
CURSOR = "feedback_cursor"
MAX_PAGES = 50


@sends(OutboxKind.FEEDBACK_RECORD, OutboxKind.FEEDBACK_ANSWER)
def send_feedback(engine: SyncEngine, row: OutboxRow, _dossiers) -> None:
    push_one(engine.client, row)


def push_one(client: ProvinceClient, row: OutboxRow) -> dict:
    body = {"client_txn_id": row.client_txn_id, **row.payload}
    if row.kind == OutboxKind.FEEDBACK_RECORD:
        response = client.request("PUT", f"/api/v1/feedback/{row.dossier_code}", json=body)
    else:
        response = client.request("POST", f"/api/v1/feedback/{row.dossier_code}/answer", json=body)
    client._raise_for(response)
    return client.json(response)


def pull_feedback(db: Database, client: ProvinceClient, report: SyncReport | None = None) -> int:
    """Apply what the province has for this commune since the last pull; the number of feedback changed."""
    report = report if report is not None else SyncReport()
    with db.read() as session:
        agency = session.get(AgencyRow, 1)
    agency_code = agency.code if agency else ""
    changed = 0
    for _page in range(MAX_PAGES):
        with db.read() as session:
            state = session.get(SyncStateRow, CURSOR)
            cursor = state.value if state else ""
        response = client.request("GET", "/api/v1/feedback-changes", params={"cursor": cursor})
        client._raise_for(response)
        page = client.json(response)
        if not (isinstance(page, dict) and isinstance(page.get("items"), list)
                and isinstance(page.get("next_cursor"), str) and len(page["next_cursor"]) <= 200):
            raise ProvinceError(UNREADABLE, transient=True)
        with db.write() as session:
            for raw in page["items"]:
                item, problem = checked(raw, agency_code)
                if problem:
                    log.warning("feedback from the province refused: %s", problem)
                    report.problems.append(f"Bỏ qua một phản ánh không hợp lệ từ tỉnh: {problem}.")
                elif apply_item(session, item):
                    changed += 1
            state = session.get(SyncStateRow, CURSOR)
            if state is None:
                session.add(SyncStateRow(key=CURSOR, value=page["next_cursor"]))
            else:
                state.value = page["next_cursor"]
        if page.get("has_more") is not True or page["next_cursor"] == cursor:
            break
    report.pulled += changed
    return changed


def _text(value, low: int, high: int) -> bool:
    return isinstance(value, str) and low <= len(value) <= high


def _moment(value) -> datetime | None:
    """A time with its offset, as Vietnam wall time (naive), or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not 2000 <= moment.year <= 2100:
        return None
    return to_vietnam_local(moment).replace(tzinfo=None)


def checked(item, agency_code: str) -> tuple[dict, str | None]:
    """The item with its times read, or why it cannot be used (Vietnamese)."""
    if not isinstance(item, dict):
        return {}, "nội dung không đúng định dạng"
    code = item.get("code")
    if not isinstance(code, str) or not FB.is_feedback_code(code):
        return {}, "mã phản ánh không đúng định dạng"
    if FB.agency_of(code) not in ("", agency_code):
        return {}, f"phản ánh {code} không thuộc cơ quan này"
    if item.get("channel") not in FB.CHANNELS or item.get("category") not in FB.CATEGORIES \
            or item.get("status") not in FB.STATUSES:
        return {}, f"phản ánh {code}: loại hoặc trạng thái không hợp lệ"
    if not (_text(item.get("text"), 1, FB.MAX_TEXT) and _text(item.get("answer"), 0, FB.MAX_ANSWER)
            and all(_text(item.get(k), 0, n) for k, n in (("citizen_name", FB.MAX_NAME), ("phone", 20),
                                                            ("email", 254), ("answered_by", 200),
                                                            ("answered_where", 10), ("dossier_code", 40)))):
        return {}, f"phản ánh {code}: nội dung không hợp lệ"
    version = item.get("version")
    if type(version) is not int or not 0 < version < 2**31:
        return {}, f"phản ánh {code}: số phiên bản không hợp lệ"
    received, due = _moment(item.get("received_at")), _moment(item.get("due_at"))
    answered = _moment(item.get("answered_at")) if item.get("answered_at") is not None else None
    if received is None or due is None or (item["status"] == "answered" and answered is None):
        return {}, f"phản ánh {code}: thời điểm không hợp lệ"
    return {**item, "received_at": received, "due_at": due, "answered_at": answered}, None


def apply_item(session: Session, item: dict) -> bool:
    """A feedback as the province has it (``checked``): a new one from the web is stored, an answer given elsewhere
    replaces an older one (the newest answer stands). True when something changed."""
    row = session.scalar(select(FeedbackRow).where(FeedbackRow.code == item["code"]))
    if row is not None and item["version"] <= row.province_version:
        return False
    if row is None:
        row = FeedbackRow(code=item["code"], channel=item["channel"], category=item["category"],
                          dossier_code=item["dossier_code"] or None, text=item["text"],
                          citizen_name=item["citizen_name"], phone=item["phone"], email=item["email"],
                          received_at=item["received_at"], due_at=item["due_at"], status="open", answer="",
                          answered_at=None, answered_by="", answered_where="", recorded_by="", province_version=0,
                          created_utc=utc_now())
        session.add(row)
    row.province_version = item["version"]
    if item["status"] == "answered" and (row.answered_at is None or item["answered_at"] >= row.answered_at):
        row.answer, row.answered_at, row.answered_by = item["answer"], item["answered_at"], item["answered_by"]
        row.answered_where, row.status = item["answered_where"] or "province", "answered"
    return True
