"""Parent side of the driver host: start it, feed it a request, read its answers with a timeout.

A driver that crashes ends only the child; one that hangs is killed after the timeout. Either
way the desk gets a ScanError with a message for the clerk, and any pages that arrived before
the failure are kept (they were handed to ``on_page`` as they came)."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .model import DeviceInfo, ScanError, ScannerProfile

log = logging.getLogger(__name__)
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_EOF = object()


class DriverHost:
    def __init__(self, *, python: str = sys.executable, first_page_timeout: float = 90.0,
                 page_timeout: float = 60.0, list_timeout: float = 45.0, env: dict[str, str] | None = None):
        self.python = python
        self.first_page_timeout = first_page_timeout  # warm-up, calibration, a clerk placing paper
        self.page_timeout = page_timeout              # between two sheets of a feeder batch
        self.list_timeout = list_timeout              # network discovery can be slow
        self.env = env

    def devices(self, backend: str) -> list[DeviceInfo]:
        devices: list[DeviceInfo] = []
        for message in self._run({"op": "devices", "backend": backend}, self.list_timeout, self.list_timeout):
            if "devices" in message:
                devices = [DeviceInfo.from_dict(d) for d in message["devices"]]
        return devices

    def scan(self, profile: ScannerProfile, out_dir: Path, on_page: Callable[[Path, dict], None],
             cancel: threading.Event | None = None) -> int:
        """Scan with ``profile``; call ``on_page(path, info)`` for each page as it arrives.

        Returns the number of pages. The page files are the caller's to move or delete."""
        out_dir.mkdir(parents=True, exist_ok=True)
        request = {"op": "scan", "backend": profile.backend, "device_id": profile.device_id,
                   "settings": profile.settings.validate().__dict__, "out_dir": str(out_dir)}
        pages = 0
        try:
            for message in self._run(request, self.first_page_timeout, self.page_timeout, cancel):
                if "page" in message:
                    pages += 1
                    on_page(out_dir / message["page"], message)
        except ScanError as error:
            if pages:
                raise ScanError(f"{error} Đã nhận {pages} trang trước khi lỗi; các trang đó được giữ lại.") from None
            raise
        return pages

    # -- the child process --------------------------------------------------------------------
    def _environment(self) -> dict[str, str]:
        env = dict(os.environ if self.env is None else self.env)
        paths = [str(_PROJECT_ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        env["PYTHONIOENCODING"] = "utf-8"
        return env

    def _start_host(self, request: dict) -> tuple[subprocess.Popen, queue.Queue, list[str]]:
        """The driver host, its request written; its stdout lines arrive in the queue (then ``_EOF``), the
        last lines of its stderr are kept for the log."""
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing on Windows
        # Its own session on POSIX: a timeout kills the host *and* the SANE frontend it started.
        try:
            child = subprocess.Popen([self.python, "-m", "desk.scanning.host"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self._environment(),
                                     creationflags=flags, start_new_session=os.name == "posix")
        except OSError as exc:
            raise ScanError(f"Không khởi động được tiến trình máy quét: {exc}") from exc
        stdin, stdout, stderr = child.stdin, child.stdout, child.stderr
        assert stdin is not None and stdout is not None and stderr is not None  # all three are pipes
        lines: queue.Queue = queue.Queue()
        stderr_tail: list[str] = []

        def read_stdout() -> None:
            for raw in stdout:
                lines.put(raw)
            lines.put(_EOF)

        def read_stderr() -> None:
            for raw in stderr:
                text = raw.decode("utf-8", "replace").rstrip()
                stderr_tail[:] = (stderr_tail + [text])[-20:]
                log.debug("scanner host: %s", text)

        for reader in (read_stdout, read_stderr):
            threading.Thread(target=reader, daemon=True).start()
        try:
            stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"))
            stdin.close()
        except OSError:
            pass  # the child died at once; its exit code tells why
        return child, lines, stderr_tail

    @staticmethod
    def _next_line(lines: queue.Queue, timeout: float, cancel: threading.Event | None):
        """The host's next line (or ``_EOF``); None when ``timeout`` passed without one."""
        deadline = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.is_set():
                raise ScanError("Đã hủy lượt quét.")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                return lines.get(timeout=min(remaining, 0.2))
            except queue.Empty:
                continue

    def _run(self, request: dict, first_timeout: float, next_timeout: float,
             cancel: threading.Event | None = None):
        child, lines, stderr_tail = self._start_host(request)
        timeout, finished = first_timeout, False
        try:
            while True:
                raw = self._next_line(lines, timeout, cancel)
                if raw is None:
                    if finished:  # the answer is complete; a driver slow to close is not our problem
                        return
                    raise ScanError(f"Máy quét không phản hồi sau {timeout:.0f} giây nên đã dừng lượt quét. "
                                    "Hãy kiểm tra máy quét (đã bật, cáp, giấy kẹt) rồi quét lại.")
                if raw is _EOF:
                    code = child.wait(timeout=10)
                    if finished:
                        return
                    log.error("scanner host ended with code %s: %s", code, " | ".join(stderr_tail))
                    raise ScanError(f"Trình điều khiển máy quét bị lỗi và đã dừng (mã {code}). Phần mềm vẫn hoạt "
                                    "động bình thường; hãy kiểm tra máy quét rồi quét lại.")
                try:
                    message = json.loads(raw)
                except ValueError:
                    log.warning("scanner host wrote a line that is not JSON: %r", raw[:200])
                    continue
                if "error" in message:
                    raise ScanError(message["error"])
                if "done" in message or "devices" in message:
                    finished = True
                timeout = next_timeout
                yield message
        finally:
            _stop_host(child)


def _stop_host(child: subprocess.Popen) -> None:
    if child.poll() is None:
        _kill_tree(child)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log.error("scanner host %s did not end after kill", child.pid)
    for stream in (child.stdout, child.stderr):
        if stream is None:
            continue
        try:
            stream.close()
        except OSError:
            pass


def _kill_tree(child: subprocess.Popen) -> None:
    if os.name == "posix":
        import signal

        try:
            os.killpg(child.pid, signal.SIGKILL)
            return
        except OSError:
            pass
    child.kill()
