"""A private PostgreSQL cluster for tests: initdb in a temp dir, own port and socket dir.

initdb refuses to run as root, so as root the server runs as the ``postgres`` user
(PLATFORM.md). fsync is off: test data need not survive a power cut.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    def __init__(self):
        self.bin = find_pg_bin()
        # Not under pytest's tmp_path: that is private to root, and the server runs as postgres.
        self.base = Path(tempfile.mkdtemp(prefix="desk-pg-"))
        self.data = self.base / "data"
        self.sockets = self.base / "sockets"
        self.port = _free_port()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def start(self) -> None:
        self.sockets.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.base / "log.txt"), "-w",
                  "-o", f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                        f"-c synchronous_commit=off -c full_page_writes=off", "start")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.base, ignore_errors=True)


# -- additions for the provincial backend's scale-out tests and benchmarks -----------------------------------------
DURABLE = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"


def start_cluster(cluster: PostgresCluster, options: str) -> None:
    """``cluster.start()`` with server options of the caller's (``DURABLE`` for a benchmark that must pay for
    commits as a production server does, ``-c max_connections=…``); the later options win."""
    cluster.sockets.mkdir(parents=True, exist_ok=True)
    if cluster.as_root:
        shutil.chown(cluster.base, "postgres")
        shutil.chown(cluster.sockets, "postgres")
    cluster._run(str(cluster.bin / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", "postgres",
                 "-E", "UTF8", "--locale=C.UTF-8")
    _pg_ctl_start(cluster, cluster.data, cluster.port, f"-c fsync=off -c synchronous_commit=off {options}")


def _pg_ctl_start(cluster: PostgresCluster, data: Path, port: int, options: str) -> None:
    cluster._run(str(cluster.bin / "pg_ctl"), "-D", str(data), "-l", str(data.parent / f"log-{port}.txt"), "-w",
                 "-o", f"-p {port} -k {cluster.sockets} -c listen_addresses=127.0.0.1 {options}", "start")
    _wait_for_port(port)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("PostgreSQL did not start")


class StreamingReplica:
    """A hot standby of ``primary`` on a port of its own: ``pg_basebackup -R -X stream`` over loopback, then
    started, streaming the primary's WAL as a production replica does (read-only, a moment behind)."""

    def __init__(self, primary: PostgresCluster):
        self.primary = primary
        self.data = primary.base / "replica"
        self.port = _free_port()

    def start(self) -> StreamingReplica:
        self.primary._run(str(self.primary.bin / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary.port),
                          "-U", "postgres", "-D", str(self.data), "-R", "-X", "stream", "-c", "fast")
        _pg_ctl_start(self.primary, self.data, self.port, "-c hot_standby=on -c fsync=off")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def wait_caught_up(self, timeout_s: float = 15.0) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.primary.port} user=postgres dbname=postgres") as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout_s
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            while time.monotonic() < deadline:
                behind = conn.execute("SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn()) > 0",
                                      (target,)).fetchone()[0]
                if not behind:
                    return
                time.sleep(0.05)
        raise RuntimeError("the replica did not catch up")

    def stop(self) -> None:
        try:
            self.primary._run(str(self.primary.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass


def find_pgbouncer() -> str | None:
    return shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None)


class TransactionBouncer:
    """A pgBouncer in transaction mode in front of ``cluster``, on a loopback port of its own: few server
    connections shared by many clients, one transaction at a time (docs/DEPLOYMENT.md, "pgBouncer")."""

    def __init__(self, cluster: PostgresCluster, server_connections: int = 2):
        self.cluster = cluster
        self.port = _free_port()
        self.folder = cluster.base / f"bouncer-{self.port}"
        self.server_connections = server_connections

    def start(self) -> TransactionBouncer:
        self.folder.mkdir()
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        (self.folder / "pgbouncer.ini").write_text(
            f"[databases]\n* = host=127.0.0.1 port={self.cluster.port}\n\n[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\nauth_type = trust\n"
            f"auth_file = {self.folder / 'users.txt'}\npool_mode = transaction\nmax_client_conn = 500\n"
            f"default_pool_size = {self.server_connections}\nignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\npidfile = {self.folder / 'pgbouncer.pid'}\n")
        if self.cluster.as_root:
            # The bouncer runs as postgres; the files are the test process's, made 0600 once a desk in an earlier
            # test has set the process's umask (desk/paths.py protects new files): hand them over whole.
            for path in (self.folder, self.folder / "users.txt", self.folder / "pgbouncer.ini"):
                shutil.chown(path, "postgres")
        self.cluster._run(str(find_pgbouncer()), "-d", str(self.folder / "pgbouncer.ini"))
        _wait_for_port(self.port)
        return self

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        pidfile = self.folder / "pgbouncer.pid"
        if pidfile.exists():
            os.kill(int(pidfile.read_text().strip()), 15)
