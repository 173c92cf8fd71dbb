"""State that every server process shares, kept in PostgreSQL (docs/DEPLOYMENT.md): the token key, the rate
limits, the tracking page's wrong attempts, and the long-polls' wake-ups (LISTEN/NOTIFY).

On SQLite (one process) none of this is used: the token key stays in the data directory, the limits in the
process (limits.py, services/tracking.py) and a commit wakes the long-polls directly (longpoll.py). On PostgreSQL
several workers, on one host or several, answer the same desks: a token one of them issued is accepted by all,
a limit counts the requests all of them saw, and changes any of them (or a script) committed wake every
long-poll. Times are the database's clock, so hosts whose clocks differ still count alike.
"""

from __future__ import annotations

import base64
import logging
import random
import secrets
import threading
from collections.abc import Callable

from sqlalchemy import text

from .clock import utc_now
from .database import ServerDatabase
from .errors import TooMany
from .models import ServerValue

log = logging.getLogger("provincial.shared")
NOW = "extract(epoch from clock_timestamp())"
CHANGES_CHANNEL = "provincial_changes"  # the trigger of migration p0004 notifies it after changes are inserted
PRUNE_ONE_IN = 1000  # a limiter forgets idle keys every so many calls (bounded tables whatever keys are sent)


def shared_token_key(db: ServerDatabase) -> bytes:
    """The token key every process signs and checks bearer tokens with: created once, by whichever process
    comes first (the others' candidates lose the insert and read the winner's)."""
    candidate = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")
    with db.write_connection() as conn:
        conn.execute(text("INSERT INTO server_value (name, value, updated_utc) VALUES ('token_key', :v, :now) "
                          "ON CONFLICT (name) DO NOTHING"), {"v": candidate, "now": utc_now()})
        stored = conn.execute(text("SELECT value FROM server_value WHERE name = 'token_key'")).scalar_one()
    return base64.urlsafe_b64decode(stored)


def read_value(db: ServerDatabase, name: str) -> str | None:
    with db.read() as s:
        row = s.get(ServerValue, name)
        return None if row is None else row.value


class SharedRateLimiter:
    """limits.RateLimiter's token bucket, one row per key in ``rate_bucket``: ``per_minute`` a minute, as a
    burst too, counted over every process. One statement a check."""

    BUCKET = "LEAST(:cap, b.tokens + (EXCLUDED.at - b.at) * :rate)"
    CHECK = text(f"INSERT INTO rate_bucket AS b (scope, key, tokens, at, allowed) "
                 f"VALUES (:scope, :key, :cap - 1, {NOW}, true) ON CONFLICT (scope, key) DO UPDATE SET "
                 f"allowed = {BUCKET} >= 1, tokens = {BUCKET} - CASE WHEN {BUCKET} >= 1 THEN 1 ELSE 0 END, "
                 f"at = EXCLUDED.at RETURNING allowed, tokens")

    def __init__(self, db: ServerDatabase, scope: str, per_minute: int,
                 message: str = "Bạn tra cứu quá nhanh; vui lòng thử lại sau ít giây."):
        self.db, self.scope, self.message = db, scope, message
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)

    def _params(self, key: str) -> dict:
        return {"scope": self.scope, "key": key[:100], "cap": self.capacity, "rate": self.rate}

    def check(self, key: str) -> None:
        with self.db.write_connection() as conn:
            allowed, tokens = conn.execute(self.CHECK, self._params(key)).one()
            self._maybe_prune(conn)
        if not allowed:
            raise TooMany("rate_limited", self.message, retry_after=int((1 - tokens) / self.rate) + 1)

    def _maybe_prune(self, conn) -> None:
        # A bucket idle for longer than it takes to fill is full again: the same as no row at all.
        if random.randrange(PRUNE_ONE_IN) == 0:
            conn.execute(text(f"DELETE FROM rate_bucket WHERE scope = :scope AND at < {NOW} - :full"),
                         {"scope": self.scope, "full": self.capacity / self.rate + 1})


class SharedFailureLimiter(SharedRateLimiter):
    """limits.FailureLimiter over every process: only failures drain the bucket."""

    REFILLED = text(f"SELECT LEAST(:cap, tokens + ({NOW} - at) * :rate) FROM rate_bucket "
                    f"WHERE scope = :scope AND key = :key")
    FAIL = text(f"INSERT INTO rate_bucket AS b (scope, key, tokens, at, allowed) "
                f"VALUES (:scope, :key, :cap - 1, {NOW}, true) ON CONFLICT (scope, key) DO UPDATE SET "
                f"tokens = {SharedRateLimiter.BUCKET} - 1, at = EXCLUDED.at")

    def check(self, key: str) -> None:
        with self.db.read() as s:
            tokens = s.execute(self.REFILLED, self._params(key)).scalar()
        if tokens is not None and tokens < 1:
            raise TooMany("rate_limited", self.message, retry_after=int((1 - tokens) / self.rate) + 1)

    def note_failure(self, key: str) -> None:
        with self.db.write_connection() as conn:
            conn.execute(self.FAIL, self._params(key))
            self._maybe_prune(conn)


class SharedAttemptLimiter:
    """services.tracking.AttemptLimiter over every process: wrong check codes and ID digits per dossier code,
    at most ``max_failures`` in a sliding window of ``window_s``."""

    def __init__(self, db: ServerDatabase, max_failures: int = 10, window_s: float = 3600.0):
        self.db, self.max_failures, self.window_s = db, max_failures, window_s

    def retry_after(self, code: str) -> int:
        with self.db.read() as s:
            now = s.execute(text(f"SELECT {NOW}")).scalar_one()
            recent = list(s.execute(text("SELECT at FROM failed_attempt WHERE code = :code AND at > :since "
                                         "ORDER BY at DESC LIMIT :n"),
                                    {"code": code, "since": now - self.window_s, "n": self.max_failures}).scalars())
        if len(recent) < self.max_failures:
            return 0
        return int(recent[-1] + self.window_s - now) + 1

    def note_failure(self, code: str) -> None:
        with self.db.write_connection() as conn:
            conn.execute(text(f"INSERT INTO failed_attempt (code, at) VALUES (:code, {NOW})"), {"code": code})
            if random.randrange(PRUNE_ONE_IN) == 0:
                conn.execute(text(f"DELETE FROM failed_attempt WHERE at < {NOW} - :window"),
                             {"window": self.window_s})


class ChangeListener:
    """LISTEN provincial_changes on a connection of its own (a thread), calling ``wake`` at each notification:
    changes committed by any process wake this process's long-polls. A lost connection is opened again (the
    long-polls' periodic re-check covers the gap, longpoll.FALLBACK_S)."""

    def __init__(self, conninfo: str, wake: Callable[[], None]):
        self.conninfo, self.wake = conninfo, wake
        self._stop = threading.Event()
        self.listening = threading.Event()  # set once LISTEN is in force (tests wait for it)
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self.listening.set()
                    self.wake()  # whatever was committed while not listening
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            self.wake()
            except psycopg.Error as error:
                self.listening.clear()
                log.warning("change listener: %s; listening again in 1 s", error)
                self._stop.wait(1.0)
