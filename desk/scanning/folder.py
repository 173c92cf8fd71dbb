"""The watched folder: many office printers "scan to folder" (SMB share or USB copy).

A file is offered once, and only when complete: its size and modification time have not moved
for ``settle_s`` seconds and it can be opened for reading (on Windows a writer's exclusive
lock fails that). Polling rather than OS notifications: it works the same on a local disk, on a
network share and on every platform, and a commune folder holds a handful of files."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .pages import IMPORTABLE

log = logging.getLogger(__name__)
IMPORTED_SUBFOLDER = "da-nhap"   # where the desk moves files once they are in a dossier


class FolderWatcher:
    def __init__(self, folder: Path, *, settle_s: float = 1.5, clock: Callable[[], float] = time.monotonic):
        self.folder = Path(folder)
        self.settle_s = settle_s
        self.clock = clock
        self._seen: dict[str, tuple[int, int, float]] = {}  # name → (size, mtime_ns, unchanged since)
        self._offered: set[tuple[str, int, int]] = set()

    def poll(self) -> list[Path]:
        """Files that became complete since the last poll."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            log.warning("watched folder %s unreadable: %s", self.folder, exc)
            return []
        now = self.clock()
        ready: list[Path] = []
        present = set()
        for entry in entries:
            name = entry.name
            if (name.startswith((".", "~")) or Path(name).suffix.lower() not in IMPORTABLE
                    or not entry.is_file()):
                continue  # temporary names that copy tools and printers use while writing
            try:
                stat = entry.stat()
            except OSError:
                continue
            present.add(name)
            key = (name, stat.st_size, stat.st_mtime_ns)
            if key in self._offered:
                continue
            previous = self._seen.get(name)
            if previous is None or previous[:2] != (stat.st_size, stat.st_mtime_ns):
                self._seen[name] = (stat.st_size, stat.st_mtime_ns, now)
                continue
            if stat.st_size == 0 or now - previous[2] < self.settle_s:
                continue
            try:
                with open(entry.path, "rb") as handle:
                    handle.read(1)
            except OSError:
                continue  # still locked by the writer
            self._offered.add(key)
            ready.append(Path(entry.path))
        for name in set(self._seen) - present:
            del self._seen[name]
        return sorted(ready)

    def mark_imported(self, path: Path) -> Path:
        """Move a file that went into a dossier out of the way, so the folder shows what is left."""
        target_dir = self.folder / IMPORTED_SUBFOLDER
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        stem, suffix, number = path.stem, path.suffix, 1
        while target.exists():
            number += 1
            target = target_dir / f"{stem} ({number}){suffix}"
        os.replace(path, target)
        return target


class FolderWatchThread(threading.Thread):
    """Polls a FolderWatcher off the GUI thread (a network share can take seconds to answer)."""

    def __init__(self, watcher: FolderWatcher, on_ready: Callable[[list[Path]], None], interval_s: float = 1.0):
        super().__init__(name="folder-watch", daemon=True)
        self.watcher = watcher
        self.on_ready = on_ready
        self.interval_s = interval_s
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.interval_s):
            ready = self.watcher.poll()
            if ready:
                self.on_ready(ready)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)
