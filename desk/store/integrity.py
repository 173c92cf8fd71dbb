"""Is the database whole, and copies of it that can be trusted.

- Checks: ``quick_check`` (SQLite's ``PRAGMA quick_check``, a sanity query on PostgreSQL) for start-up and
  after a backup, ``check_sqlite_file`` (``integrity_check`` too) for the copy inside an archive, and a
  header check cheap enough to run before every open. On a counter PC a 300 MB database (100,000 dossiers)
  takes ≈ 0.3–0.4 s for quick_check with a warm cache, several seconds cold: too slow to wait for before the
  window, so the window runs it on a worker once it is up; only the header is checked before opening.
- Corruption in words: ``DatabaseCorrupt`` carries a Vietnamese message; SQLite's own words, the statement
  and its parameters go to the log only.
- Copies: a consistent SQLite copy through the online backup API (never a file copy: the WAL would be
  missing), ``pg_dump -Fc`` in an exported snapshot, and the restore test that opens a copy with
  ``Database``, migrates it, counts dossiers and walks the audit chain.
- Backup archives (desk/services/backup.py writes them): ``verify_archive`` reads one back, every member
  against the SHA-256 in its manifest, then checks and restore-tests the database inside.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import time
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from desk.domain.errors import DomainError

from . import audit_chain
from .database import (
    SQLITE_BUSY_TIMEOUT_S,
    Database,
    DatabaseCorrupt,
    DatabaseError,
    is_busy,
    is_corruption,
    sqlite_url,
)
from .models import AgencyRow, DossierRow

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
FORMAT, FORMAT_VERSION = "motcua-desk-backup", 1  # a backup archive's manifest (desk/services/backup.py)
DB_MEMBER = {"sqlite": "database/desk.sqlite3", "postgresql": "database/desk.pgdump"}
MEMBER_FOLDERS = ("settings.json", "files", "phieu", "receipts")  # what an archive holds besides the database
CHUNK = 1 << 20
PG_TOOL_TIMEOUT_S = 6 * 3600  # a dump of a large shared database over a slow network takes long; never forever


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    corrupt: bool = False  # False with ok False: the check could not run (busy, unreachable), not damage
    problem: str = ""  # Vietnamese, for people
    details: tuple[str, ...] = ()  # the database's own words: for the log, never shown
    elapsed_s: float = 0.0

    def describe(self) -> str:
        """For people: what was found and what to do."""
        if self.ok:
            return f"Cơ sở dữ liệu nguyên vẹn (kiểm tra trong {self.elapsed_s:.1f} giây)."
        return str(DatabaseCorrupt(self.problem)) if self.corrupt else self.problem


def corruption_from(error: BaseException) -> DatabaseCorrupt | None:
    """A clean DatabaseCorrupt for an error that comes from a damaged file (the original goes to the log)."""
    if isinstance(error, DatabaseCorrupt):
        return error
    if not is_corruption(error):
        return None
    log.error("database damaged", exc_info=error)
    return DatabaseCorrupt("một phần dữ liệu trong tệp không còn đọc được.")


# -- SQLite checks ----------------------------------------------------------------------------------
def sqlite_ro_uri(path: Path) -> str:
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def header_problem(path: Path) -> str:
    """A damaged SQLite header or a truncated file, from 100 bytes and a stat (≈ 0.1 ms); "" when fine.
    A missing or empty file is a desk's first start, not damage."""
    try:
        size = os.stat(path).st_size
        if size == 0:
            return ""
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return ""
    except OSError as error:
        log.warning("cannot read the database header of %s: %s", path, error)
        return ""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "phần đầu tệp cơ sở dữ liệu đã bị ghi đè (tệp không còn là tệp SQLite)."
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "phần đầu tệp cơ sở dữ liệu đã bị ghi đè (kích thước trang sai)."
    if size % page_size:
        return "tệp cơ sở dữ liệu bị cắt cụt (có thể do ổ đĩa lỗi hoặc sao chép dở dang)."
    return ""


def raise_if_header_damaged(path: Path) -> None:
    problem = header_problem(path)
    if problem:
        raise DatabaseCorrupt(problem)


