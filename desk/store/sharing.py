"""Several counters on one SQLite file: whose turn it is to write, and where the file must not live.

SQLite's own wait (the busy timeout) backs off: a writer that finds the file taken sleeps longer each time it
tries, so with eight counters saving at once one of them waited 2.4 s while the file was free most of that
time (bench/counters.py). A counter takes its turn instead: an exclusive OS lock on a small file beside the
database, asked for in short fixed steps, held for the write transaction only. The operating system drops the
lock of a process that dies, so a crash never leaves the others waiting.

SQLite over a network share (SMB, NFS) is not safe: its locks are not honoured by every server and a file can
be damaged when two machines write. Counters on separate machines share a PostgreSQL server instead; the desk
refuses a data directory on a network file system with a message that says so.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STEP_S = 0.002  # how often a waiting counter asks again: short and fixed, so the file never idles
NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
                                  "9p", "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.rclone", "lustre"})
MOUNTS = Path("/proc/self/mounts")


class TurnTimeout(TimeoutError):
    """Another writer kept the database longer than the caller may wait."""


@contextmanager
def write_turn(lock_file: Path, timeout_s: float) -> Iterator[None]:
    """Hold the exclusive write turn of the database whose lock file is ``lock_file``, waiting at most
    ``timeout_s``."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout_s
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise TurnTimeout(f"the database stayed busy for {timeout_s:.0f} s")
            time.sleep(STEP_S)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def network_file_system(path: Path) -> str | None:
    """The kind of network file system ``path`` is on ("cifs", "nfs4", "ổ mạng"), or None for a local disk."""
    resolved = Path(os.path.abspath(path))
    if sys.platform == "win32":
        return _windows_network_drive(resolved)
    try:
        mounts = MOUNTS.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None  # not Linux (or no /proc): nothing to tell
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (str(resolved) == point or str(resolved).startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


def _windows_network_drive(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "ổ mạng"  # a UNC path: \\server\share
    if sys.platform != "win32":
        return None
    import ctypes

    drive_remote = 4
    root = os.path.splitdrive(text)[0] + "\\"
    return "ổ mạng" if ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote else None
