"""Receiving a dossier through the service layer, as the UI and CLI do."""

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select, text

from desk.domain.errors import DomainError
from desk.domain.intake import Person
from desk.domain.status import DossierStatus
from desk.store.models import AuditRow, DossierRow, OutboxRow
from tests.conftest import ADMIN, CLERK
from tests.support.pdf import decode_codes, pdf_text, rasterise
from tests.support.workers import sample_request


def test_receive_stores_everything_in_one_go_and_writes_the_receipt(desk):
    request, version = sample_request(desk, procedure_code="2.000815")
    request = replace(request, pages=3, copies=2, extra_values={})
    result = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    assert result.code == "000.00.53.H16-261123-0001"
    assert result.fee == 10_000  # (2.000 + 2.000 + 1.000) × 2 copies
    assert result.appointment_at == datetime(2026, 11, 23, 17, 0)  # same day, received 09:15
    with desk.db.read() as session:
        row = session.scalar(select(DossierRow))
        assert row.status == DossierStatus.RECEIVED
        assert (row.ledger_book, row.ledger_line) == ("01/2026", 1)
        assert row.clerk_name == "Lê Văn Tâm"
        assert row.procedure_snapshot["code"] == "2.000815"
        assert session.scalar(select(AuditRow).where(AuditRow.action == "dossier.receive")).entity_id == result.code
        assert session.scalar(select(OutboxRow)).dossier_code == result.code
    pdf = result.receipt_path.read_bytes()
    assert decode_codes(rasterise(pdf)).get("Code128") == result.code
    assert "10.000 đ (2 bản, 3 trang/bản)" in pdf_text(pdf)


def test_template_edits_never_change_a_saved_dossier(desk):
    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    before = desk.receipts.render(code)
    edited = replace(request.procedure, name="Chứng thực chữ ký (mẫu mới)")
    entry = desk.catalog.save(edited, actor=ADMIN)
    assert entry.version == version + 1
    assert desk.catalog.get(request.procedure.code).template.name == "Chứng thực chữ ký (mẫu mới)"
    detail = desk.dossiers.get(code)
    assert detail.summary.procedure_name == "Chứng thực chữ ký trong các giấy tờ, văn bản"
    assert pdf_text(desk.receipts.render(code)) == pdf_text(before)


def test_missing_required_document_blocks_with_a_clear_message(desk):
    request, version = sample_request(desk)
    request = replace(request, received_documents=(True, False))
    with pytest.raises(DomainError, match="Còn thiếu giấy tờ bắt buộc: Giấy tờ, văn bản sẽ ký"):
        desk.intake.receive(request, procedure_version=version, actor=CLERK)
    assert desk.dossiers.count() == 0


def test_extra_fields_are_validated_and_printed(desk):
    request, version = sample_request(desk, procedure_code="1.001193")
    with pytest.raises(DomainError, match="Họ và tên trẻ"):
        desk.intake.receive(request, procedure_version=version, actor=CLERK)
    request = replace(request, extra_values={"child_name": "Nguyễn Minh An", "child_birth_date": "1/11/2026",
                                             "child_gender": "Nam"})
    result = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    text = pdf_text(result.receipt_path.read_bytes())
    assert "Họ và tên trẻ: Nguyễn Minh An" in text
    assert "Ngày sinh của trẻ: 01/11/2026" in text


def test_submitter_and_id_warnings(desk):
    request, version = sample_request(desk, id_number="066195012345")
    owner = Person(full_name="Nguyễn Văn An", id_number="066195012345", gender="Nam",
                   birth_date=datetime(1996, 3, 15).date())
    request = replace(request, owner=owner, submitter=Person(full_name="Trần Văn Bình", id_number="054088004321"))
    result = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    assert any("giới tính" in w for w in result.warnings)
    assert any("năm sinh" in w for w in result.warnings)
    assert "Người nộp thay: Trần Văn Bình" in pdf_text(result.receipt_path.read_bytes())


@pytest.mark.parametrize("query,expected", [
    ("khai sinh", {"1.001193", "1.004884"}),
    ("chung thuc ban sao", {"2.000815"}),
    ("dang ky ket hon", {"1.000894"}),
    ("ĐĂNG KÝ KẾT HÔN", {"1.000894"}),
    ("1.001612", {"1.001612"}),
])
def test_catalog_search_without_diacritics(desk, query, expected):
    assert {e.template.code for e in desk.catalog.search(query)} == expected


def test_status_filters_list_newest_first_across_their_statuses(desk, clock):
    request, version = sample_request(desk)
    codes = []
    for hour in (8, 9, 10, 11):
        clock.now = datetime(2026, 11, 23, hour, 0)
        codes.append(desk.intake.receive(request, procedure_version=version, actor=CLERK).code)
    desk.lifecycle.send_to_handler(codes[0], "Công chức Tư pháp", actor=CLERK)  # in progress, another status
    desk.lifecycle.result_ready(codes[2], actor=CLERK)
    running = (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.FINANCIAL_OBLIGATION)
    assert [s.code for s in desk.dossiers.search("", statuses=running)] == [codes[3], codes[1], codes[0]]
    assert [s.code for s in desk.dossiers.search("", statuses=running, limit=2)] == [codes[3], codes[1]]
    assert [s.code for s in desk.dossiers.search("", statuses=(DossierStatus.RESULT_READY,))] == [codes[2]]
    clock.now = datetime(2026, 12, 30, 9, 0)  # every appointment has passed
    assert [s.code for s in desk.dossiers.search("", overdue=True)] == [codes[3], codes[1], codes[0]]
    assert [s.code for s in desk.dossiers.search(codes[1], statuses=running)] == [codes[1]]  # the code alone


