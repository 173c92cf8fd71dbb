"""Restoring a backup: never silently over the current data (docs/BACKUP.md).

The archive is checked whole and unpacked beside the data (same disk) first; then, after an admin's go, the
current data moves aside into ``data_dir/truoc-khi-khoi-phuc-<time>/`` and the archive's takes its place, one
rename per item, with a journal (``khoi-phuc-dang-do.json``) written before the first rename. A failure puts the
old data back at once; a process killed half-way has it put back at the next open (``finish_interrupted_restore``,
called by ``open_desk``). A PostgreSQL restore replaces the desk's tables in the same database in one transaction
(psql), after a ``pg_dump`` of the current database is kept aside; a marker written in that transaction tells an
interrupted restore whether the database had already taken the archive.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk.domain.errors import DomainError
from desk.domain.users import Actor, require_admin
from desk.fileio import atomic_write_text
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore, load_settings, save_settings
from desk.store import Database, DatabaseError, integrity
from desk.store.database import sqlite_url
from desk.store.integrity import DB_MEMBER, describe_os_error, read_manifest, verify_archive

from .audit import record
from .backup_folder import is_stale, private_dir

if TYPE_CHECKING:
    from .backup import BackupService

log = logging.getLogger(__name__)

STAGING_PREFIX, ASIDE_PREFIX = ".khoi-phuc-", "truoc-khi-khoi-phuc-"
JOURNAL, MARKER = "khoi-phuc-dang-do.json", "backup_restore"
SQLITE_ITEMS = ("desk.sqlite3-wal", "desk.sqlite3-shm", "desk.sqlite3")  # the WAL always leaves with its file
DATA_ITEMS = ("settings.json", "files", "phieu", "receipts")
PG_ASIDE = "co-so-du-lieu.pgdump"


@dataclass(frozen=True)
class PreparedRestore:
    """An archive checked and unpacked next to the data (same disk), waiting for an admin's go."""

    archive: Path
    manifest: dict
    staging: Path
    target_url: str  # PostgreSQL: the database the dump goes into (the desk's own)

    @property
    def kind(self) -> str:
        return self.manifest["database"]["kind"]

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_vietnam"])

    @property
    def dossiers(self) -> int:
        return int(self.manifest["database"]["dossiers"])


@dataclass(frozen=True)
class RestoreResult:
    archive: Path
    aside: Path
    created: datetime
    dossiers: int
    kept_files: int

    def describe(self) -> str:
        kept = (f" {self.kept_files} tệp số hóa không có trong bản sao lưu vẫn được giữ lại." if self.kept_files
                else "")
        return (f"Đã khôi phục dữ liệu của bản sao lưu lúc {self.created:%H:%M ngày %d/%m/%Y} ({self.dossiers} hồ "
                f"sơ). Dữ liệu trước khi khôi phục được giữ nguyên trong thư mục {self.aside}.{kept}")


