"""The real commands under faults: ``main.py backup`` and ``main.py restore`` killed at random points, a disk that
fills up during a backup, a database file damaged on disk. After each: the desk's data opens, passes its
integrity check, has every committed dossier, and no archive that was not verified carries a good name.

The kill points are random; the seed is printed so a failure can be replayed (DESK_FAULT_SEED=…)."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from desk.services.backup import ARCHIVE_RE, BackupService
from desk.store.integrity import check_sqlite_file, verify_archive
from tests.conftest import CLERK, ROOT, FakeClock, make_desk
from tests.support.workers import sample_request

pytestmark = pytest.mark.slow
KILLS = 10
SEED = int(os.environ.get("DESK_FAULT_SEED", random.SystemRandom().randrange(10**6)))


def env() -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


def command(data: Path, *args: str) -> list[str]:
    return [sys.executable, "main.py", "--data-dir", str(data), *args]


def codes_in(database: Path) -> set[str]:
    # Closed at once: an open connection, even idle, is "another program using the database" to a restore.
    with closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT code FROM dossier")}


def receive(desk, n: int) -> list[str]:
    request, version = sample_request(desk)
    return [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(n)]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A desk's data directory, closed: 30 dossiers, 80 digitized documents not yet at the province (20 MB that
    does not compress, so writing and checking an archive takes a moment), settings.json."""
    from datetime import datetime

    from desk.settings import save_settings

    data = tmp_path_factory.mktemp("template") / "data"
    desk = make_desk(data, FakeClock(datetime(2026, 11, 23, 9, 15)))
    codes = receive(desk, 30)
    rng = random.Random(1)
    from sqlalchemy import select

    from desk.store.models import DossierRow

    for index in range(80):
        content = rng.randbytes(256 * 1024)
        sha256 = hashlib.sha256(content).hexdigest()
        desk.paths.file_path(sha256).parent.mkdir(parents=True, exist_ok=True)
        desk.paths.file_path(sha256).write_bytes(content)
        with desk.db.write() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == codes[index % 30]))
            documents = [dict(d) for d in row.documents]
            documents[index % len(documents)].update(sha256=sha256, digitized=1, received=True)
            row.documents = documents
    save_settings(desk.paths.settings, desk.settings)
    desk.db.dispose()
    return data


@pytest.fixture
def data(template, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template, target)
    return target


def open_and_check(data: Path, expected: set[str] | None) -> None:
    """What the next start sees: the desk opens (settling any interrupted restore), its database passes the
    integrity check and the audit chain, and it holds exactly the committed dossiers."""
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import load_settings

    paths = DeskPaths(data)
    services = open_desk(paths, load_settings(paths.settings))
    try:
        report = services.backup.check_integrity(full=True)
        assert report.ok, report.describe()
        assert services.audit.check().ok
        if expected is not None:
            assert {s.code for s in services.dossiers.search("", limit=10_000)} == expected
    finally:
        services.db.dispose()
    assert not (data / "khoi-phuc-dang-do.json").exists() and not list(data.glob(".khoi-phuc-*"))


def assert_only_verified_archives_have_good_names(folder: Path, work: Path) -> int:
    """Every archive with a final name reads back whole and restore-tests; anything else is listed as unusable."""
    good = 0
    for path in folder.iterdir() if folder.exists() else ():
        match = ARCHIVE_RE.match(path.name)
        if match and not match["failed"]:
            check = verify_archive(path, work / path.name)
            assert check.ok, f"{path.name} has a good name but {check.describe()}"
            good += 1
        shutil.rmtree(work / path.name, ignore_errors=True)
    from desk.paths import DeskPaths
    from desk.settings import CounterSettings, SettingsStore

    listed = BackupService(DeskPaths(work), SettingsStore(None, CounterSettings()), None).list_backups(folder)
    assert sum(entry.verified for entry in listed) == good
    assert all(not entry.verified for entry in listed if not ARCHIVE_RE.match(entry.path.name))
    return good