def check_sqlite_file(path: Path, *, full: bool = False) -> IntegrityReport:
    """``PRAGMA quick_check`` (or ``integrity_check`` with ``full``) through a read-only connection."""
    started = time.perf_counter()
    problem = header_problem(path)
    if problem:
        return IntegrityReport(False, True, problem, elapsed_s=time.perf_counter() - started)
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(sqlite_ro_uri(path), uri=True, timeout=SQLITE_BUSY_TIMEOUT_S)
        try:
            rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        elapsed = time.perf_counter() - started
        if is_corruption(error):
            return IntegrityReport(False, True, "một phần dữ liệu trong tệp không còn đọc được.", (str(error),),
                                   elapsed)
        log.warning("integrity check of %s could not run: %s", path, error)
        return IntegrityReport(False, False, "Chưa kiểm tra được cơ sở dữ liệu (đang bận hoặc không mở được); "
                                             "sẽ kiểm tra lại sau.", (str(error),), elapsed)
    elapsed = time.perf_counter() - started
    if rows == ["ok"]:
        return IntegrityReport(True, elapsed_s=elapsed)
    log.error("%s of %s found damage: %s", pragma, path, rows)
    return IntegrityReport(False, True, f"kiểm tra phát hiện {len(rows)}{'+' if len(rows) >= 20 else ''} chỗ hỏng "
                                        "trong tệp cơ sở dữ liệu.", tuple(rows), elapsed)


def quick_check(db: Database, *, full: bool = False) -> IntegrityReport:
    """The quick check of the desk's own database: SQLite's quick_check on its file, or a sanity query on
    PostgreSQL (the server keeps its own pages; what a desk can see is whether its tables answer)."""
    if db.is_sqlite:
        return check_sqlite_file(db.sqlite_file, full=full)
    started = time.perf_counter()
    try:
        with db.read() as session:
            session.execute(text("SELECT version_num FROM alembic_version")).all()
            session.scalar(select(func.count()).select_from(DossierRow))
            audit_chain.head(session)
    except Exception as error:  # noqa: BLE001 - any failure here is reported, never raised at the clerk
        elapsed = time.perf_counter() - started
        log.warning("PostgreSQL sanity query failed: %s", error)
        if is_corruption(error):
            return IntegrityReport(False, True, "máy chủ PostgreSQL báo dữ liệu bị hỏng.", (str(error),), elapsed)
        return IntegrityReport(False, False, "Chưa kiểm tra được cơ sở dữ liệu dùng chung (máy chủ không trả lời); "
                                             "sẽ kiểm tra lại sau.", (str(error),), elapsed)
    return IntegrityReport(True, elapsed_s=time.perf_counter() - started)


