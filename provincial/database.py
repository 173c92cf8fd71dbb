"""The server's database: SQLite file by default (WAL, immediate write transactions), PostgreSQL by URL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "p0003"


class ServerDatabase:
    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            @event.listens_for(self.engine, "connect")
            def _connect(dbapi, _record):
                dbapi.isolation_level = None
                for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
                    dbapi.execute(f"PRAGMA {pragma}")

            @event.listens_for(self.engine, "begin")
            def _begin(connection):
                immediate = connection.get_execution_options().get("immediate", False)
                connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._raw: sqlite3.Connection | None = None
        self._raw_lock = threading.Lock()

    @classmethod
    def in_directory(cls, folder: Path) -> ServerDatabase:
        return cls(f"sqlite:///{(Path(folder) / 'provincial.sqlite3').resolve().as_posix()}")

    def migrate(self) -> None:
        with self.engine.connect() as conn:
            if inspect(conn).has_table("alembic_version") and \
                    conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION:
                return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def read(self) -> Session:
        return self._sessions()

    @contextmanager
    def raw_write(self) -> Iterator[sqlite3.Connection]:
        """SQLite only: one write transaction on this process's dedicated sqlite3 connection (the sync
        hot path, hotpath.py), committed on exit, rolled back on an exception. Serialised by a lock;
        other connections wait for it like for any writer (busy_timeout)."""
        with self._raw_lock:
            if self._raw is None:
                path = self.engine.url.database
                if not path or path == ":memory:":  # another connection would see another, empty database
                    raise RuntimeError("the hot path needs the SQLite database in a file")
                self._raw = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
                for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
                    self._raw.execute(f"PRAGMA {pragma}")
            self._raw.execute("BEGIN IMMEDIATE")
            try:
                yield self._raw
            except BaseException:
                self._raw.execute("ROLLBACK")
                raise
            self._raw.execute("COMMIT")

    def close(self) -> None:
        """Close every connection: the hot path's own, and the engine's pool."""
        with self._raw_lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None
        self.engine.dispose()

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """One write transaction on a bare connection (BEGIN IMMEDIATE on SQLite), committed on exit."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.execution_options(immediate=True)
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
