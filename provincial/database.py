"""The server's database: SQLite file by default (WAL, immediate write transactions), PostgreSQL by URL.

On PostgreSQL each process keeps a pool of its own (``pool_size`` + ``max_overflow``), may read the busiest
public and feed reads from a streaming replica (``read_url``, ``replica_read``), and migrates under an advisory
lock, so that several workers starting at once on one or several hosts migrate once (docs/DEPLOYMENT.md)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "p0007"
MIGRATION_LOCK = 0x6D6F7463  # pg_advisory_lock key ("motc"): one migration at a time across workers and hosts


@dataclass(frozen=True)
class PoolSize:
    """A process's connections to PostgreSQL: kept, opened beyond for bursts, and the wait for one."""

    size: int = 5
    max_overflow: int = 5
    timeout_s: int = 10


def _postgres_engine(url: str, pool: PoolSize, pgbouncer: bool) -> Engine:
    # Behind pgBouncer in transaction mode a connection may change server between transactions: no
    # server-side prepared statements (psycopg prepares a statement after 5 runs otherwise).
    connect_args = {"prepare_threshold": None} if pgbouncer else {}
    return create_engine(url, pool_pre_ping=True, pool_size=pool.size, max_overflow=pool.max_overflow,
                         pool_timeout=pool.timeout_s, connect_args=connect_args)


class ServerDatabase:
    def __init__(self, url: str, *, pool: PoolSize | None = None, pgbouncer: bool = False,
                 read_url: str | None = None):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        else:
            self.engine = _postgres_engine(url, pool or PoolSize(), pgbouncer)
        # The replica's pool is the same size: the reads it takes are the ones the primary no longer does.
        self.read_engine = _postgres_engine(read_url, pool or PoolSize(), pgbouncer) if read_url else self.engine
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
        self._replica_sessions = sessionmaker(self.read_engine, expire_on_commit=False)
        self.pgbouncer = pgbouncer
        self.async_pool: AsyncPgPool | None = None
        self._raw: sqlite3.Connection | None = None
        self._raw_lock = threading.Lock()

    @classmethod
    def in_directory(cls, folder: Path) -> ServerDatabase:
        return cls(f"sqlite:///{(Path(folder) / 'provincial.sqlite3').resolve().as_posix()}")

    def migrate(self) -> None:
        if self._at_head():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            if not self.is_sqlite:  # workers starting together: the first migrates, the others wait, then see it done
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def _at_head(self) -> bool:
        with self.engine.connect() as conn:
            return inspect(conn).has_table("alembic_version") and \
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION

    def read(self) -> Session:
        return self._sessions()

    def ping(self) -> None:
        """One statement on a pooled connection: raises when the database does not answer."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def replica_read(self) -> Session:
        """A session on the read replica when there is one (else the primary): for reads that may lag the
        primary by a moment (the tracking page, the changes feed, the catalog), never before a write."""
        return self._replica_sessions()

    @property
    def has_replica(self) -> bool:
        return self.read_engine is not self.engine

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

    @contextmanager
    def raw_pg_write(self) -> Iterator[Any]:
        """PostgreSQL only: one write transaction on the psycopg connection under a pooled one, in pipeline
        mode (statements sent without waiting for each answer; a fetch waits), committed on exit, rolled back
        on an exception (the sync hot path, hotpath.py)."""
        pooled = self.engine.raw_connection()
        conn: Any = pooled.driver_connection
        try:
            with conn.pipeline():
                yield conn
                conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            pooled.close()  # back to the pool

    async def open_async_pool(self, size: int) -> None:
        """PostgreSQL: the event loop's own connections for the sync hot path (pg_hotpath.py,
        ``Dossiers.upsert_on_loop``), opened as needed up to ``size``. Called on the loop that will use them
        (the app's lifespan)."""
        self.async_pool = AsyncPgPool(libpq_url(self.url), size, prepare=not self.pgbouncer)

    async def close_async_pool(self) -> None:
        if self.async_pool is not None:
            await self.async_pool.close()
            self.async_pool = None

    def close(self) -> None:
        """Close every connection: the hot path's own, and the engine's pool."""
        with self._raw_lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None
        self.engine.dispose()
        if self.has_replica:
            self.read_engine.dispose()

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


def libpq_url(sqlalchemy_url: str) -> str:
    """A SQLAlchemy PostgreSQL URL (``postgresql+psycopg://…``) as the libpq URL psycopg connects with."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class AsyncPgPool:
    """A few psycopg AsyncConnections (autocommit) for one event loop: taken for a statement, given back after
    it. A connection that failed is closed rather than given back; a new one is opened when needed."""

    def __init__(self, conninfo: str, size: int, *, prepare: bool = True):
        self.conninfo, self.size, self.prepare = conninfo, size, prepare
        self._idle: asyncio.LifoQueue = asyncio.LifoQueue()
        self.opened = 0
        self._closing = False

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Any]:
        """A connection in autocommit (each statement its own transaction) for the time of the block."""
        conn = await self._take()
        try:
            yield conn
        finally:
            self._give_back(conn, not conn.closed and conn.info.transaction_status == 0)  # idle: reusable

    async def _take(self):
        import psycopg

        while True:
            if not self._idle.empty():
                return self._idle.get_nowait()
            if self.opened < self.size:
                self.opened += 1
                try:
                    return await psycopg.AsyncConnection.connect(
                        self.conninfo, autocommit=True, prepare_threshold=5 if self.prepare else None)
                except BaseException:
                    self.opened -= 1
                    raise
            try:  # every connection is in use: wait for one (or for a failed one's place, checked again)
                return await asyncio.wait_for(self._idle.get(), timeout=0.5)
            except TimeoutError:
                continue

    def _give_back(self, conn, healthy: bool) -> None:
        if healthy and not self._closing:
            self._idle.put_nowait(conn)
            return
        self.opened -= 1
        asyncio.ensure_future(conn.close())

    async def close(self) -> None:
        self._closing = True
        while not self._idle.empty():
            await self._idle.get_nowait().close()
            self.opened -= 1