def prepare_restore(service: BackupService, archive: Path) -> PreparedRestore:
    if not service._busy.acquire(blocking=False):
        raise DomainError("Đang sao lưu: hãy đợi xong rồi khôi phục.")
    try:
        try:
            with zipfile.ZipFile(archive) as opened:
                kind = read_manifest(opened)["database"]["kind"]
                needed = sum(info.file_size for info in opened.infolist())
        except FileNotFoundError:
            raise DomainError(f"Không thấy tệp {archive}.") from None
        except (zipfile.BadZipFile, OSError, KeyError, TypeError) as error:
            raise DomainError(f"Tệp {archive.name} không phải bản sao lưu hoặc đã hỏng.") from error
        except DomainError as error:
            raise DomainError(f"Tệp {archive.name}: {error}.") from None
        settings = service.settings
        if kind != ("postgresql" if settings.database_url else "sqlite"):
            raise DomainError("Bản sao lưu là của " + ("cơ sở dữ liệu PostgreSQL dùng chung" if kind == "postgresql"
                              else "cơ sở dữ liệu SQLite của một máy quầy") + ", máy quầy này đang dùng loại kia. "
                              "Xem docs/BACKUP.md (khôi phục sang loại cơ sở dữ liệu khác).")
        free = shutil.disk_usage(service.paths.data_dir).free
        if needed * 1.1 + 20e6 > free:
            raise DomainError(f"Ổ chứa dữ liệu không đủ chỗ để khôi phục: cần khoảng {needed / 1e6:.0f} MB, còn "
                              f"{free / 1e6:.0f} MB.")
        staging = private_dir(service.paths.data_dir / f"{STAGING_PREFIX}{os.getpid()}-"
                                                        f"{service.clock():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}")
        try:
            check = verify_archive(archive, staging, extract_all=True, pg_url=settings.database_url,
                                   bin_dir=settings.backup_pg_bin_dir)
            if not check.ok:
                raise DomainError(f"Bản sao lưu {archive.name} không dùng được: {check.describe()}. Dữ liệu hiện "
                                  "tại không bị động đến.")
            return PreparedRestore(archive, check.manifest, staging, settings.database_url)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        service._busy.release()


@contextmanager
def archive_users(prepared: PreparedRestore) -> Iterator:
    """The archive's users (SQLite) as a UserService: the people who will be the desk's users after the restore
    are the ones asked, which also works when the current database cannot be opened at all."""
    from .users import UserService

    if prepared.kind != "sqlite":
        raise DomainError("Với cơ sở dữ liệu dùng chung, quản trị viên đăng nhập bằng dữ liệu hiện tại.")
    copy = prepared.staging / DB_MEMBER["sqlite"]
    db = Database(sqlite_url(copy))
    try:
        yield UserService(db)
    finally:
        db.dispose()
        integrity.sqlite_single_file(copy)


def finish_restore(service: BackupService, prepared: PreparedRestore, actor: Actor) -> RestoreResult:
    try:
        require_admin(actor, "khôi phục dữ liệu từ bản sao lưu")
        if not service._busy.acquire(blocking=False):
            raise DomainError("Đang sao lưu: hãy đợi xong rồi khôi phục.")
        try:
            return _swap(service, prepared, actor)
        finally:
            service._busy.release()
    finally:
        shutil.rmtree(prepared.staging, ignore_errors=True)


def _refuse_when_in_use(service: BackupService, prepared: PreparedRestore) -> None:
    if prepared.kind == "sqlite":
        if integrity.sqlite_in_use(service.paths.database):
            raise DomainError("Cơ sở dữ liệu đang được chương trình khác dùng (cửa sổ phần mềm, màn hình tra cứu, "
                              "lệnh đồng bộ…). Hãy đóng chúng rồi khôi phục lại.")
        return
    probe = Database(prepared.target_url)
    try:
        others = integrity.pg_other_sessions(probe)
    finally:
        probe.dispose()
    if others:
        raise DomainError(f"Còn {others} kết nối khác tới cơ sở dữ liệu dùng chung (các quầy khác, màn hình tra "
                          "cứu): hãy đóng phần mềm ở mọi quầy rồi khôi phục.")


