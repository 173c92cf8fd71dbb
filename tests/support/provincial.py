"""The provincial server as a real process on a loopback port, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "test-admin-token-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ProvincialServer:
    def __init__(self, data_dir: Path, *extra: str, database_url: str = ""):
        self.data_dir = Path(data_dir)
        self.database_url = database_url  # PostgreSQL; default SQLite in the data directory
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.extra = extra
        self.process: subprocess.Popen | None = None
        self.log = self.data_dir / "server.log"

    def start(self) -> ProvincialServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._log_handle = open(self.log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "provincial", "--data-dir", str(self.data_dir),
             *(["--database-url", self.database_url] if self.database_url else []), "serve", "--port", str(self.port),
             "--admin-token", ADMIN_TOKEN, *self.extra],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self._log_handle, env={**os.environ})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log_handle.close()

    def memory_kb(self, field: str = "VmRSS") -> int:
        """The server process's memory from /proc (Linux): ``VmRSS`` now, ``VmHWM`` its peak so far."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise RuntimeError(f"{field} not found")

    def admin(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
