"""Several counters on one SQLite file take turns to write, and a data directory on a network share is refused
(issue 17)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from desk.store import Database, DatabaseError, sharing
from desk.store.database import sqlite_url
from tests.conftest import ROOT

HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from desk.store.sharing import write_turn
    with write_turn(Path({lock!r}), 10):
        print("holding", flush=True)
        time.sleep({hold})
""")


def _hold_turn(lock, hold: float) -> subprocess.Popen:
    """Another counter's process, holding the write turn for ``hold`` seconds."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=str(ROOT), lock=str(lock), hold=hold)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline().strip() == "holding"
    return child


def test_a_writer_waits_for_the_turn_and_gets_it_as_soon_as_it_is_free(tmp_path):
    db = Database(sqlite_url(tmp_path / "desk.sqlite3"))
    db.migrate()
    child = _hold_turn(tmp_path / "desk.sqlite3-turn", hold=0.6)
    started = time.monotonic()
    with db.write() as session:
        session.execute(sharing_probe())
    waited = time.monotonic() - started
    child.wait(10)
    assert 0.3 < waited < 1.5  # it waited for the other counter, and not a back-off longer
    db.dispose()


def test_a_counter_that_dies_holding_the_turn_does_not_block_the_others(tmp_path):
    db = Database(sqlite_url(tmp_path / "desk.sqlite3"))
    db.migrate()
    child = _hold_turn(tmp_path / "desk.sqlite3-turn", hold=60)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    started = time.monotonic()
    with db.write() as session:
        session.execute(sharing_probe())
    assert time.monotonic() - started < 1
    db.dispose()


def test_a_turn_never_given_is_said_in_words(tmp_path):
    db = Database(sqlite_url(tmp_path / "desk.sqlite3"), busy_timeout_s=0.3)
    db.migrate()
    child = _hold_turn(tmp_path / "desk.sqlite3-turn", hold=5)
    try:
        with pytest.raises(DatabaseError, match="đang bận"):
            with db.write() as session:
                session.execute(sharing_probe())
    finally:
        child.kill()
        child.wait(10)
        db.dispose()


def sharing_probe():
    from sqlalchemy import text

    return text("UPDATE sync_state SET value = value WHERE key = 'none'")


MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
//nas/motcua {share} cifs rw,vers=3.0 0 0
server:/exports {nfs} nfs4 rw 0 0
tmpfs {local} tmpfs rw 0 0
"""


def test_a_data_directory_on_a_network_share_is_refused(tmp_path, monkeypatch):
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    share, nfs, local = tmp_path / "o mang", tmp_path / "nfs", tmp_path / "nfs" / "local"
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS.format(share=str(share).replace(" ", "\\040"), nfs=nfs, local=local))
    monkeypatch.setattr(sharing, "MOUNTS", mounts)
    assert sharing.network_file_system(share / "data") == "cifs"
    assert sharing.network_file_system(nfs / "desk") == "nfs4"
    assert sharing.network_file_system(local / "desk") is None  # the longest mount point decides
    assert sharing.network_file_system(tmp_path / "elsewhere") is None
    with pytest.raises(DatabaseError) as refused:
        open_desk(DeskPaths(share / "data"), CounterSettings())
    assert "ổ mạng (cifs)" in str(refused.value) and "PostgreSQL" in str(refused.value)
    assert not (share / "data" / "desk.sqlite3").exists()  # refused before anything was written there