# -- consistent SQLite copies ---------------------------------------------------------------------
def fsync_path(path: Path) -> None:
    """Flush a file (or a folder's entries, POSIX only) to the disk."""
    if os.name == "nt" and Path(path).is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sqlite_snapshot(source: Path, target: Path) -> None:
    """Copy a live database with SQLite's online backup API from a read-only connection.

    One step (``pages=-1``) is one read transaction: under WAL the counter keeps writing meanwhile and the
    copy is the database as of the moment the step began. The copy leaves WAL mode, so it is one
    self-contained file, and is flushed to the disk before anyone trusts it."""
    if not Path(source).exists():
        raise DatabaseError("Chưa có cơ sở dữ liệu để sao lưu.")
    raise_if_header_damaged(source)
    src = sqlite3.connect(sqlite_ro_uri(source), uri=True, timeout=SQLITE_BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.DatabaseError as error:
        corrupt = corruption_from(error)
        if corrupt is not None:
            raise corrupt from error
        raise
    finally:
        src.close()
    fsync_path(target)


def sqlite_single_file(path: Path) -> None:
    """Fold a copy's WAL back into it and leave WAL mode: the file alone is then the whole database."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    fsync_path(path)


def sqlite_in_use(path: Path) -> bool:
    """Does another connection (the window, the kiosk, a sync command) hold this database open?

    Leaving WAL mode needs the only connection; it also folds the WAL into the file, which is what a
    file about to be moved aside wants. A damaged file is not "in use": it is about to be replaced."""
    if not Path(path).exists():
        return False
    try:
        conn = sqlite3.connect(path, timeout=2, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        return False
    except sqlite3.OperationalError as error:
        return is_busy(error)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


# -- what a copy holds, and the restore test ----------------------------------------------------------
@dataclass(frozen=True)
class DatabaseFacts:
    revision: str
    dossiers: int
    agency_code: str
    audit_entries: int
    audit_head: str


def database_facts(session: Session) -> DatabaseFacts:
    revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""
    agency = session.get(AgencyRow, 1)
    entries, head = audit_chain.head(session)
    return DatabaseFacts(revision, session.scalar(select(func.count()).select_from(DossierRow)) or 0,
                         agency.code if agency else "", entries, head)


def verify_copy(url: str, *, audit_entries: int, audit_head: str, dossiers: int | None = None) -> list[str]:
    """Open a restored copy the way the desk would: migrate it, count its dossiers, walk its audit chain and
    check the chain still holds the head written in the manifest. The problems found, in words."""
    problems: list[str] = []
    db = Database(url)
    try:
        db.migrate()
        with db.read() as session:
            facts = database_facts(session)
            chain = audit_chain.verify(session)
            held = audit_chain.anchored(session, audit_entries, audit_head)
    except DatabaseError as error:
        log.error("restore test failed to open the copy", exc_info=error)
        return ["bản sao cơ sở dữ liệu không mở được bằng phần mềm."]
    except Exception as error:  # noqa: BLE001 - whatever broke, the copy is not usable: say so
        log.error("restore test failed", exc_info=error)
        return ["bản sao cơ sở dữ liệu không đọc được" + (" (bị hỏng)." if is_corruption(error) else ".")]
    finally:
        db.dispose()
    if dossiers is not None and facts.dossiers != dossiers:
        problems.append(f"bản sao có {facts.dossiers} hồ sơ, lúc sao lưu có {dossiers}.")
    if not chain.ok:
        problems.append(f"nhật ký trong bản sao không nguyên vẹn: {chain.reason}")
    elif not held:
        problems.append(f"nhật ký trong bản sao không khớp với đầu chuỗi đã ghi (mục số {audit_entries}).")
    return problems


# -- PostgreSQL: pg_dump, pg_restore, psql ------------------------------------------------------------
def _version_key(path: str) -> tuple:
    return tuple(int(part) for part in re.findall(r"\d+", Path(path).parent.parent.name) or [0])


def pg_tool(name: str, bin_dir: str = "") -> str:
    """The PostgreSQL client program ``name``: from ``bin_dir`` when set (settings ``backup_pg_bin_dir``),
    else the PATH, else the newest server install (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    exe = name + (".exe" if os.name == "nt" else "")
    if bin_dir:
        candidate = Path(bin_dir) / exe
        if candidate.exists():
            return str(candidate)
        raise DatabaseError(f"Không thấy {exe} trong thư mục {bin_dir} (mục backup_pg_bin_dir của cài đặt).")
    found = shutil.which(name)
    if found:
        return found
    for pattern in ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin"):
        candidates = sorted(glob.glob(f"{pattern}/{exe}"), key=_version_key, reverse=True)
        if candidates:
            return candidates[0]
    raise DatabaseError(f"Không tìm thấy chương trình {name} của PostgreSQL: cài gói postgresql-client "
                        "(cùng phiên bản với máy chủ), hoặc ghi thư mục chứa nó vào mục backup_pg_bin_dir.")


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for ``url`` without its password, and the environment that carries the
    password (PGPASSWORD): a password on a command line is visible to every user of the machine."""
    parsed = make_url(url)
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    target = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return target, env


def run_pg_tool(args: list[str], url: str, what: str, timeout: float = PG_TOOL_TIMEOUT_S) -> str:
    """Run a client program against ``url``; its output goes to the log, a failure becomes words."""
    conninfo, env = libpq_target(url)
    command = [arg.replace("{dbname}", conninfo) for arg in args]
    try:
        done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("%s could not run: %s", Path(args[0]).name, error)
        raise DatabaseError(f"Không chạy được {Path(args[0]).name} để {what}.") from error
    if done.returncode != 0:
        log.error("%s failed (%s): %s", Path(args[0]).name, done.returncode, done.stderr[-4000:])
        detail = done.stderr.lower()
        if "no space" in detail or "could not write" in detail or "file too large" in detail:
            reason = "ổ đĩa đã đầy"
        elif "could not connect" in detail or "connection" in detail and "failed" in detail:
            reason = "không kết nối được máy chủ cơ sở dữ liệu"
        elif "permission denied" in detail or "must be owner" in detail:
            reason = "tài khoản cơ sở dữ liệu không đủ quyền"
        else:
            reason = "chi tiết trong nhật ký logs/desk.log"
        raise DatabaseError(f"Không {what} được: {reason}.")
    return done.stdout


@contextmanager
def pg_exported_snapshot(db: Database) -> Iterator[tuple[str, Session]]:
    """A read-only REPEATABLE READ transaction whose snapshot pg_dump can share (``--snapshot``): what the
    session counts here is exactly what the dump holds."""
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            snapshot: str = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            with Session(bind=conn) as session:
                yield snapshot, session


def pg_dump(url: str, target: Path, *, bin_dir: str = "", snapshot: str = "") -> None:
    args = [pg_tool("pg_dump", bin_dir), "--format=custom", f"--file={target}", "--dbname={dbname}"]
    if snapshot:
        args.append(f"--snapshot={snapshot}")
    run_pg_tool(args, url, "sao lưu cơ sở dữ liệu PostgreSQL (pg_dump)")
    fsync_path(target)


def pg_other_sessions(db: Database) -> int:
    """Other programs connected to the same database (counters, the kiosk, sync): a restore waits for them."""
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")).scalar() or 0


@contextmanager
def pg_scratch_database(url: str) -> Iterator[str | None]:
    """A new, empty database on the same server for a restore test, dropped afterwards; None when the
    account may not create databases."""
    parsed = make_url(url)
    name = f"{(parsed.database or 'motcua')[:40]}_kiem_tra_{uuid.uuid4().hex[:8]}"
    admin = Database(url)
    try:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - no right to create databases: the caller tests less
        log.warning("cannot create a scratch database for the restore test: %s", error)
        admin.dispose()
        yield None
        return
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        for statement in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP DATABASE IF EXISTS "{name}"'):
            try:  # WITH (FORCE) needs PostgreSQL 13; the restore test's own connections are closed anyway
                with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql(statement)
                break
            except Exception as error:  # noqa: BLE001 - a leftover test database is worth a log line, no more
                log.warning("scratch database %s not dropped: %s", name, error)
        admin.dispose()


def pg_restore_into(url: str, dump: Path, *, bin_dir: str = "") -> None:
    """Restore a dump into an empty database (the restore test), all or nothing."""
    run_pg_tool([pg_tool("pg_restore", bin_dir), "--no-owner", "--no-privileges", "--exit-on-error",
                 "--single-transaction", "--dbname={dbname}", str(dump)], url, "thử khôi phục bản sao lưu")


def pg_read_whole_dump(dump: Path, *, bin_dir: str = "") -> None:
    """Without a scratch database: read every block of the dump (its table of contents and its data)."""
    tool = pg_tool("pg_restore", bin_dir)
    for args in ([tool, "--list", str(dump)], [tool, f"--file={os.devnull}", str(dump)]):
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=PG_TOOL_TIMEOUT_S,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise DatabaseError("Không chạy được pg_restore để đọc bản sao lưu.") from error
        if done.returncode != 0:
            log.error("pg_restore could not read %s: %s", dump, done.stderr[-4000:])
            raise DatabaseError("Tệp sao lưu PostgreSQL không đọc được (bị hỏng hoặc cắt cụt).")


def pg_replace_database(url: str, dump: Path, work_dir: Path, *, bin_dir: str = "",
                        marker: tuple[str, str] | None = None) -> None:
    """Replace the desk's tables in ``url`` with the dump's, in one transaction (psql, ON_ERROR_STOP):
    a failure or a killed process leaves the database as it was. ``marker`` (key, value) goes into
    ``sync_state`` in the same transaction, so an interrupted restore can tell afterwards whether it
    committed."""
    script = work_dir / "khoi-phuc.sql"
    run_pg_tool([pg_tool("pg_restore", bin_dir), "--no-owner", "--no-privileges", f"--file={script}", str(dump)],
                url, "đọc bản sao lưu PostgreSQL")
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            tables = inspect(conn).get_table_names(schema="public")
    finally:
        db.dispose()
    lines = ["\\set ON_ERROR_STOP on", "BEGIN;"]
    if tables:
        lines.append("DROP TABLE IF EXISTS " + ", ".join(f'public."{name}"' for name in tables) + " CASCADE;")
    lines.append(f"\\i '{script.as_posix()}'")
    if marker:
        key, value = (item.replace("'", "''") for item in marker)
        lines.append(f"INSERT INTO public.sync_state (key, value) VALUES ('{key}', '{value}') "
                     "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;")
    lines.append("COMMIT;")
    wrapper = work_dir / "khoi-phuc-giao-dich.sql"
    wrapper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_pg_tool([pg_tool("psql", bin_dir), "--no-psqlrc", "--quiet", "--dbname={dbname}", f"--file={wrapper}"],
                url, "khôi phục cơ sở dữ liệu PostgreSQL")


def pg_marker(url: str, key: str) -> str | None:
    """The value of a restore marker in ``sync_state`` (None when absent or the server is unreachable)."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT value FROM sync_state WHERE key = :key"), {"key": key}).scalar()
    except Exception as error:  # noqa: BLE001 - unknown: the caller treats it as "not committed"
        log.warning("cannot read restore marker: %s", error)
        return None
    finally:
        db.dispose()


