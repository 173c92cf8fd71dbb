"""Backups: automatic, online, verified, rotated; a restore that keeps the current data aside (docs/BACKUP.md).

One zip archive (ZIP64) per backup: ``database/desk.sqlite3`` (SQLite's online backup API, never a file copy)
or ``database/desk.pgdump`` (``pg_dump -Fc``), ``settings.json``, the digitized documents the province does not
have yet, the printed forms (``phieu/``) and receipts, and ``manifest.json`` (when, which desk, the schema, the
number of dossiers, the audit chain's head, the SHA-256 of every member).

An archive is written under a hidden temporary name in the target folder and gets its final name
(``sao-luu-<agency>-q<counter>-<yyyymmdd-hhmmss>.zip``) only after it was read back and checked, so a final name
means verified; a crash or a full disk leaves at most a ``.dang-ghi`` file, which the next backup removes. An
archive written but failing its check is kept as ``….LOI-KIEM-TRA.zip``, never under a good name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from sqlalchemy import case, func, select

from desk.domain.clock import to_vietnam_local, vietnam_now
from desk.domain.errors import DomainError
from desk.domain.users import Actor, require_admin
from desk.fileio import atomic_write_text
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database, DatabaseError, integrity
from desk.store.database import sqlite_url
from desk.store.integrity import DB_MEMBER, FORMAT, FORMAT_VERSION, describe_os_error, verify_archive
from desk.store.models import DossierRow, OutboxRow
from desk.store.outbox import OutboxKind

from .audit import record
from .backup_folder import (
    PART_SUFFIX,
    WORK_PREFIX,
    backup_tag,
    describe_sqlite_error,
    folder_lock,
    private_dir,
    remove_leftovers,
)

log = logging.getLogger(__name__)

FAILED_MARK = ".LOI-KIEM-TRA"
ARCHIVE_RE = re.compile(r"^sao-luu-(?P<tag>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?P<failed>\.LOI-KIEM-TRA)?\.zip$")
LOG_NAME = "nhat-ky-sao-luu.json"
STATE_NAME = "backup-state.json"  # in the data directory: the schedule's memory, even with the USB stick out
RETRY_AFTER = timedelta(minutes=30)  # after a failed attempt (USB stick out), before the schedule asks again
SLOT_GRACE = timedelta(hours=1)  # a backup this close before a scheduled time counts for it
FAILED_KEPT, LOG_KEPT, CHUNK = 3, 500, 1 << 20
SAME_DISK = ("Bản sao lưu đang nằm cùng ổ đĩa với dữ liệu ({folder}): ổ hỏng là mất cả hai. Hãy chọn thư mục sao "
             "lưu trên ổ khác, ổ USB hoặc thư mục mạng.")


VIETNAM_OFFSET = timedelta(hours=7)  # all year: Vietnam keeps no daylight saving


@dataclass(frozen=True)
class BackupResult:
    ok: bool
    archive: Path | None = None  # the verified archive, or the one kept because it failed its check
    problem: str = ""
    warning: str = ""
    dossiers: int = 0
    size: int = 0
    elapsed_s: float = 0.0
    files_included: int = 0
    files_at_province: int = 0  # digitized documents left out: the province has them
    removed: tuple[str, ...] = ()  # archives removed by rotation, by name
    database_corrupt: bool = False

    def describe(self) -> str:
        if not self.ok:
            return f"Sao lưu không thành công: {self.problem}"
        assert self.archive is not None  # a backup that succeeded names its archive
        return (f"Đã sao lưu và kiểm tra: {self.archive.name} ({self.size / 1e6:.1f} MB, {self.dossiers} hồ sơ, "
                f"{self.files_included} tệp số hóa) trong {self.elapsed_s:.0f} giây.")


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created: datetime | None  # Vietnam wall time
    size: int
    verified: bool
    note: str  # what was checked, or why it cannot be used
    dossiers: int | None = None
    counter_name: str = ""


# -- which digitized documents the province already has ------------------------------------------------------
def _failed(started: float, problem: str, *, warning: str = "", **extra) -> BackupResult:
    return BackupResult(False, problem=problem, warning=warning, elapsed_s=time.monotonic() - started, **extra)


def files_known_at_province(session) -> set[str]:
    """The SHA-256 of documents the province holds: on a dossier whose every ``dossier.upsert`` was sent (sync
    uploads a received document's file with its dossier), and on no dossier still waiting."""
    all_sent = func.min(case((OutboxRow.state == "sent", 1), else_=0))
    sent = {code for code, ok in session.execute(select(OutboxRow.dossier_code, all_sent)
                                                 .where(OutboxRow.kind == OutboxKind.DOSSIER_UPSERT)
                                                 .group_by(OutboxRow.dossier_code)) if ok}
    held: set[str] = set()
    waiting: set[str] = set()
    rows = session.execute(select(DossierRow.code, DossierRow.documents).execution_options(yield_per=2000))
    for code, documents in rows:
        for document in documents or ():
            sha256 = document.get("sha256")
            if sha256:
                (held if code in sent and document.get("received") else waiting).add(sha256)
    return held - waiting


@dataclass
class _Snapshot:
    kind: str
    database: Path
    facts: integrity.DatabaseFacts
    at_province: set[str]


class BackupService:
    def __init__(self, paths: DeskPaths, settings: SettingsStore, db: Database | None,
                 clock: Callable[[], datetime] = vietnam_now):
        self.paths = paths
        self.settings_store = settings
        self.db = db  # None when the database cannot be opened (it is damaged): listing and restore still work
        self.clock = clock
        self._busy = threading.Lock()  # one backup or restore at a time in this process

    # -- where, and when ---------------------------------------------------------------------------------
    @property
    def default_folder(self) -> Path:
        return self.paths.data_dir / "backups"

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def folder(self) -> Path:
        return Path(self.settings.backup_folder) if self.settings.backup_folder else self.default_folder

    def folder_warning(self, folder: Path | None = None) -> str:
        """Why the backups are not safe where they are ("" when they are on another disk)."""
        folder = Path(folder or self.folder())
        if not self.settings.backup_folder and folder == self.default_folder:
            return ("Chưa chọn nơi sao lưu: bản sao lưu đang nằm trong thư mục dữ liệu, cùng ổ đĩa với dữ liệu — ổ "
                    "hỏng là mất cả hai. Hãy chọn thư mục trên ổ khác, ổ USB hoặc thư mục mạng.")
        try:
            same = os.stat(folder).st_dev == os.stat(self.paths.data_dir).st_dev
        except OSError:
            return ""
        return SAME_DISK.format(folder=folder) if same else ""

    def save_settings(self, changes: dict, *, actor: Actor) -> CounterSettings:
        """Backup settings from the admin page: checked, written atomically, audited."""
        require_admin(actor, "sửa cài đặt sao lưu")
        allowed = {f.name for f in fields(CounterSettings) if f.name.startswith("backup_")}
        if set(changes) - allowed:
            raise DomainError(f"Không sửa được mục {', '.join(sorted(set(changes) - allowed))} ở đây.")
        folder = changes.get("backup_folder", self.settings.backup_folder)
        if folder:
            self._check_folder(Path(folder))
        candidate = replace(self.settings, **changes).validate()
        before = {k: getattr(self.settings, k) for k in changes if getattr(self.settings, k) != changes[k]}
        if not before:
            return self.settings
        if self.db is not None:
            with self.db.write() as session:
                record(session, actor=actor.audit_name, action="backup.settings", entity="counter",
                       entity_id=candidate.counter_name, details={"before": before,
                                                                  "after": {k: changes[k] for k in before}})
                return self.settings_store.put(candidate)
        return self.settings_store.put(candidate)

    def _check_folder(self, folder: Path) -> None:
        data = self.paths.data_dir.resolve()
        resolved = folder.resolve()
        if resolved == data or (data in resolved.parents and resolved != self.default_folder.resolve()):
            raise DomainError("Thư mục sao lưu không được nằm trong thư mục dữ liệu.", field="backup_folder")
        if not folder.is_dir():
            raise DomainError(f"Không thấy thư mục {folder}.", field="backup_folder")
        probe = folder / f".thu-ghi-{uuid.uuid4().hex[:8]}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            raise DomainError(describe_os_error(error, folder), field="backup_folder") from None

    def _state(self) -> dict:
        try:
            return json.loads((self.paths.data_dir / STATE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def last_result(self) -> dict:
        """The last attempt as remembered here: {last_attempt_utc, last_success_utc, last_archive, last_problem}."""
        return self._state()

    def utc_now(self) -> datetime:
        """Now in UTC, from the desk's clock (a test's clock moves backups through days and months)."""
        return self.clock() - VIETNAM_OFFSET

    def _remember(self, result: BackupResult) -> None:
        state = self._state()
        now = self.utc_now().isoformat(timespec="seconds")
        state.update(last_attempt_utc=now, last_problem=result.problem)
        if result.ok:
            state.update(last_success_utc=now, last_archive=str(result.archive))
        try:
            atomic_write_text(self.paths.data_dir / STATE_NAME, json.dumps(state, ensure_ascii=False, indent=1))
        except OSError as error:  # a full disk: the result itself is already reported
            log.warning("backup state not saved: %s", error)

    def last_slot(self, now: datetime) -> datetime:
        """The newest scheduled time at or before ``now`` (Vietnam wall time)."""
        times = sorted(clock_time.fromisoformat(t) for t in self.settings.backup_times)
        for day in (now.date(), now.date() - timedelta(days=1)):
            for moment in (datetime.combine(day, t) for t in reversed(times)):
                if moment <= now:
                    return moment
        raise AssertionError("a schedule has at least one time a day")

    def due(self, now: datetime | None = None) -> bool:
        """Should a backup start now? At each scheduled time (default 12:00 and 17:30, Vietnam time); at start
        when a scheduled time passed while the desk was off; always when the last one is a day old. After a
        failure (the USB stick is out) it waits RETRY_AFTER before asking again."""
        now = now or self.clock()
        state = self._state()
        success = to_vietnam_local(datetime.fromisoformat(state["last_success_utc"])) \
            if state.get("last_success_utc") else None
        attempt = to_vietnam_local(datetime.fromisoformat(state["last_attempt_utc"])) \
            if state.get("last_attempt_utc") else None
        if attempt is not None and (success is None or attempt > success) and now - attempt < RETRY_AFTER:
            return False
        if success is None or now - success >= timedelta(days=1):
            return True
        return success < self.last_slot(now) - SLOT_GRACE

    # -- making a backup ---------------------------------------------------------------------------------------
    def create(self, *, to: Path | None = None) -> BackupResult:
        """Back up now, into ``to`` or the configured folder. Slow (seconds to minutes): call it on a worker
        thread, never on the GUI thread. Never raises for what a person can fix; the result says what happened."""
        started = time.monotonic()
        if not self._busy.acquire(blocking=False):
            return BackupResult(False, problem="Đang có một lần sao lưu hoặc khôi phục khác chưa xong.")
        try:
            result = self._create(Path(to) if to else self.folder(), started)
        finally:
            self._busy.release()
        self._remember(result)
        (log.info if result.ok else log.error)("backup: %s", result.describe())
        return result

    def _create(self, folder: Path, started: float) -> BackupResult:
        try:
            private_dir(folder, parents=folder == self.default_folder)
            warning = self.folder_warning(folder)
            lock = folder_lock(folder)
            lock.__enter__()
        except OSError as error:
            return _failed(started, describe_os_error(error, folder))
        except DomainError as error:
            return _failed(started, str(error))
        work = None
        try:
            remove_leftovers(folder, self.paths.data_dir)
            work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=self.paths.data_dir))
            return self._archive_into(folder, work, started, warning)
        except integrity.DatabaseCorrupt as error:
            return _failed(started, str(error), warning=warning, database_corrupt=True)
        except (DatabaseError, DomainError) as error:
            return _failed(started, str(error), warning=warning)
        except sqlite3.Error as error:
            log.error("backup: database copy failed", exc_info=error)
            return _failed(started, describe_sqlite_error(error), warning=warning)
        except OSError as error:
            log.error("backup: write failed", exc_info=error)
            return _failed(started, describe_os_error(error, folder), warning=warning)
        finally:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)
            lock.__exit__(None, None, None)

    def _archive_into(self, folder: Path, work: Path, started: float, warning: str) -> BackupResult:
        """Copy, write the archive beside its final name, read it back; only a checked archive takes the name."""
        created = self.utc_now()  # the moment of the copy: what the archive holds is the data as of then
        snapshot = self._snapshot(work)
        tag = backup_tag(snapshot.facts.agency_code, self.settings.counter_number)
        final = self._free_name(folder, tag, to_vietnam_local(created))
        part = folder / f".{final.name}.{os.getpid()}{PART_SUFFIX}"
        try:
            members, included, left_out = self._members(snapshot)
            self._write_archive(part, members, self._manifest(snapshot, created, included, left_out))
            verification = verify_archive(part, work / "kiem-tra", pg_url=self.settings.database_url,
                                          bin_dir=self.settings.backup_pg_bin_dir)
            entry = dict(at_utc=created.isoformat(timespec="seconds"), dossiers=snapshot.facts.dossiers,
                         size=part.stat().st_size, counter_name=self.settings.counter_name,
                         restore_tested=verification.restore_tested)
            if not verification.ok:
                kept = final.with_name(final.name[:-4] + FAILED_MARK + ".zip")
                os.replace(part, kept)
                self._log(folder, dict(entry, name=kept.name, ok=False, problem=verification.describe()))
                problem = (str(integrity.DatabaseCorrupt("kiểm tra bản sao vừa chép phát hiện chỗ hỏng."))
                           if verification.database_corrupt else
                           f"Bản sao lưu vừa tạo không qua được kiểm tra: {verification.describe()}.") + \
                    f" Tệp được giữ lại với tên {kept.name} và không được coi là bản sao lưu tốt."
                return _failed(started, problem, warning=warning, archive=kept,
                               database_corrupt=verification.database_corrupt)
            os.replace(part, final)
            integrity.fsync_path(folder)
            removed = self.rotate(folder, tag, keep=final)
            self._log(folder, dict(entry, name=final.name, ok=True, removed=list(removed)))
            return BackupResult(True, final, warning=warning, dossiers=snapshot.facts.dossiers,
                                size=final.stat().st_size, elapsed_s=time.monotonic() - started,
                                files_included=included, files_at_province=left_out, removed=removed)
        finally:
            try:
                part.unlink(missing_ok=True)  # never leave half an archive behind (gone once renamed)
            except OSError:
                pass

    @staticmethod
    def _free_name(folder: Path, tag: str, created: datetime) -> Path:
        base = f"sao-luu-{tag}-{created:%Y%m%d-%H%M%S}"
        for n in range(1000):
            name = base + (f"-{n}" if n else "")
            if not any((folder / f"{name}{end}").exists() for end in (".zip", f"{FAILED_MARK}.zip")):
                return folder / f"{name}.zip"
        raise DomainError("Quá nhiều bản sao lưu trong cùng một giây.")

    def _snapshot(self, work: Path) -> _Snapshot:
        wants_sent = not self.settings.backup_all_files and any(self.paths.files.glob("*/*"))
        if not self.settings.database_url:
            copy = work / "desk.sqlite3"
            source = self.db.sqlite_file if self.db is not None else self.paths.database
            integrity.sqlite_snapshot(source, copy)
            db = Database(sqlite_url(copy))
            try:
                with db.read() as session:
                    facts = integrity.database_facts(session)
                    at_province = files_known_at_province(session) if wants_sent else set()
            finally:
                db.dispose()
            integrity.sqlite_single_file(copy)
            return _Snapshot("sqlite", copy, facts, at_province)
        if self.db is None:
            raise DatabaseError("Không kết nối được cơ sở dữ liệu dùng chung để sao lưu.")
        dump = work / "desk.pgdump"
        with integrity.pg_exported_snapshot(self.db) as (snapshot, session):
            facts = integrity.database_facts(session)
            at_province = files_known_at_province(session) if wants_sent else set()
            integrity.pg_dump(self.settings.database_url, dump, bin_dir=self.settings.backup_pg_bin_dir,
                              snapshot=snapshot)
        return _Snapshot("postgresql", dump, facts, at_province)

    def _members(self, snapshot: _Snapshot) -> tuple[list[tuple[str, Path, bool]], int, int]:
        """(name in the archive, file, compress?) of each member; digitized documents kept and left out."""
        members = [(DB_MEMBER[snapshot.kind], snapshot.database, snapshot.kind == "sqlite")]
        if self.paths.settings.exists():
            members.append(("settings.json", self.paths.settings, True))
        included = left_out = 0
        for path in sorted(self.paths.files.glob("*/*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            if path.name in snapshot.at_province:
                left_out += 1
                continue
            included += 1
            members.append((f"files/{path.parent.name}/{path.name}", path, False))
        for folder in (self.paths.forms, self.paths.receipts):
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.is_file() and not path.name.startswith("."):  # ".x.tmp": an atomic write in progress
                    members.append((path.relative_to(self.paths.data_dir).as_posix(), path, False))
        return members, included, left_out

    def _manifest(self, snapshot: _Snapshot, created: datetime, included: int, left_out: int) -> dict:
        facts = snapshot.facts
        return {"format": FORMAT, "format_version": FORMAT_VERSION,
                "created_utc": created.isoformat(timespec="seconds"),
                "created_vietnam": to_vietnam_local(created).isoformat(timespec="seconds"),
                "counter_name": self.settings.counter_name, "counter_number": self.settings.counter_number,
                "agency_code": facts.agency_code,
                "database": {"kind": snapshot.kind, "member": DB_MEMBER[snapshot.kind],
                             "schema_revision": facts.revision, "dossiers": facts.dossiers},
                "audit": {"entries": facts.audit_entries, "head_hash": facts.audit_head},
                "files": {"included": included, "left_out_known_at_province": left_out,
                          "all_files": self.settings.backup_all_files},
                "members": {}}

    @staticmethod
    def _write_archive(part: Path, members: list[tuple[str, Path, bool]], manifest: dict) -> None:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1,
                                 allowZip64=True) as archive:
                for name, source, compress in members:
                    try:
                        manifest["members"][name] = _add_member(archive, name, source, compress)
                    except FileNotFoundError:
                        if name in DB_MEMBER.values():
                            raise
                        log.info("backup: %s vanished while backing up", name)  # a receipt re-rendered
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            raw.flush()
            os.fsync(raw.fileno())

    def _log(self, folder: Path, entry: dict) -> None:
        """The record beside the archives: what was made, whether it passed, what rotation removed."""
        path = folder / LOG_NAME
        try:
            entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        except (OSError, ValueError):
            entries = []
        entries = [*entries, entry][-LOG_KEPT:]
        try:
            atomic_write_text(path, json.dumps(entries, ensure_ascii=False, indent=1))
            os.chmod(path, 0o600)
        except OSError as error:
            log.warning("backup log not written: %s", error)

    # -- rotation ------------------------------------------------------------------------------------------------
    def rotate(self, folder: Path, tag: str, keep: Path | None = None) -> tuple[str, ...]:
        """Keep the newest verified archive of each of the last N days, weeks and months that have one (7, 4, 12
        by default), every archive of the 24 hours before the newest (the newest included), and the last
        FAILED_KEPT failed ones; remove the rest (each removal is written to the log and returned, never
        silent). Only this desk's archives (``tag``) are touched."""
        good: list[tuple[datetime, str, Path]] = []
        bad: list[tuple[datetime, str, Path]] = []
        for path in folder.iterdir():
            match = ARCHIVE_RE.match(path.name)
            if match and match["tag"] == tag:
                created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
                (bad if match["failed"] else good).append((created, path.name, path))
        good.sort(reverse=True)
        bad.sort(reverse=True)
        kept = {keep} if keep else set()
        if good:  # the newest, and everything from the day before it (a manual backup before the noon one)
            kept |= {path for created, _name, path in good if good[0][0] - created < timedelta(days=1)}
        for count, period in ((self.settings.backup_keep_daily, lambda c: c.date()),
                              (self.settings.backup_keep_weekly, lambda c: c.isocalendar()[:2]),
                              (self.settings.backup_keep_monthly, lambda c: (c.year, c.month))):
            periods: list[object] = []
            for created, _name, path in good:
                if period(created) not in periods:
                    if len(periods) == count:
                        break
                    periods.append(period(created))
                    kept.add(path)
        removed = []
        for _created, name, path in [item for item in good if item[2] not in kept] + bad[FAILED_KEPT:]:
            try:
                path.unlink()
                removed.append(name)
            except OSError as error:
                log.warning("rotation could not remove %s: %s", name, error)
        return tuple(removed)

    # -- listing -----------------------------------------------------------------------------------------------
    def list_backups(self, folder: Path | None = None) -> list[BackupEntry]:
        """Every archive in ``folder``, or in the backup folder and data_dir/backups (where they went before a
        folder was chosen), newest first. Only a final name with no failure on record counts as verified."""
        entries: list[BackupEntry] = []
        for place in [Path(folder)] if folder else dict.fromkeys([self.folder(), self.default_folder]):
            try:
                records = {item.get("name"): item for item in json.loads((place / LOG_NAME).read_text("utf-8"))}
            except (OSError, ValueError, AttributeError, TypeError):
                records = {}
            try:
                paths = list(place.iterdir())
            except OSError:
                continue
            for path in paths:
                entry = self._entry(path, records.get(path.name))
                if entry is not None:
                    entries.append(entry)
        return sorted(entries, key=lambda e: (e.created or datetime.min, e.path.name), reverse=True)

    @staticmethod
    def _entry(path: Path, record: dict | None) -> BackupEntry | None:
        match = ARCHIVE_RE.match(path.name)
        try:
            size = path.stat().st_size
        except OSError:
            return None
        if match is None:
            if path.name.startswith(".sao-luu-") and path.name.endswith(PART_SUFFIX):
                return BackupEntry(path, None, size, False, "Chưa xong hoặc bị ngắt giữa chừng: không dùng được.")
            return None
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        record = record or {}
        if match["failed"] or record.get("ok") is False:
            return BackupEntry(path, created, size, False, "Không qua kiểm tra: " + record.get("problem", "không rõ"),
                               record.get("dossiers"), record.get("counter_name", ""))
        note = ("Đã kiểm tra: đọc lại, mã băm, toàn vẹn, thử khôi phục" if record.get("restore_tested", True)
                else "Đã kiểm tra: đọc lại, mã băm (chưa thử khôi phục được)")
        return BackupEntry(path, created, size, True, note, record.get("dossiers"), record.get("counter_name", ""))

    def latest_anchor(self):
        """The audit chain's head written into the newest verified backup (services.audit.Anchor), or None."""
        import zipfile

        from .audit import Anchor

        for entry in self.restorable():
            with zipfile.ZipFile(entry.path) as archive:
                audit = integrity.read_manifest(archive)["audit"]
            return Anchor(int(audit["entries"]), audit["head_hash"], f"bản sao lưu {entry.path.name}")
        return None

    def restorable(self) -> list[BackupEntry]:
        return [entry for entry in self.list_backups() if entry.verified]

    def check_integrity(self, *, full: bool = False) -> integrity.IntegrityReport:
        """The quick check of the live database (run on a worker once the window is up)."""
        if self.db is None:
            return integrity.IntegrityReport(False, True, "cơ sở dữ liệu không mở được.")
        return integrity.quick_check(self.db, full=full)

    # -- restore (desk/services/restore.py) ----------------------------------------------------------------
    def prepare_restore(self, archive: Path):
        """Check ``archive`` whole and unpack it beside the data; nothing current is touched."""
        from .restore import prepare_restore

        return prepare_restore(self, Path(archive))

    def archive_users(self, prepared):
        """The archive's own users: who may restore when the current database cannot be opened."""
        from .restore import archive_users

        return archive_users(prepared)

    def finish_restore(self, prepared, actor: Actor):
        """Move the current data aside and put the archive's in place (journaled; undone on failure)."""
        from .restore import finish_restore

        return finish_restore(self, prepared, actor)

    def cancel_restore(self, prepared) -> None:
        """Forget a prepared restore the admin did not confirm (its unpacked copy goes)."""
        shutil.rmtree(prepared.staging, ignore_errors=True)

    def restore(self, archive: Path, actor: Actor):
        return self.finish_restore(self.prepare_restore(archive), actor)


def _add_member(archive: zipfile.ZipFile, name: str, source: Path, compress: bool) -> dict:
    size = source.stat().st_size
    info = zipfile.ZipInfo(name, date_time=time.localtime(max(source.stat().st_mtime, 315619200))[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    if compress:
        # Speed over ratio: the counter's CPU is small. zipfile reads the level here.
        info._compresslevel = 1  # type: ignore[attr-defined]  # private in 3.11, so typeshed omits it
    info.file_size = size
    info.external_attr = 0o600 << 16
    digest, written = hashlib.sha256(), 0
    with open(source, "rb") as src, archive.open(info, "w", force_zip64=size > (1 << 30)) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            written += len(chunk)
    return {"sha256": digest.hexdigest(), "size": written}