def test_dossier_search_by_name_code_id_and_phone(desk):
    request, version = sample_request(desk, name="Phạm Đức Đạt", id_number="079072111222")
    code = desk.intake.receive(replace(request, phone="0987654321"), procedure_version=version, actor=CLERK).code
    desk.intake.receive(sample_request(desk)[0], procedure_version=version, actor=CLERK)
    # Words start words of the dossier, in any order; a code's parts, a number's start (issue 17).
    for query in ("pham duc dat", "Đạt", "dat", "dat pham", "ph đ", code, code[-11:], "0001", "079072111222",
                  "0790721", "0987654321", "098765"):
        assert [s.code for s in desk.dossiers.search(query)] == [code], query
    assert len(desk.dossiers.search("")) == 2
    assert desk.dossiers.search("100%_") == [] and desk.dossiers.search('"') == []
    assert desk.dossiers.search("hat") == []  # the middle of a word is not the start of one


def test_no_agency_means_a_clear_message(tmp_path, clock):
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    services = open_desk(DeskPaths(tmp_path), CounterSettings(), clock)
    request, version = sample_request(services)
    with pytest.raises(DomainError, match="Chưa khai báo thông tin cơ quan"):
        services.intake.receive(request, procedure_version=version, actor=CLERK)
    services.db.dispose()


def test_read_only_database_gives_a_clear_message_and_keeps_saved_dossiers(desk, clock):
    from desk.services.desk import DeskServices
    from desk.store import Database, DatabaseError

    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    path = desk.paths.database.resolve().as_posix()
    read_only = DeskServices.create(desk.paths, desk.settings_store, Database(f"sqlite:///file:{path}?mode=ro&uri=true"),
                                    clock)
    with pytest.raises(DatabaseError, match="chỉ cho phép đọc"):
        read_only.intake.receive(request, procedure_version=version, actor=CLERK)
    assert [s.code for s in read_only.dossiers.search("")] == [code]
    read_only.db.dispose()


def test_locked_database_gives_a_clear_message(desk, clock):
    from desk.services.desk import DeskServices
    from desk.store import Database, DatabaseError
    from desk.store.database import sqlite_url

    request, version = sample_request(desk)
    impatient = DeskServices.create(desk.paths, desk.settings_store,
                                    Database(sqlite_url(desk.paths.database), busy_timeout_s=0.2), clock)
    with desk.db.write() as other_counter:  # another counter holds the write lock
        other_counter.execute(text("SELECT 1"))  # BEGIN IMMEDIATE is sent with the first statement
        with pytest.raises(DatabaseError, match="đang bận"):
            impatient.intake.receive(request, procedure_version=version, actor=CLERK)
    assert impatient.intake.receive(request, procedure_version=version, actor=CLERK).code.endswith("-0001")
    impatient.db.dispose()


def test_receipt_write_failure_keeps_the_dossier_and_allows_reprint(desk, monkeypatch):
    """A full disk while writing the PDF: the dossier is saved and the receipt can be reprinted."""
    request, version = sample_request(desk)

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desk.services.receipts.atomic_write_bytes", disk_full)
    result = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    assert result.receipt_path is None
    assert "đã được lưu" in result.receipt_error and "In lại" in result.receipt_error.replace("in lại", "In lại")
    assert desk.dossiers.get(result.code).summary.code == result.code
    monkeypatch.undo()
    path = desk.receipts.ensure_pdf(result.code)
    assert decode_codes(rasterise(path.read_bytes())).get("Code128") == result.code


def test_full_database_gives_a_clear_message_and_keeps_earlier_dossiers(desk):
    """SQLite's own "database or disk is full", produced by capping the file's page count."""
    from desk.store import DatabaseError

    request, version = sample_request(desk)
    first = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    with desk.db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    cap = f"PRAGMA max_page_count={pages}"

    from sqlalchemy import event

    @event.listens_for(desk.db.engine, "begin")
    def _cap(connection):
        connection.exec_driver_sql(cap)

    big = replace(request, note="x" * 2000)  # the longest note a clerk may type
    saved = [first]
    with pytest.raises(DatabaseError, match="ổ đĩa đã đầy"):
        for _ in range(100):  # the free room of the last page fills after a few
            saved.append(desk.intake.receive(big, procedure_version=version, actor=CLERK).code)
    event.remove(desk.db.engine, "begin", _cap)
    assert [s.code for s in desk.dossiers.search("")] == saved[::-1]


@pytest.mark.postgres
def test_dossier_search_on_postgresql_uses_the_trigram_index(tmp_path, clock, pg_url):
    """Counters sharing PostgreSQL: the same questions answered through pg_trgm (created by migration 0007)."""
    from tests.conftest import make_desk

    desk = make_desk(tmp_path / "data", clock, database_url=pg_url)
    request, version = sample_request(desk, name="Phạm Đức Đạt", id_number="079072111222")
    code = desk.intake.receive(replace(request, phone="0987654321"), procedure_version=version, actor=CLERK).code
    desk.intake.receive(sample_request(desk)[0], procedure_version=version, actor=CLERK)
    for query in ("pham duc dat", "dat pham", code, "079072111222", "0987654321", "0790721"):
        assert [s.code for s in desk.dossiers.search(query)] == [code], query
    with desk.db.engine.connect() as conn:
        indexes = {row[0] for row in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'dossier'"))}
    assert "ix_dossier_search_key_trgm" in indexes and "ix_dossier_status_received_at" in indexes
    desk.db.dispose()
