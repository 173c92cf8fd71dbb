"""Sync through a misbehaving network, and a desk killed mid-push: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from desk.store.models import OutboxRow
from tests.conftest import ADMIN, ROOT, make_desk
from tests.e2e.test_sync import attach_scan, enrollment_code, receive, server  # noqa: F401  (fixture)
from tests.support.fault_proxy import FaultProxy


def server_counts(server) -> dict:  # noqa: F811
    with sqlite3.connect(server.data_dir / "provincial.sqlite3") as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("dossier", "event", "idempotent_request", "audit_anchor")}


def without_anchors(counts: dict) -> dict:
    """The counts of the dossiers' requests: a sync round also sends the audit chain's head (one request each)."""
    return {"dossier": counts["dossier"], "event": counts["event"],
            "idempotent_request": counts["idempotent_request"] - counts["audit_anchor"]}


@pytest.mark.slow
def test_faults_between_desk_and_server_converge_exactly_once(tmp_path, clock, server):  # noqa: F811
    desk = make_desk(tmp_path / "desk", clock)
    desk.sync.enroll(server.base_url, enrollment_code(server), actor=ADMIN)
    codes = receive(desk, 30)
    hashes = [attach_scan(desk, code) for code in codes]  # uploads go through the faulty network too
    with FaultProxy(server.base_url, fault_rate=0.45, stall_s=4.0) as proxy:
        desk.settings_store.update(province_url=proxy.url)  # the same server, reached through the faulty network
        desk.settings_store.update(sync_timeout_s=2.0)  # a 4-second stall outlasts it
        for _round in range(200):
            report = desk.sync.run_once()
            if report.ok and desk.sync.status()["pending"] == 0:
                break
        assert all(proxy.counts[f] > 0 for f in ("reset_before", "reset_after", "error_500", "too_many",
                                                 "duplicate")), proxy.counts
    status = desk.sync.status()
    with desk.db.read() as session:
        anchors = session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.kind == "audit.anchor"))
    assert status["pending"] == 0 and status["failed"] == 0 and status["sent"] == 30 + anchors
    counts = server_counts(server)
    assert counts["audit_anchor"] == anchors  # each anchor exactly once too
    assert without_anchors(counts) == {"dossier": 30, "event": 30, "idempotent_request": 30}
    for sha256 in hashes:  # every file arrived whole: the server verified its hash before keeping it
        assert (server.data_dir / "files" / sha256[:2] / sha256).read_bytes() == desk.paths.file_path(
            sha256).read_bytes()
    desk.db.dispose()
    assert len(set(codes)) == 30


@pytest.mark.slow
def test_desk_killed_mid_push_converges_without_duplicates(tmp_path, clock, server):  # noqa: F811
    data_dir = tmp_path / "killed-desk"
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backend.FileKeyring",
           "DESK_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "main.py", "--data-dir", str(data_dir)]
    assert subprocess.run([*command, "enroll", server.base_url, enrollment_code(server)], cwd=ROOT, env=env,
                          capture_output=True, timeout=120).returncode == 0
    desk = make_desk(data_dir, clock)
    receive(desk, 300)
    desk.db.dispose()
    child = subprocess.Popen([*command, "sync", "--once"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while server_counts(server)["dossier"] < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    partial = server_counts(server)["dossier"]
    assert 0 < partial < 300, "the kill should land mid-push"
    rerun = subprocess.run([*command, "sync", "--once"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert without_anchors(server_counts(server)) == {"dossier": 300, "event": 300, "idempotent_request": 300}
