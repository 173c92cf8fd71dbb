"""Outbox messages: one enum of kinds, one way to queue them, one sender per kind (desk/store/outbox.py,
desk/sync/engine.py)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desk.store.models import OutboxRow
from desk.store.outbox import OutboxKind, enqueue
from desk.sync.engine import SENDERS, SyncEngine, SyncReport
from tests.conftest import ROOT


def test_every_kind_has_exactly_one_registered_sender():
    assert set(SENDERS) == set(OutboxKind), "an outbox kind without a sender would fail only at the counter"


def test_stored_kinds_keep_the_strings_existing_databases_hold():
    assert {kind.value for kind in OutboxKind} == {
        "dossier.upsert", "dossier.event", "dossier.rating", "inbox.accept", "inbox.refuse",
        "inbox.request-supplement", "intake.outcome", "audit.anchor", "feedback.record", "feedback.answer"}


def test_every_producer_queues_through_enqueue():
    makers = [path.relative_to(ROOT).as_posix() for folder in ("desk", "printing")
              for path in sorted(Path(ROOT, folder).rglob("*.py"))
              if re.search(r"(?<!class )\bOutboxRow\(", path.read_text(encoding="utf-8"))]
    assert makers == ["desk/store/outbox.py"]


def test_enqueue_stores_the_plain_string_and_a_fresh_transaction_id(desk):
    with desk.db.write() as session:
        first = enqueue(session, OutboxKind.DOSSIER_RATING, "X-1", {"level": 1, "source": "kiosk"})
        second = enqueue(session, OutboxKind.DOSSIER_RATING, "X-1", {"level": 2, "source": "kiosk"})
        assert first.client_txn_id != second.client_txn_id
    with desk.db.read() as session:
        kinds = session.scalars(select(OutboxRow.kind).where(OutboxRow.dossier_code == "X-1")).all()
    assert kinds == ["dossier.rating", "dossier.rating"] and type(kinds[0]) is str


class RecordingClient:
    def __init__(self):
        self.calls = []

    def rate(self, code, txn, level, source):
        self.calls.append(("rate", code, level, source))

    def inbox_decision(self, code, decision, txn, payload):
        self.calls.append(("inbox", code, decision))


def test_a_kind_this_version_does_not_know_is_a_refusal_the_clerk_sees(desk):
    with desk.db.write() as session:
        session.add(OutboxRow(created_utc=datetime(2026, 11, 23), dossier_code="X-2",
                              kind="dossier.teleport", client_txn_id="t-unknown", payload={}))
        enqueue(session, OutboxKind.INBOX_REQUEST_SUPPLEMENT, "X-3", {"clerk": "A", "documents": [], "reason": "r"})
        enqueue(session, OutboxKind.DOSSIER_RATING, "X-4", {"level": 3, "source": "counter"})
    client = RecordingClient()
    report = SyncReport()
    SyncEngine(desk.db, client).push(report)
    assert client.calls == [("inbox", "X-3", "request-supplement"), ("rate", "X-4", 3, "counter")]
    assert report.pushed == 2 and report.failed == 1
    assert report.problems == ["X-2: Loại thay đổi không biết: dossier.teleport"]
