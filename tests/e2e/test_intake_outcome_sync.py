"""Guidance and refusals given at intake reach the province (PUT /api/v1/intake-outcomes/{reference}) and
are counted per commune and period. A real server on loopback."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from provincial.database import ServerDatabase
from provincial.models import Commune, IntakeOutcome
from provincial.service import Backend
from tests.e2e.test_provincial_server import A, B, DeskClient
from tests.support.provincial import ProvincialServer

GUIDANCE = {
    "kind": "guidance", "at": "2026-11-23T09:30:00+07:00", "procedure_code": "1.001193",
    "procedure_name": "Đăng ký khai sinh", "owner_name": "H Hen Niê", "owner_id_number": "066305001234",
    "phone": "0912345678", "documents": ["Giấy chứng sinh", "Tờ khai đăng ký khai sinh"], "reason": "",
    "clerk": "Lê Văn Tâm",
}
REFUSAL = {**GUIDANCE, "kind": "refusal", "owner_id_number": "", "documents": [],
           "reason": "Thủ tục không thuộc thẩm quyền giải quyết của xã."}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = ProvincialServer(tmp_path_factory.mktemp("province")).start()
    with process.admin() as admin:
        for agency in (A, B):
            created = admin.post("/api/v1/admin/communes", json={"agency_code": agency, "name": f"Xã {agency}",
                                                                 "parent_authority": "UBND TỈNH ĐẮK LẮK"})
            assert created.status_code == 201
    yield process
    process.stop()


@pytest.fixture
def make_desk(server):
    made = []

    def make(agency: str = A) -> DeskClient:
        made.append(DeskClient(server, agency))
        return made[-1]

    yield make
    for desk in made:
        desk.http.close()


def put(desk: DeskClient, reference: str, body: dict, txn: str | None = None) -> httpx.Response:
    return desk.http.put(f"/api/v1/intake-outcomes/{reference}",
                         json={"client_txn_id": txn or str(uuid.uuid4()), **body})


def province_counts(data_dir: Path, agency: str, first: date, last: date) -> dict[str, int]:
    """The backend's own count, read from the running server's database."""
    backend = Backend(ServerDatabase.in_directory(data_dir), data_dir, b"k" * 32)
    try:
        with backend.db.read() as s:
            commune_id = s.scalar(select(Commune.id).where(Commune.agency_code == agency))
        return backend.intake_outcome_counts(commune_id, first, last)
    finally:
        backend.db.engine.dispose()


def test_an_outcome_is_created_once_and_replayed_identically(server, make_desk):
    desk = make_desk(A)
    txn = str(uuid.uuid4())
    answers = [put(desk, f"{A}-261123-B001", GUIDANCE, txn) for _ in range(3)]
    assert [a.status_code for a in answers] == [201] * 3 and len({a.text for a in answers}) == 1
    assert answers[0].json() == {"reference": f"{A}-261123-B001", "kind": "guidance", "version": 1}
    conflict = put(desk, f"{A}-261123-B001", {**GUIDANCE, "owner_name": "Người khác"}, txn)
    assert conflict.status_code == 409 and conflict.json()["error"] == "txn_conflict"
    # the desk sends it again under a new transaction id: nothing changes; a correction is a new version
    again = put(desk, f"{A}-261123-B001", GUIDANCE)
    assert again.status_code == 200 and again.json()["version"] == 1
    corrected = put(desk, f"{A}-261123-B001", {**GUIDANCE, "documents": ["Giấy chứng sinh"]})
    assert corrected.status_code == 200 and corrected.json()["version"] == 2
    db = ServerDatabase.in_directory(server.data_dir)
    try:
        with db.read() as s:
            stored = s.scalar(select(IntakeOutcome).where(IntakeOutcome.reference == f"{A}-261123-B001"))
    finally:
        db.engine.dispose()
    assert (stored.kind, stored.owner_name, stored.documents, stored.at) == (
        "guidance", "H Hen Niê", ["Giấy chứng sinh"], datetime(2026, 11, 23, 9, 30))


def test_another_communes_reference_is_refused(server, make_desk):
    other = make_desk(B)
    refused = put(other, f"{A}-261123-T001", REFUSAL)
    assert refused.status_code == 403 and refused.json()["error"] == "wrong_commune"
    anonymous = httpx.put(f"{server.base_url}/api/v1/intake-outcomes/{A}-261123-T001",
                          json={"client_txn_id": str(uuid.uuid4()), **REFUSAL})
    assert anonymous.status_code == 401


@pytest.mark.parametrize("reference,body,error", [
    (f"{A}-261123-B002", REFUSAL, "kind_mismatch"),  # B numbers guidance, T refusals
    (f"{A}-261123-T002", GUIDANCE, "kind_mismatch"),
    (f"{A}-261123-0002", GUIDANCE, "invalid_request"),  # a dossier code is not an outcome's reference
    (f"{A}-261123-B02", GUIDANCE, "invalid_request"),
    (f"{A}-261123-B003", {**GUIDANCE, "owner_id_number": "0663"}, "invalid_request"),
    (f"{A}-261123-B003", {**GUIDANCE, "at": "2026-11-23T09:30:00"}, "invalid_request"),
    (f"{A}-261123-B003", {**GUIDANCE, "kind": "advice"}, "invalid_request"),
    (f"{A}-261123-B003", {**GUIDANCE, "reason": "x" * 2001}, "invalid_request"),
    (f"{A}-261123-B003", {**GUIDANCE, "extra": 1}, "invalid_request"),
])
def test_a_malformed_outcome_gets_a_vietnamese_4xx(server, make_desk, reference, body, error):
    answer = put(make_desk(A), reference, body)
    assert answer.status_code == 422 and answer.json()["error"] == error, answer.text


def test_outcomes_are_counted_per_commune_kind_and_vietnam_date(server, make_desk):
    a, b = make_desk(A), make_desk(B)
    day = {"at": "2026-12-01T08:00:00+07:00"}
    assert put(a, f"{A}-261201-B001", {**GUIDANCE, **day}).status_code == 201
    assert put(a, f"{A}-261201-B002", {**GUIDANCE, "at": "2026-12-01T23:30:00+07:00"}).status_code == 201
    assert put(a, f"{A}-261201-T001", {**REFUSAL, **day}).status_code == 201
    # 17:30 UTC is already 00:30 on 2 December in Vietnam
    assert put(a, f"{A}-261202-T0001", {**REFUSAL, "at": "2026-12-01T17:30:00+00:00"}).status_code == 201
    assert put(b, f"{B}-261201-B001", {**GUIDANCE, **day}).status_code == 201
    first, second = date(2026, 12, 1), date(2026, 12, 2)
    assert province_counts(server.data_dir, A, first, first) == {"guidance": 2, "refusal": 1}
    assert province_counts(server.data_dir, A, second, second) == {"guidance": 0, "refusal": 1}
    assert province_counts(server.data_dir, A, first, second) == {"guidance": 2, "refusal": 2}
    assert province_counts(server.data_dir, B, first, second) == {"guidance": 1, "refusal": 0}
    assert province_counts(server.data_dir, A, date(2026, 12, 3), date(2026, 12, 31)) == {"guidance": 0,
                                                                                         "refusal": 0}