def describe_os_error(error: OSError, where: Path | str) -> str:
    code = error.errno
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return f"Ổ đĩa đã đầy (hoặc tệp vượt giới hạn kích thước) khi ghi vào {where}. Hãy giải phóng dung lượng " \
               "hoặc chọn nơi khác."
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi vào {where}."
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ENOTDIR):
        return f"Không thấy {where} (ổ USB đã rút, hay mạng bị ngắt?)."
    return f"Lỗi đọc ghi ổ đĩa ở {where} (mã {code})."


@dataclass
class Verification:
    ok: bool
    problems: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    database_corrupt: bool = False
    restore_tested: bool = False

    def describe(self) -> str:
        return "; ".join(self.problems[:6]) + (f" (và {len(self.problems) - 6} lỗi khác)" if len(self.problems) > 6
                                                else "")


# -- backup archives: read back, every member against its hash, the database inside restore-tested ---------
def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and "\\" not in name and bool(path.parts)
            and (name in DB_MEMBER.values() or path.parts[0] in MEMBER_FOLDERS))


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError:
        raise DomainError("tệp không phải bản sao lưu của phần mềm (không có manifest.json)") from None
    except (ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise DomainError("manifest.json trong bản sao lưu bị hỏng") from error
    if manifest.get("format") != FORMAT:
        raise DomainError("tệp không phải bản sao lưu của phần mềm")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise DomainError("bản sao lưu do phiên bản mới hơn của phần mềm tạo; hãy cập nhật phần mềm")
    return manifest


def verify_archive(path: Path, work: Path, *, extract_all: bool = False, pg_url: str = "",
                   bin_dir: str = "") -> Verification:
    """Read the archive back: every member against its SHA-256, then the database inside: SQLite's
    integrity_check and a restore test (open with Database, migrate, count, walk the audit chain, find the
    manifest's head in it). ``work`` receives the database (and with ``extract_all`` every member)."""
    result = Verification(False)
    try:
        with zipfile.ZipFile(path) as archive:
            result.manifest = manifest = read_manifest(archive)
            members, names = manifest["members"], set(archive.namelist()) - {"manifest.json"}
            database = DB_MEMBER[manifest["database"]["kind"]]
            result.problems += [f"thiếu tệp {name}" for name in sorted(set(members) - names)]
            result.problems += [f"có tệp lạ {name}" for name in sorted(names - set(members))]
            if database not in members:
                result.problems.append("không có cơ sở dữ liệu")
            for name in sorted(set(members) & names):
                if not _safe_member(name):
                    result.problems.append(f"tên tệp không hợp lệ: {name}")
                    continue
                target = work / name if extract_all or name == database else None
                try:
                    if _read_member(archive, name, target) != members[name]["sha256"]:
                        result.problems.append(f"tệp {name} không khớp mã băm (bị hỏng)")
                except (zipfile.BadZipFile, zlib.error, EOFError):
                    result.problems.append(f"tệp {name} bị hỏng")
    except DomainError as error:
        result.problems.append(str(error))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, TypeError, ValueError):
        result.problems.append("tệp nén bị hỏng hoặc bị cắt cụt")
    except OSError as error:
        result.problems.append(describe_os_error(error, path))
    if result.problems:
        return result
    _check_database(result, work / database, pg_url, bin_dir)
    result.ok = not result.problems
    return result


