"""Backups and restore ("Nothing lost"): what goes into an archive, how it is checked, kept, scheduled, and put
back; a damaged database noticed and told in words. The faults of real processes are in
tests/e2e/test_backup_faults.py."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import threading
import zipfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desk.domain.errors import DomainError
from desk.services import restore as restore_module
from desk.services.backup import ARCHIVE_RE, BackupService
from desk.settings import CounterSettings, load_settings, save_settings
from desk.store import integrity
from desk.store.integrity import DatabaseCorrupt, verify_archive
from desk.store.migrations import HEAD_REVISION
from desk.store.models import AuditRow, DossierRow, OutboxRow
from tests.conftest import ADMIN, CLERK, make_desk
from tests.support.workers import sample_request


def receive(desk, n: int = 1) -> list[str]:
    request, version = sample_request(desk)
    return [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(n)]


def attach_file(desk, code: str, content: bytes, *, received: bool = True) -> str:
    """A digitized document in the content-addressed store, on the dossier's first checklist line."""
    sha256 = hashlib.sha256(content).hexdigest()
    path = desk.paths.file_path(sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with desk.db.write() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        documents = [dict(d) for d in row.documents]
        documents[0].update(sha256=sha256, digitized=1, received=received)
        row.documents = documents
    return sha256


def mark_sent(desk, code: str) -> None:
    with desk.db.write() as session:
        session.execute(update(OutboxRow).where(OutboxRow.dossier_code == code).values(state="sent"))


def dossier_codes(desk) -> set[str]:
    with desk.db.read() as session:
        return set(session.scalars(select(DossierRow.code)))


def count_in_file(database: Path) -> int:
    with closing(sqlite3.connect(database)) as conn:
        return conn.execute("SELECT count(*) FROM dossier").fetchone()[0]


def damage_middle(database: Path) -> None:
    """Overwrite pages in the middle of the file with garbage, as a failing disk does."""
    size = database.stat().st_size
    with open(database, "r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(os.urandom(4096 * 4))


@pytest.fixture
def folder(tmp_path) -> Path:
    """A backup folder on a "USB stick" (the stick is there; the folder is made by the first backup)."""
    (tmp_path / "usb").mkdir()
    return tmp_path / "usb" / "SaoLuu"


# -- making a backup ------------------------------------------------------------------------------------------
def test_a_backup_is_verified_then_named_and_kept_private(desk, folder):
    codes = receive(desk, 3)
    save_settings(desk.paths.settings, desk.settings)
    result = desk.backup.create(to=folder)
    assert result.ok, result.problem
    assert ARCHIVE_RE.match(result.archive.name) and result.archive.parent == folder
    assert result.archive.name.startswith("sao-luu-000.00.53.H16-q01-")
    assert stat.S_IMODE(result.archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == sorted([result.archive.name, "nhat-ky-sao-luu.json"])
    assert not list(desk.paths.data_dir.glob(".sao-luu-tam-*")), "the work folder is removed"
    with zipfile.ZipFile(result.archive) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        head = desk.audit.head()
        assert manifest["format"] == "motcua-desk-backup" and manifest["format_version"] == 1
        assert manifest["counter_name"] == "Quầy 1" and manifest["agency_code"] == "000.00.53.H16"
        assert manifest["database"] == {"kind": "sqlite", "member": "database/desk.sqlite3",
                                        "schema_revision": HEAD_REVISION, "dossiers": 3}
        assert manifest["audit"] == {"entries": head.entries, "head_hash": head.head_hash}
        created_utc, created_vn = (datetime.fromisoformat(manifest[k]) for k in ("created_utc", "created_vietnam"))
        assert created_vn - created_utc == timedelta(hours=7)
        names = set(archive.namelist())
        assert {"database/desk.sqlite3", "settings.json", *(f"receipts/2611/{c}.pdf" for c in codes)} <= names
        for name, member in manifest["members"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == member["sha256"]
    [entry] = desk.backup.list_backups(folder)
    assert entry.verified and entry.dossiers == 3 and "thử khôi phục" in entry.note
    log = json.loads((folder / "nhat-ky-sao-luu.json").read_text(encoding="utf-8"))
    assert log[-1]["ok"] is True and log[-1]["name"] == result.archive.name


def test_without_a_chosen_folder_the_desk_warns_that_the_same_disk_is_no_backup(desk):
    result = desk.backup.create()
    assert result.ok and result.archive.parent == desk.paths.data_dir / "backups"
    assert "cùng ổ đĩa" in result.warning
    assert "cùng ổ đĩa" in desk.backup.folder_warning()


def test_only_the_documents_the_province_lacks_are_backed_up(desk, folder):
    sent, waiting, shared = receive(desk, 3)
    at_province = attach_file(desk, sent, b"giay khai sinh da gui")
    not_yet = attach_file(desk, waiting, b"giay to chua gui")
    attach_file(desk, shared, b"giay to chua gui")  # the same paper on a dossier already sent
    orphan = hashlib.sha256(b"ban quet chua gan ho so").hexdigest()
    desk.paths.file_path(orphan).parent.mkdir(parents=True, exist_ok=True)
    desk.paths.file_path(orphan).write_bytes(b"ban quet chua gan ho so")
    mark_sent(desk, sent)
    mark_sent(desk, shared)
    result = desk.backup.create(to=folder)
    assert result.ok and (result.files_included, result.files_at_province) == (2, 1)
    with zipfile.ZipFile(result.archive) as archive:
        files = {name.rsplit("/", 1)[1] for name in archive.namelist() if name.startswith("files/")}
    assert files == {not_yet, orphan} and at_province not in files
    desk.settings_store.update(backup_all_files=True)
    everything = desk.backup.create(to=folder)
    with zipfile.ZipFile(everything.archive) as archive:
        assert {n.rsplit("/", 1)[1] for n in archive.namelist() if n.startswith("files/")} == {
            at_province, not_yet, orphan}


def test_a_document_received_unticked_on_a_sent_dossier_is_backed_up(desk, folder):
    [code] = receive(desk)
    not_uploaded = attach_file(desk, code, b"to khai chua danh dau", received=False)
    mark_sent(desk, code)
    result = desk.backup.create(to=folder)
    assert result.ok and result.files_included == 1 and result.files_at_province == 0
    with zipfile.ZipFile(result.archive) as archive:
        assert f"files/{not_uploaded[:2]}/{not_uploaded}" in archive.namelist()


def test_the_backup_is_online_while_the_counter_keeps_saving(desk, folder):
    receive(desk, 5)
    stop = threading.Event()
    saved = []

    def counter():
        while not stop.is_set():
            saved.extend(receive(desk))

    worker = threading.Thread(target=counter)
    worker.start()
    try:
        results = [desk.backup.create(to=folder) for _ in range(3)]
    finally:
        stop.set()
        worker.join()
    assert saved, "the counter kept saving during the backups"
    for result in results:
        assert result.ok, result.problem  # the copy inside passed integrity_check, its count and chain match
    counts = [r.dossiers for r in results]
    assert counts == sorted(counts) and 5 <= counts[0] and counts[-1] <= 5 + len(saved)


def test_a_damaged_member_fails_the_check_and_says_which(desk, folder, tmp_path):
    [code] = receive(desk)
    result = desk.backup.create(to=folder)
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(result.archive) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == f"receipts/2611/{code}.pdf":
                data = data.replace(b"%%EOF", b"%%EOX")
            target.writestr(info, data)
    check = verify_archive(tampered, tmp_path / "work")
    assert not check.ok and check.describe() == f"tệp receipts/2611/{code}.pdf không khớp mã băm (bị hỏng)"
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(result.archive.read_bytes()[:-5000])
    assert verify_archive(truncated, tmp_path / "work2").problems == ["tệp nén bị hỏng hoặc bị cắt cụt"]


def test_a_damaged_database_gives_a_failed_archive_that_is_kept_and_never_called_good(desk, folder):
    receive(desk, 40)
    desk.settings_store.update(backup_folder=str(folder))
    good = desk.backup.create()
    desk.db.dispose()
    damage_middle(desk.paths.database)
    report = integrity.check_sqlite_file(desk.paths.database)
    assert not report.ok and report.corrupt and report.details
    assert report.describe().startswith("Cơ sở dữ liệu của máy quầy bị hỏng:") and "SELECT" not in report.describe()
    service = BackupService(desk.paths, desk.settings_store, None, desk.backup.clock)
    desk.backup.clock.now += timedelta(minutes=1)
    failed = service.create()
    assert not failed.ok and failed.database_corrupt and "bị hỏng" in failed.problem and "SELECT" not in failed.problem
    entries = service.list_backups(folder)
    if failed.archive is not None:  # the copy was written and failed its check: kept under a name that says so
        assert failed.archive.name.endswith(".LOI-KIEM-TRA.zip") and failed.archive.exists()
        assert entries[0].path == failed.archive and not entries[0].verified
        assert entries[0].note.startswith("Không qua kiểm tra")
    # else the damage stopped the copy itself: nothing was written at all
    assert [e.path for e in entries if e.verified] == [good.archive]
    assert [e.path for e in service.restorable()] == [good.archive]
    assert not list(folder.glob(".*.dang-ghi"))


def test_open_desk_says_the_database_is_damaged_in_words(tmp_path, clock):
    desk = make_desk(tmp_path / "data", clock)
    receive(desk, 2)
    desk.db.dispose()
    with open(desk.paths.database, "r+b") as handle:
        handle.write(b"\0" * 100)  # the header
    with pytest.raises(DatabaseCorrupt) as caught:
        make_desk(tmp_path / "data", clock)
    text = str(caught.value)
    assert text.startswith("Cơ sở dữ liệu của máy quầy bị hỏng: phần đầu tệp") and "khôi phục" in text
    assert "SELECT" not in text and "sqlite3" not in text


def test_the_quick_check_finds_damage_the_open_does_not_touch(tmp_path, clock):
    desk = make_desk(tmp_path / "data", clock)
    receive(desk, 60)
    assert desk.backup.check_integrity().ok
    desk.db.dispose()
    damage_middle(desk.paths.database)
    desk = make_desk(tmp_path / "data", clock)  # opening reads only the first pages
    report = desk.backup.check_integrity()
    assert not report.ok and report.corrupt and "bị hỏng" in report.describe() and "SELECT" not in report.describe()
    desk.db.dispose()


# -- keeping and scheduling ---------------------------------------------------------------------------------
def test_rotation_keeps_days_weeks_months_the_last_day_and_the_failed_few(desk, tmp_path):
    folder = tmp_path / "rotation"
    folder.mkdir()
    tag = "000.00.53.H16-q01"
    newest = datetime(2026, 11, 23, 17, 30)
    made = [newest - timedelta(days=d, hours=h) for d in range(400) for h in (0, 5)]
    for moment in made:
        (folder / f"sao-luu-{tag}-{moment:%Y%m%d-%H%M%S}.zip").write_bytes(b"")
    for d in range(5):
        failed_at = newest - timedelta(days=d, hours=1)
        (folder / f"sao-luu-{tag}-{failed_at:%Y%m%d-%H%M%S}.LOI-KIEM-TRA.zip").write_bytes(b"")
    other = folder / f"sao-luu-000.00.53.H16-q02-{newest - timedelta(days=300):%Y%m%d-%H%M%S}.zip"
    other.write_bytes(b"")
    removed = desk.backup.rotate(folder, tag)
    kept = sorted(datetime.strptime(ARCHIVE_RE.match(p.name)["stamp"], "%Y%m%d-%H%M%S") for p in folder.iterdir()
                  if ARCHIVE_RE.match(p.name)["tag"] == tag and not ARCHIVE_RE.match(p.name)["failed"])
    days = {m.date() for m in kept}
    assert {(newest - timedelta(days=d)).date() for d in range(7)} <= days  # 7 daily
    assert newest in kept and newest - timedelta(hours=5) in kept  # the last 24 hours whole
    weeks = {m.isocalendar()[:2] for m in kept}
    assert {(newest - timedelta(weeks=w)).isocalendar()[:2] for w in range(4)} <= weeks
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 12 and max(months) == (2026, 11) and min(months) == (2025, 12)
    assert len(kept) <= 2 + 7 + 4 + 12
    assert len([p for p in folder.iterdir() if p.name.endswith(".LOI-KIEM-TRA.zip")]) == 3
    assert other.exists(), "another counter's archives are not this desk's to remove"
    assert len(removed) == len(made) - len(kept) + 2


def write_state(desk, **moments_vn) -> None:
    state = {f"{key}_utc": (moment - timedelta(hours=7)).isoformat() for key, moment in moments_vn.items()}
    (desk.paths.data_dir / "backup-state.json").write_text(json.dumps(state), encoding="utf-8")


def test_due_follows_the_schedule_catches_up_and_waits_after_a_failure(desk):
    due, day = desk.backup.due, datetime(2026, 11, 23)
    assert due(day.replace(hour=8)), "never backed up"
    write_state(desk, last_attempt=day.replace(hour=12, minute=5), last_success=day.replace(hour=12, minute=5))
    assert not due(day.replace(hour=13))
    assert not due(day.replace(hour=17, minute=29))
    assert due(day.replace(hour=17, minute=30))
    write_state(desk, last_attempt=day.replace(hour=11, minute=20), last_success=day.replace(hour=11, minute=20))
    assert not due(day.replace(hour=12, minute=1)), "a backup shortly before noon counts for noon"
    evening = day.replace(hour=17, minute=35)
    write_state(desk, last_attempt=evening, last_success=evening)
    assert not due(day.replace(day=24, hour=7, minute=30)) and due(day.replace(day=24, hour=12))
    write_state(desk, last_attempt=day.replace(hour=12, minute=5), last_success=day.replace(hour=12, minute=5))
    assert due(day.replace(day=24, hour=7, minute=30)), "off at 17:30: caught up at the next start"
    write_state(desk, last_attempt=day.replace(hour=17, minute=31), last_success=day.replace(hour=12, minute=5))
    assert not due(day.replace(hour=17, minute=50)) and due(day.replace(hour=18, minute=2))
    desk.settings_store.update(backup_times=["09:00"])
    write_state(desk, last_attempt=day.replace(hour=9, minute=1), last_success=day.replace(hour=9, minute=1))
    assert not due(day.replace(hour=23)) and due(day.replace(day=24, hour=9))


def test_backup_settings_are_checked_and_audited(desk, tmp_path, folder):
    for bad in ({"backup_times": ["25:00"]}, {"backup_times": []}, {"backup_times": ["12:00", "12:00"]},
                {"backup_keep_daily": 0}, {"backup_keep_monthly": 241}, {"backup_folder": "relative/SaoLuu"},
                {"backup_folder": str(desk.paths.data_dir / "files")}, {"backup_folder": str(tmp_path / "none")}):
        with pytest.raises(DomainError):
            desk.backup.save_settings(bad, actor=ADMIN)
    with pytest.raises(DomainError, match="Chỉ quản trị viên"):
        desk.backup.save_settings({"backup_keep_daily": 3}, actor=CLERK)
    usb = tmp_path / "usb"
    desk.backup.save_settings({"backup_folder": str(usb), "backup_times": ["11:45", "16:50"]}, actor=ADMIN)
    assert load_settings(desk.paths.settings).backup_times == ["11:45", "16:50"]
    assert desk.backup.folder() == usb
    with desk.db.read() as session:
        entry = session.scalars(select(AuditRow).where(AuditRow.action == "backup.settings")).one()
    assert entry.details["after"] == {"backup_folder": str(usb), "backup_times": ["11:45", "16:50"]}
    with pytest.raises(DomainError):
        CounterSettings(backup_times=["7:00"]).validate()


# -- restoring ------------------------------------------------------------------------------------------------
@pytest.fixture
def backed_up(desk, folder):
    """A desk with 3 dossiers and a scan, backed up; then 2 more dossiers, another scan and a renamed counter."""
    first = receive(desk, 3)
    kept_scan = attach_file(desk, first[0], b"ban quet truoc khi sao luu")
    save_settings(desk.paths.settings, desk.settings)
    result = desk.backup.create(to=folder)
    assert result.ok, result.problem
    later = receive(desk, 2)
    later_scan = attach_file(desk, later[0], b"ban quet sau khi sao luu")
    desk.settings_store.update(counter_name="Quầy đổi tên")
    save_settings(desk.paths.settings, desk.settings)
    return result.archive, set(first), set(later), kept_scan, later_scan


def test_restore_puts_the_backup_back_and_keeps_the_current_data_aside(desk, backed_up):
    archive, first, later, kept_scan, later_scan = backed_up
    result = desk.backup.restore(archive, ADMIN)
    assert dossier_codes(desk) == first, "the same services work on the restored data"
    assert desk.settings.counter_name == "Quầy 1" and load_settings(desk.paths.settings).counter_name == "Quầy 1"
    assert result.aside.parent == desk.paths.data_dir and result.aside.name.startswith("truoc-khi-khoi-phuc-")
    assert stat.S_IMODE(result.aside.stat().st_mode) == 0o700
    assert count_in_file(result.aside / "desk.sqlite3") == 5, "nothing of the current data is lost"
    assert load_settings(result.aside / "settings.json").counter_name == "Quầy đổi tên"
    assert desk.paths.file_path(kept_scan).exists() and desk.paths.file_path(later_scan).exists()
    assert result.kept_files == 1 and "1 tệp số hóa" in result.describe()
    assert str(result.aside) in result.describe()
    check = desk.audit.check()
    assert check.ok, check.describe()
    with desk.db.read() as session:
        entry = session.scalars(select(AuditRow).where(AuditRow.action == "backup.restore")).one()
    assert entry.actor == ADMIN.audit_name and entry.details["aside"] == str(result.aside)
    assert not (desk.paths.data_dir / "khoi-phuc-dang-do.json").exists()
    assert not list(desk.paths.data_dir.glob(".khoi-phuc-*"))
    receive(desk)  # the counter works on


def test_a_restore_that_fails_half_way_puts_the_old_data_back(desk, backed_up, monkeypatch):
    archive, first, later, _kept, later_scan = backed_up
    desk.db.dispose()
    before = {p.relative_to(desk.paths.data_dir) for p in desk.paths.data_dir.rglob("*") if "logs" not in p.parts}

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restore_module, "_merge_files", disk_full)
    with pytest.raises(DomainError, match="đặt lại như trước") as caught:
        desk.backup.restore(archive, ADMIN)
    assert "đầy" in str(caught.value)
    after = {p.relative_to(desk.paths.data_dir) for p in desk.paths.data_dir.rglob("*") if "logs" not in p.parts}
    assert after - before <= {Path("backup-state.json")} and before - after <= {Path("desk.sqlite3-wal"),
                                                                                 Path("desk.sqlite3-shm")}
    assert dossier_codes(desk) == first | later and desk.paths.file_path(later_scan).exists()
    assert desk.settings.counter_name == "Quầy đổi tên"


class Killed(BaseException):
    """The process dies here: nothing after this line runs (no undo, no journal removal)."""


@pytest.mark.parametrize("renames_before_death", [0, 1, 2, 3, 4, 5, 7, 9, 10, 50])
def test_a_restore_killed_half_way_is_undone_at_the_next_open(tmp_path, clock, folder, monkeypatch,
                                                              renames_before_death):
    """Every rename of a restore (settings, journal, each item in and out) is a point where power can go."""
    desk = make_desk(tmp_path / "data", clock)
    first = set(receive(desk, 2))
    attach_file(desk, sorted(first)[0], b"ban quet")
    save_settings(desk.paths.settings, desk.settings)
    archive = desk.backup.create(to=folder).archive
    later = set(receive(desk, 2))
    prepared = desk.backup.prepare_restore(archive)
    renames = []
    real_replace = os.replace

    def replace_then_die(source, target):
        if len(renames) == renames_before_death:
            raise Killed()
        renames.append(target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_then_die)
    monkeypatch.setattr(restore_module, "_database_taken", lambda journal: (_ for _ in ()).throw(Killed()))
    monkeypatch.setattr(restore_module.shutil, "rmtree", lambda *a, **k: None)  # a dead process cleans nothing
    if renames_before_death < 50:
        with pytest.raises(Killed):
            desk.backup.finish_restore(prepared, ADMIN)
    else:
        desk.backup.finish_restore(prepared, ADMIN)
    monkeypatch.undo()
    desk.db.dispose()
    again = make_desk(tmp_path / "data", clock)
    assert dossier_codes(again) == (first if renames_before_death == 50 else first | later)
    assert again.backup.check_integrity().ok and again.audit.check().ok
    assert not (again.paths.data_dir / "khoi-phuc-dang-do.json").exists()
    assert not list(again.paths.data_dir.glob(".khoi-phuc-*")), "the unpacked copy is cleaned up at the next open"
    again.db.dispose()


def test_restore_refuses_while_another_program_holds_the_database(desk, backed_up):
    archive, first, later, *_ = backed_up
    other = sqlite3.connect(desk.paths.database)
    other.execute("SELECT count(*) FROM dossier").fetchone()
    try:
        with pytest.raises(DomainError, match="chương trình khác"):
            desk.backup.restore(archive, ADMIN)
    finally:
        other.close()
    assert dossier_codes(desk) == first | later
    assert not list(desk.paths.data_dir.glob("truoc-khi-khoi-phuc-*"))


def test_restore_needs_an_admin_and_a_sound_archive(desk, backed_up, tmp_path):
    archive, *_ = backed_up
    with pytest.raises(DomainError, match="Chỉ quản trị viên"):
        desk.backup.restore(archive, CLERK)
    assert not list(desk.paths.data_dir.glob(".khoi-phuc-*"))
    not_a_backup = tmp_path / "anh.zip"
    with zipfile.ZipFile(not_a_backup, "w") as z:
        z.writestr("anh.jpg", b"x")
    with pytest.raises(DomainError, match="không phải bản sao lưu"):
        desk.backup.restore(not_a_backup, ADMIN)
    with pytest.raises(DomainError, match="Không thấy tệp"):
        desk.backup.restore(tmp_path / "khong-co.zip", ADMIN)


def test_a_backup_of_a_newer_format_is_refused(desk, folder, tmp_path):
    archive = desk.backup.create(to=folder).archive
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                data = json.dumps(dict(json.loads(data), format_version=2)).encode()
            target.writestr(info, data)
    with pytest.raises(DomainError, match="phiên bản mới hơn"):
        desk.backup.restore(newer, ADMIN)


# -- PostgreSQL -----------------------------------------------------------------------------------------------
@pytest.mark.postgres
def test_postgresql_backup_is_dumped_restore_tested_and_restored_into_the_same_database(tmp_path, clock, pg_url):
    from tests.support.postgres import find_pg_bin

    desk = make_desk(tmp_path / "pg-desk", clock, database_url=pg_url, backup_pg_bin_dir=str(find_pg_bin()))
    first = set(receive(desk, 3))
    result = desk.backup.create(to=tmp_path / "out")
    assert result.ok, result.problem
    with zipfile.ZipFile(result.archive) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["database"]["kind"] == "postgresql" and manifest["database"]["dossiers"] == 3
        assert archive.read("database/desk.pgdump")[:5] == b"PGDMP"
    [entry] = desk.backup.list_backups(tmp_path / "out")
    assert entry.verified and "thử khôi phục" in entry.note
    later = set(receive(desk, 2))
    restored = desk.backup.restore(result.archive, ADMIN)
    assert dossier_codes(desk) == first and desk.audit.check().ok
    assert (restored.aside / "co-so-du-lieu.pgdump").stat().st_size > 0
    assert desk.settings.database_url == pg_url
    # The copy kept aside holds what was there: it restores into a database of its own.
    desk.backup.restore(result.archive, ADMIN)  # twice in a row is fine (the tables are replaced)
    assert dossier_codes(desk) == first and later.isdisjoint(dossier_codes(desk))
    desk.db.dispose()


@pytest.mark.postgres
def test_postgresql_restore_waits_for_the_other_counters(tmp_path, clock, pg_url):
    from tests.support.postgres import find_pg_bin

    desk = make_desk(tmp_path / "pg-desk", clock, database_url=pg_url, backup_pg_bin_dir=str(find_pg_bin()))
    receive(desk)
    archive = desk.backup.create(to=tmp_path / "out").archive
    other = make_desk(tmp_path / "pg-other", clock, database_url=pg_url)
    with other.db.engine.connect():  # another counter, connected
        with pytest.raises(DomainError, match="kết nối khác"):
            desk.backup.restore(archive, ADMIN)
    other.db.dispose()
    desk.db.dispose()