def kill_after(args: list[str], delay: float) -> int | None:
    child = subprocess.Popen(args, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    return child.wait(30)


def timed_run(args: list[str]) -> float:
    """Run a command to the end; how long it took (the kills are spread over that time on this machine)."""
    started = time.monotonic()
    done = subprocess.run(args, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def test_backup_killed_at_random_points_never_leaves_a_bad_archive_under_a_good_name(data, tmp_path):
    print(f"DESK_FAULT_SEED={SEED}")
    rng = random.Random(SEED)
    folder, work = tmp_path / "usb" / "SaoLuu", tmp_path / "work"
    (tmp_path / "usb").mkdir()
    expected = codes_in(data / "desk.sqlite3")
    settings_before = (data / "settings.json").read_bytes()
    whole = timed_run(command(data, "backup", "--to", str(folder)))
    interrupted = in_archive = 0
    for _ in range(KILLS):
        # Python's start-up is about half of a run: most kills land in the copy, the writing or the check.
        interrupted += kill_after(command(data, "backup", "--to", str(folder)), rng.uniform(0.4, 1.0) * whole) != 0
        in_archive += bool(list(folder.glob(".*.dang-ghi")))  # killed while writing or checking the archive
        assert_only_verified_archives_have_good_names(folder, work)
        open_and_check(data, expected)
        assert (data / "settings.json").read_bytes() == settings_before
    done = subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert assert_only_verified_archives_have_good_names(folder, work) >= 2
    assert not list(folder.glob(".*.dang-ghi")) and not (folder / ".sao-luu.khoa").exists()
    assert not list(data.glob(".sao-luu-tam-*"))
    print(f"a whole backup took {whole:.2f} s; {interrupted} of {KILLS} were killed before their end, "
          f"{in_archive} while writing or checking the archive")
    assert interrupted, "no kill landed during a backup: the delays are too long for this machine"


def test_restore_killed_at_random_points_leaves_the_old_data_or_the_restored_one_never_a_mix(data, tmp_path):
    print(f"DESK_FAULT_SEED={SEED}")
    rng = random.Random(SEED + 1)
    folder = tmp_path / "SaoLuu"
    made = subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(), capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    [archive] = [p for p in folder.iterdir() if ARCHIVE_RE.match(p.name)]
    in_archive = codes_in(data / "desk.sqlite3")
    from datetime import datetime

    clock = FakeClock(datetime(2026, 11, 24, 8, 0))
    desk = make_desk(data, clock)
    receive(desk, 3)  # committed after the backup: must survive every interrupted restore
    desk.db.dispose()
    current = codes_in(data / "desk.sqlite3")
    outcomes = []
    whole = None
    for _ in range(KILLS):
        asides_before = set(data.glob("truoc-khi-khoi-phuc-*"))
        if whole is None:  # a first restore to the end, to time it (the data then is the backup's)
            whole = timed_run(command(data, "restore", str(archive), "--yes"))
        else:
            kill_after(command(data, "restore", str(archive), "--yes"), rng.uniform(0.4, 1.0) * whole)
        open_and_check(data, None)
        now = codes_in(data / "desk.sqlite3")
        assert now in (current, in_archive), "neither the old data nor the backup's"
        if now == in_archive:  # the restore had finished: what was there is kept aside, whole
            kept = [codes_in(a / "desk.sqlite3") for a in data.glob("truoc-khi-khoi-phuc-*")
                    if (a / "desk.sqlite3").exists()]
            assert current in kept
            desk = make_desk(data, clock)
            receive(desk, 1)  # the counter works on, so the next round tells the two apart
            desk.db.dispose()
            current = codes_in(data / "desk.sqlite3")
            outcomes.append("restored")
        else:  # undone: nothing is left "kept aside" (the old data is back in place)
            assert set(data.glob("truoc-khi-khoi-phuc-*")) == asides_before
            outcomes.append("rolled back")
    print(f"a whole restore took {whole:.2f} s; outcomes:", outcomes)
    assert "rolled back" in outcomes, "no kill landed during a restore: the delays are too long for this machine"
    done = subprocess.run(command(data, "restore", str(archive), "--yes"), cwd=ROOT, env=env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Đã khôi phục" in done.stdout, done.stderr
    open_and_check(data, in_archive)


DISK_FULL_CHILD = """
import resource, signal, sys
sys.path.insert(0, {root!r})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead of killing us
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from desk.app import main
sys.exit(main(["--data-dir", {data!r}, "backup", "--to", {folder!r}]))
"""


@pytest.mark.parametrize("limit", [2_000_000, 64_000], ids=["archive-full", "copy-full"])
def test_a_full_disk_during_backup_gives_a_clear_message_and_touches_nothing(data, tmp_path, limit):
    folder = tmp_path / "SaoLuu"
    before = {p.relative_to(data): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in data.rglob("*") if p.is_file() and "logs" not in p.parts}
    assert (data / "desk.sqlite3").stat().st_size > 64_000, "the copy-full case must fail while copying"
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(DISK_FULL_CHILD).format(
        root=str(ROOT), limit=limit, data=str(data), folder=str(folder))], env=env(), capture_output=True,
        text=True, timeout=120)
    assert child.returncode == 1, child.stderr
    assert "đầy" in child.stderr and "Traceback" not in child.stderr and "Error" not in child.stderr, child.stderr
    names = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert not [n for n in names if ARCHIVE_RE.match(n)], names
    assert not [n for n in names if n.endswith(".dang-ghi")], "a partial archive was left behind"
    after = {p.relative_to(data): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in data.rglob("*") if p.is_file() and "logs" not in p.parts}
    assert {k: v for k, v in after.items() if k.name != "backup-state.json"} == \
        {k: v for k, v in before.items() if k.name not in ("desk.sqlite3-wal", "desk.sqlite3-shm")}
    open_and_check(data, codes_in(data / "desk.sqlite3"))


def test_a_damaged_database_is_reported_and_the_last_backup_restores_it(data, tmp_path):
    folder = tmp_path / "SaoLuu"
    made = subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(), capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    [archive] = [p for p in folder.iterdir() if ARCHIVE_RE.match(p.name)]
    expected = codes_in(data / "desk.sqlite3")
    database = data / "desk.sqlite3"
    size = database.stat().st_size
    with open(database, "r+b") as handle:  # a failing disk: garbage over pages in the middle of the file
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(random.Random(SEED).randbytes(4096 * 8))
    report = check_sqlite_file(database)
    assert not report.ok and report.corrupt and "bị hỏng" in report.describe()
    again = subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(), capture_output=True,
                           text=True, timeout=120)
    assert again.returncode in (1, 3), again.stderr
    assert "bị hỏng" in again.stderr and "Traceback" not in again.stderr and "SELECT" not in again.stderr
    assert [p for p in folder.iterdir() if ARCHIVE_RE.match(p.name) and not ARCHIVE_RE.match(p.name)["failed"]] \
        == [archive], "a backup of damaged data never gets a good name"
    restored = subprocess.run(command(data, "restore", str(archive), "--yes"), cwd=ROOT, env=env(),
                              capture_output=True, text=True, timeout=120)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout and "truoc-khi-khoi-phuc-" in restored.stdout
    open_and_check(data, expected)
    [aside] = data.glob("truoc-khi-khoi-phuc-*")
    assert not check_sqlite_file(aside / "desk.sqlite3").ok, "the damaged file is kept aside, as it was"


