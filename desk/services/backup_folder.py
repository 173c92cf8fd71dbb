"""The backup folder's housekeeping: the names of archives, the folder lock that keeps two backups (the window's
schedule and a command) from writing into one folder at once, and what dead processes left behind."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk.domain.errors import DomainError
from desk.store.database import SQLITE_FULL, SQLITE_IOERR, is_busy, sqlite_code

log = logging.getLogger(__name__)

PART_SUFFIX = ".dang-ghi"
LOCK_NAME = ".sao-luu.khoa"
WORK_PREFIX = ".sao-luu-tam-"
LOCK_STALE_S = 3 * 3600


def backup_tag(agency_code: str, counter_number: int) -> str:
    """Names this desk's archives, so desks sharing a folder never rotate each other's away."""
    return f"{re.sub(r'[^A-Za-z0-9.]+', '-', agency_code) or 'chua-co-ma'}-q{counter_number:02d}"


def describe_sqlite_error(error: sqlite3.Error) -> str:
    code = sqlite_code(error)
    if code in (SQLITE_FULL, SQLITE_IOERR):
        return "Ổ đĩa đã đầy (hoặc lỗi ghi đĩa) khi chép cơ sở dữ liệu. Hãy giải phóng dung lượng rồi thử lại."
    if is_busy(error):
        return "Cơ sở dữ liệu đang bận quá lâu; sẽ thử lại sau."
    return "Không chép được cơ sở dữ liệu (chi tiết trong nhật ký logs/desk.log)."


def private_dir(path: Path, *, parents: bool = False) -> Path:
    """A folder only this account reads (0700). An existing folder an admin chose is left as it is."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=parents)
        os.chmod(path, 0o700)
    return path


def pid_alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # no harmless probe there; age decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def is_stale(path: Path, pid: int | None, limit_s: float = LOCK_STALE_S) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    return age > limit_s or (pid is not None and not pid_alive(pid))


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One backup at a time into a folder, across processes (the window's schedule and a command)."""
    lock = folder / LOCK_NAME
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            try:
                written_pid, host = lock.read_text(encoding="utf-8").split()[:2]
                # None for another machine's lock: its age decides
                pid: int | None = int(written_pid) if host == socket.gethostname() else None
                limit = LOCK_STALE_S
            except (OSError, ValueError):
                pid, limit = None, 60  # killed between creating the lock and writing into it
            if not is_stale(lock, pid, limit):
                raise DomainError("Một lần sao lưu khác đang ghi vào thư mục này; hãy đợi nó xong.") from None
            lock.unlink(missing_ok=True)  # its process died (killed, power cut): its lock means nothing
    else:
        raise DomainError("Một lần sao lưu khác đang ghi vào thư mục này; hãy đợi nó xong.")
    try:
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def remove_leftovers(folder: Path, data_dir: Path) -> None:
    """Temporary archives of backups that died (the folder lock is ours, so none is being written) and work
    folders of dead processes."""
    for path in folder.glob(f".sao-luu-*{PART_SUFFIX}"):
        log.info("removing an unfinished archive %s", path.name)
        path.unlink(missing_ok=True)
    for path in data_dir.glob(f"{WORK_PREFIX}*"):
        match = re.match(rf"{re.escape(WORK_PREFIX)}(\d+)-", path.name)
        if is_stale(path, int(match.group(1)) if match else None, 24 * 3600):
            shutil.rmtree(path, ignore_errors=True)
