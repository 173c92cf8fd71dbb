"""Opening, migrating and transacting on the desk database.

SQLite (one file in the data directory, WAL) is the default; a commune whose counters
share one database gives a PostgreSQL URL. Write transactions on SQLite take the file's write
turn first (sharing.write_turn: processes and threads queue in short fixed steps, not SQLite's
growing back-off) and start with ``BEGIN IMMEDIATE``, so a writer never fails upgrading a read lock.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from . import audit_chain
from .migrations import HEAD_REVISION
from .sharing import TurnTimeout, write_turn

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30


class DeskSession(Session):
    """The desk's sessions: audit entries are chained as they are flushed (audit_chain.py)."""


audit_chain.listen(DeskSession)


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says why in words a clerk can pass on."""


ADVICE = ("Đừng tiếp nhận thêm hồ sơ trên máy này; hãy báo quản trị viên khôi phục từ bản sao lưu gần nhất "
          "(trang “Sao lưu”, hoặc lệnh “python main.py restore TỆP”).")


class DatabaseCorrupt(DatabaseError):
    """The database file is damaged. ``problem``: what was found, in words; the message adds what to do."""

    def __init__(self, problem: str):
        super().__init__(f"Cơ sở dữ liệu của máy quầy bị hỏng: {problem} {ADVICE}")
        self.problem = problem


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


# SQLite's primary result codes (sqlite3.h) and PostgreSQL's SQLSTATEs: errors are told apart by code, never by
# the words of their message (which carry the statement and its parameters: personal data).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
BUSY_SQLSTATES = frozenset({"40P01", "40001", "55P03"})  # deadlock, serialization failure, lock not available
CORRUPT_SQLSTATES = frozenset({"XX001", "XX002"})  # data corrupted, index corrupted
BUSY = "Cơ sở dữ liệu đang bận (một quầy khác đang ghi). Hãy thử lại sau giây lát."
_SQLITE_WORDS = {
    SQLITE_PERM: "Không ghi được vào cơ sở dữ liệu: máy không cho phép (quyền truy cập thư mục dữ liệu).",
    SQLITE_BUSY: BUSY,
    SQLITE_LOCKED: BUSY,
    SQLITE_READONLY: "Không ghi được vào cơ sở dữ liệu: thư mục dữ liệu chỉ cho phép đọc.",
    SQLITE_IOERR: "Lỗi đọc ghi ổ đĩa khi dùng cơ sở dữ liệu. Kiểm tra ổ đĩa, rồi thử lại.",
    SQLITE_CORRUPT: "Tệp cơ sở dữ liệu bị hỏng. Hãy báo quản trị viên khôi phục từ bản sao lưu gần nhất.",
    SQLITE_FULL: "Không ghi được vào cơ sở dữ liệu: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại.",
    SQLITE_CANTOPEN: "Không mở được tệp cơ sở dữ liệu. Kiểm tra thư mục dữ liệu.",
    SQLITE_NOTADB: "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của phần mềm. Hãy báo quản trị viên "
                   "khôi phục từ bản sao lưu gần nhất.",
}
_SQLSTATE_WORDS = {
    "53100": "Máy chủ cơ sở dữ liệu đã hết chỗ trên đĩa. Hãy báo quản trị viên.",
    "53300": "Máy chủ cơ sở dữ liệu đang quá tải (quá nhiều kết nối). Hãy thử lại sau giây lát.",
    "40P01": BUSY,
    "40001": BUSY,
    "25006": "Cơ sở dữ liệu dùng chung đang chỉ cho phép đọc. Hãy báo quản trị viên.",
    "57P01": "Máy chủ cơ sở dữ liệu vừa khởi động lại. Hãy thử lại sau giây lát.",
    "57P03": "Máy chủ cơ sở dữ liệu chưa sẵn sàng. Hãy thử lại sau giây lát.",
    "28P01": "Máy chủ cơ sở dữ liệu từ chối tài khoản kết nối. Hãy báo quản trị viên.",
}
_OS_WORDS = {
    errno.ENOSPC: "Không ghi được vào cơ sở dữ liệu: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại.",
    errno.EACCES: "Không ghi được vào cơ sở dữ liệu: máy không cho phép (quyền truy cập thư mục dữ liệu).",
    errno.EROFS: "Không ghi được vào cơ sở dữ liệu: thư mục dữ liệu chỉ cho phép đọc.",
}
UNKNOWN = ("Lỗi cơ sở dữ liệu (chi tiết đã ghi vào nhật ký của phần mềm). Hãy thử lại; nếu lỗi lặp lại, báo quản "
           "trị viên.")
CANNOT_CONNECT = "Không kết nối được máy chủ cơ sở dữ liệu. Kiểm tra mạng nội bộ và máy chủ."


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception: SQLAlchemy wraps it as ``orig``."""
    return getattr(exc, "orig", None) or exc


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (a sqlite3 error, or SQLAlchemy's around one); None otherwise."""
    code = getattr(_driver_error(exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # extended codes keep the primary in the low byte


def sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's SQLSTATE of ``exc`` (psycopg's error, or SQLAlchemy's around one); None otherwise."""
    return getattr(_driver_error(exc), "sqlstate", None) or None


def is_busy(exc: BaseException) -> bool:
    """Another connection holds the lock (SQLite BUSY/LOCKED, a PostgreSQL lock conflict): worth a retry."""
    return sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) or sqlstate(exc) in BUSY_SQLSTATES


def is_damaged(exc: BaseException) -> bool:
    """The database says its pages are damaged (SQLite CORRUPT/NOTADB, PostgreSQL's data or index corrupted)."""
    return sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB) or sqlstate(exc) in CORRUPT_SQLSTATES


def is_corruption(error: BaseException | None) -> bool:
    """Does ``error``, or what caused it (a DatabaseError raised from the driver's), say the file is damaged?"""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if is_damaged(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def explain(exc: BaseException) -> str:
    """Plain Vietnamese for a database error, chosen by its code. Never the statement or its parameters:
    those go to the log only (``log_failure``)."""
    code, state, original = sqlite_code(exc), sqlstate(exc), _driver_error(exc)
    if code is not None:
        return _SQLITE_WORDS.get(code, UNKNOWN)
    if state:
        if state.startswith("08"):  # connection exceptions
            return CANNOT_CONNECT
        return _SQLSTATE_WORDS.get(state, UNKNOWN)
    if isinstance(original, OSError) and original.errno in _OS_WORDS:
        return _OS_WORDS[original.errno]
    if getattr(exc, "connection_invalidated", False) or type(original).__name__ == "OperationalError" and \
            type(original).__module__.startswith("psycopg"):
        return CANNOT_CONNECT  # psycopg could not connect at all: no SQLSTATE to read
    return UNKNOWN


def log_failure(exc: BaseException) -> None:
    """The whole error (statement included) for whoever reads the log on the counter's own machine."""
    log.error("database error: %s", exc, exc_info=exc)


class Database:
    def __init__(self, url: str, *, echo: bool = False, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.busy_timeout_s = busy_timeout_s
        kwargs: dict = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": busy_timeout_s, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        self._turn_file: Path | None = None
        if self.is_sqlite:
            self._configure_sqlite(self.engine)
            database = self.engine.url.database or ""
            if database and database != ":memory:" and not database.startswith("file:") and "mode=ro" not in url:
                self._turn_file = Path(database + "-turn")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, class_=DeskSession)

    @classmethod
    def in_directory(cls, data_dir: Path) -> Database:
        return cls(sqlite_url(Path(data_dir) / "desk.sqlite3"))

    @property
    def sqlite_file(self) -> Path:
        """The file of a SQLite database (a desk's is always a file, never in memory)."""
        database = self.engine.url.database
        if database is None:
            raise TypeError(f"{self.engine.url!r} names no database file")
        return Path(database)

    def _configure_sqlite(self, engine: Engine) -> None:
        busy_ms = int(self.busy_timeout_s * 1000)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            if "mode=ro" not in self.url:
                cursor.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed dossier survives a power cut, not only a crash.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            immediate = connection.get_execution_options().get("sqlite_immediate", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    # -- schema --------------------------------------------------------------------------
    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> bool:
        """Bring the schema to the newest revision; return True when anything ran.

        Checking the revision is one query; Alembic is imported only when there is work. Desks started at
        the same moment on a fresh database (several counters after a power cut) queue on a lock and check
        again inside it, so only the first migrates and the others find the schema done.
        """
        try:
            if self.current_revision() == HEAD_REVISION:
                return False
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    conn.execution_options(sqlite_immediate=True)
                with conn.begin():
                    self.take_lock(conn, "migrate")
                    if self._revision_on(conn) == HEAD_REVISION:
                        return False
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
            log.info("database migrated to %s", HEAD_REVISION)
            return True
        except (SQLAlchemyError, OSError) as exc:
            log_failure(exc)
            raise DatabaseError(explain(exc)) from exc

    @staticmethod
    def _revision_on(conn) -> str | None:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def take_lock(self, conn_or_session, name: str) -> None:
        """Serialise a first-start task across desks sharing the database, until the transaction ends.
        SQLite: the write transaction (BEGIN IMMEDIATE) already excludes every other writer."""
        if self.is_sqlite:
            return
        key = int.from_bytes(hashlib.sha256(f"motcua/{name}".encode()).digest()[:8], "big", signed=True)
        conn_or_session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    # -- sessions ------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading. A failure reaches callers as DatabaseError in plain words."""
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            log_failure(exc)
            raise DatabaseError(explain(exc)) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error. A failure of the database
        reaches callers as DatabaseError in plain words; errors of the caller's own (a DomainError) pass."""
        try:
            with self._write_turn(), self.engine.connect() as conn:
                if self.is_sqlite:
                    conn.execution_options(sqlite_immediate=True)
                with DeskSession(bind=conn, expire_on_commit=False) as session:
                    with session.begin():
                        yield session
        except TurnTimeout as exc:
            log.error("database write turn not obtained: %s", exc)
            raise DatabaseError("Cơ sở dữ liệu đang bận quá lâu (máy quầy khác đang ghi); hãy thử lại sau ít "
                                "giây.") from exc
        except SQLAlchemyError as exc:
            log_failure(exc)
            raise DatabaseError(explain(exc)) from exc

    def _write_turn(self) -> AbstractContextManager[None]:
        if self._turn_file is None:
            return nullcontext()
        return write_turn(self._turn_file, self.busy_timeout_s)

    def dispose(self) -> None:
        self.engine.dispose()