def test_a_desk_whose_header_is_gone_restores_with_an_admin_of_the_backup(data, tmp_path):
    from datetime import datetime

    desk = make_desk(data, FakeClock(datetime(2026, 11, 23, 9, 15)))
    desk.users.create_first_admin("qtv", "Trần Quản Trị", "quan-tri-dak-lak")
    desk.db.dispose()
    folder = tmp_path / "SaoLuu"
    assert subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(),
                          capture_output=True, timeout=120).returncode == 0
    [archive] = [p for p in folder.iterdir() if ARCHIVE_RE.match(p.name)]
    expected = codes_in(data / "desk.sqlite3")
    with open(data / "desk.sqlite3", "r+b") as handle:
        handle.write(b"\xff" * 100)
    listed = subprocess.run(command(data, "backup", "--to", str(folder)), cwd=ROOT, env=env(), capture_output=True,
                            text=True, timeout=120)
    assert listed.returncode == 3 and "phần đầu tệp" in listed.stderr and "Traceback" not in listed.stderr
    refused = subprocess.run(command(data, "restore", str(archive), "--yes"), cwd=ROOT, env=env(),
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "--admin" in refused.stderr
    wrong = subprocess.run(command(data, "restore", str(archive), "--yes", "--admin", "qtv"), cwd=ROOT,
                           env={**env(), "MOTCUA_ADMIN_PASSWORD": "sai-mat-khau"}, capture_output=True, text=True,
                           timeout=120)
    assert wrong.returncode == 2 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    done = subprocess.run(command(data, "restore", str(archive), "--yes", "--admin", "qtv"), cwd=ROOT,
                          env={**env(), "MOTCUA_ADMIN_PASSWORD": "quan-tri-dak-lak"}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    open_and_check(data, expected)