def _swap(service: BackupService, prepared: PreparedRestore, actor: Actor) -> RestoreResult:
    data, sqlite, settings = service.paths.data_dir, prepared.kind == "sqlite", service.settings
    if service.db is not None:
        service.db.dispose()  # this process's connections go; the next use opens the restored data
    _refuse_when_in_use(service, prepared)
    aside = data / f"{ASIDE_PREFIX}{service.clock():%Y%m%d-%H%M%S}"
    while aside.exists():
        aside = aside.with_name(f"{aside.name}-{uuid.uuid4().hex[:4]}")
    private_dir(aside)
    try:
        if not sqlite:  # the shared database as it is now, kept aside like the files
            integrity.pg_dump(prepared.target_url, aside / PG_ASIDE, bin_dir=settings.backup_pg_bin_dir)
        _settle_staged_settings(service.paths, settings, prepared)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)  # nothing was moved yet: an empty "kept aside" would mislead
        raise
    items = [*(SQLITE_ITEMS if sqlite else ()), *DATA_ITEMS]
    restore_id = uuid.uuid4().hex
    journal = {"version": 1, "id": restore_id, "pid": os.getpid(), "kind": prepared.kind, "phase": "swap",
               "staging": prepared.staging.name, "aside": aside.name, "items": items,
               "had": [item for item in items if os.path.lexists(data / item)],
               "target_url": prepared.target_url, "archive": str(prepared.archive)}
    journal_path = data / JOURNAL
    atomic_write_text(journal_path, json.dumps(journal, ensure_ascii=False))
    os.chmod(journal_path, 0o600)
    try:
        for item in items:
            live = data / item
            if os.path.lexists(live):
                os.replace(live, aside / item)
            staged = prepared.staging / (DB_MEMBER["sqlite"] if item == "desk.sqlite3" else item)
            if item not in SQLITE_ITEMS[:2] and staged.exists():
                os.replace(staged, live)
        kept_files = _merge_files(aside / "files", service.paths.files)
        if not sqlite:
            integrity.pg_replace_database(prepared.target_url, prepared.staging / DB_MEMBER["postgresql"],
                                          prepared.staging, bin_dir=settings.backup_pg_bin_dir,
                                          marker=(MARKER, restore_id))
        atomic_write_text(journal_path, json.dumps(dict(journal, phase="done"), ensure_ascii=False))
    except BaseException as error:
        if _database_taken(journal):  # the shared database has the archive: finish instead of undoing
            log.error("restore: the database was restored, the rest failed", exc_info=error)
            journal_path.unlink(missing_ok=True)
            raise DomainError("Cơ sở dữ liệu đã được khôi phục nhưng bước cuối không xong; hãy mở lại phần "
                              "mềm.") from None
        log.error("restore failed half-way; putting the old data back", exc_info=error)
        _roll_back(data, journal)
        journal_path.unlink(missing_ok=True)
        if isinstance(error, (DomainError, DatabaseError)):
            raise DomainError(f"{error} Dữ liệu cũ đã được đặt lại như trước.") from None
        if isinstance(error, OSError):
            raise DomainError(f"Khôi phục không xong: {describe_os_error(error, data)} Dữ liệu cũ đã được đặt "
                              "lại như trước.") from None
        raise
    journal_path.unlink(missing_ok=True)
    service.settings_store.reload()
    _record(service, prepared, actor, aside)
    log.info("restored %s; the previous data is in %s", prepared.archive, aside)
    return RestoreResult(prepared.archive, aside, prepared.created, prepared.dossiers, kept_files)


def _settle_staged_settings(paths: DeskPaths, settings: CounterSettings, prepared: PreparedRestore) -> None:
    """The archive's settings.json, pointed at the database being restored (or the current settings when the
    archive has none): this counter must come back up on the data it was given."""
    staged = prepared.staging / "settings.json"
    if staged.exists():
        save_settings(staged, replace(load_settings(staged), database_url=prepared.target_url))
    elif paths.settings.exists():
        shutil.copy2(paths.settings, staged)
    else:
        save_settings(staged, replace(settings, database_url=prepared.target_url))


def _record(service: BackupService, prepared: PreparedRestore, actor: Actor, aside: Path) -> None:
    """The restore in the restored database's audit log: who, from which archive, where the old data is."""
    settings = service.settings
    db = service.db or (Database(settings.database_url) if settings.database_url
                        else Database.in_directory(service.paths.data_dir))
    try:
        db.migrate()
        with db.write() as session:
            record(session, actor=actor.audit_name, action="backup.restore", entity="backup",
                   entity_id=prepared.archive.name[:60],
                   details={"archive": str(prepared.archive), "created_utc": prepared.manifest["created_utc"],
                            "dossiers": prepared.dossiers, "aside": str(aside)})
    finally:
        if db is not service.db:
            db.dispose()