def _read_member(archive: zipfile.ZipFile, name: str, target: Path | None) -> str:
    digest = hashlib.sha256()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(name) as member, (open(target, "wb") if target is not None else nullcontext()) as out:
        while chunk := member.read(CHUNK):
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
    return digest.hexdigest()


def _check_database(result: Verification, copy: Path, pg_url: str, bin_dir: str) -> None:
    manifest = result.manifest
    expected = dict(audit_entries=int(manifest["audit"]["entries"]), audit_head=manifest["audit"]["head_hash"],
                    dossiers=int(manifest["database"]["dossiers"]))
    try:
        if manifest["database"]["kind"] == "sqlite":
            report = check_sqlite_file(copy, full=True)
            if not report.ok:
                result.database_corrupt = True
                result.problems.append(f"cơ sở dữ liệu trong bản sao lưu bị hỏng: {report.problem}")
                return
            result.problems += verify_copy(sqlite_url(copy), **expected)
            sqlite_single_file(copy)
            result.restore_tested = True
            return
        if not pg_url:
            result.problems.append("đây là bản sao lưu PostgreSQL: máy quầy cần cấu hình --database-url tới máy chủ")
            return
        with pg_scratch_database(pg_url) as scratch:
            if scratch is None:  # no right to create a database: read the whole dump at least
                pg_read_whole_dump(copy, bin_dir=bin_dir)
                return
            pg_restore_into(scratch, copy, bin_dir=bin_dir)
            result.problems += verify_copy(scratch, **expected)
            result.restore_tested = True
    except DatabaseError as error:
        result.problems.append(str(error))