def _merge_files(kept: Path, files: Path) -> int:
    """Digitized documents are named by their content: those in the data set aside but not in the archive are
    linked (or copied) back, so a restore never loses a scan made after the backup."""
    merged = 0
    for path in kept.glob("*/*") if kept.is_dir() else ():
        target = files / path.parent.name / path.name
        if path.is_file() and not path.name.startswith(".") and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
            merged += 1
    return merged


def _roll_back(data: Path, journal: dict) -> None:
    """Undo a restore's renames, whatever point it reached (each step is one rename, so every item is either
    not moved yet or moved): the data set aside goes back, what came from the archive goes away."""
    aside, discard = data / journal["aside"], data / journal["staging"] / "bo-di"
    discard.mkdir(parents=True, exist_ok=True)
    for item in reversed(journal["items"]):
        live, kept = data / item, aside / item
        if os.path.lexists(kept):
            if os.path.lexists(live):
                os.replace(live, discard / f"{item}-{uuid.uuid4().hex[:6]}")
            os.replace(kept, live)
        elif item not in journal["had"] and os.path.lexists(live):
            os.replace(live, discard / f"{item}-{uuid.uuid4().hex[:6]}")
    shutil.rmtree(data / journal["staging"], ignore_errors=True)
    (aside / PG_ASIDE).unlink(missing_ok=True)  # PostgreSQL rolled the restore back itself
    try:
        aside.rmdir()
    except OSError:
        pass


def _database_taken(journal: dict) -> bool:
    """Did the shared database commit the archive (its marker, written in the restore's own transaction)?"""
    return journal["kind"] == "postgresql" and integrity.pg_marker(journal["target_url"], MARKER) == journal["id"]


def finish_interrupted_restore(paths: DeskPaths, settings: SettingsStore) -> str:
    """At every open (≈ one stat): a restore killed half-way is undone or, when the shared database had already
    taken the archive, completed. Returns what was done, in words ("" when there was nothing to do)."""
    data = paths.data_dir
    journal_path = data / JOURNAL
    if not journal_path.exists():
        for leftover in data.glob(f"{STAGING_PREFIX}*"):  # killed before the first rename: nothing was touched
            written_pid = leftover.name[len(STAGING_PREFIX):].split("-")[0]
            pid = int(written_pid) if written_pid.isdigit() else None
            if pid == os.getpid() or is_stale(leftover, pid, 24 * 3600):  # never another program's, under way
                shutil.rmtree(leftover, ignore_errors=True)
        for aside in data.glob(f"{ASIDE_PREFIX}*"):
            try:
                aside.rmdir()  # only an empty one (killed before anything was moved into it)
            except OSError:
                pass
        return ""
    journal = json.loads(journal_path.read_text(encoding="utf-8"))
    pid = journal.get("pid")
    if pid not in (None, os.getpid()) and journal.get("phase") != "done" and not is_stale(journal_path, pid, 3600):
        raise DatabaseError("Đang khôi phục dữ liệu từ bản sao lưu ở một cửa sổ khác; hãy đợi xong rồi mở lại.")
    message = ""
    if journal.get("phase") != "done":
        if _database_taken(journal):
            message = "Lần khôi phục trước bị ngắt sau khi cơ sở dữ liệu đã khôi phục xong; đã hoàn tất phần còn lại."
        else:
            _roll_back(data, journal)
            message = "Lần khôi phục trước bị ngắt giữa chừng: dữ liệu đã được đặt lại như trước khi khôi phục."
    shutil.rmtree(data / journal["staging"], ignore_errors=True)
    journal_path.unlink()
    log.warning("interrupted restore of %s: %s", journal.get("archive"), message or "it had finished")
    if paths.settings.exists():
        settings.reload()
    return message
