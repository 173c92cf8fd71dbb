"""Where a desk keeps its files: one data directory (platform default, ``--data-dir`` overrides)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "MotCuaDesk"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class DeskPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "desk.sqlite3"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def receipts(self) -> Path:
        return self.data_dir / "receipts"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def files(self) -> Path:
        """Digitized documents, content-addressed: files/<first two hex digits>/<sha256>."""
        return self.data_dir / "files"

    def file_path(self, sha256: str) -> Path:
        return self.files / sha256[:2] / sha256

    def receipt_pdf(self, code: str) -> Path:
        """receipts/<yymm of the code's date>/<code>.pdf: a month's receipts in a folder, never a million files in
        one. Codes contain only digits, letters, dots and dashes: safe as file names everywhere."""
        parts = code.split("-")
        month = parts[-2][:4] if len(parts) >= 3 and parts[-2][:4].isdigit() else "khac"
        return self.receipts / month / f"{code}.pdf"

    @property
    def forms(self) -> Path:
        """Forms printed after intake: supplement requests, refusals, apologies, hand-over slips, ledgers."""
        return self.data_dir / "phieu"

    def form_pdf(self, code: str, kind: str) -> Path:
        return self.forms / f"{code}-{kind}.pdf"

    def ensure(self) -> None:
        protect_new_files()
        for folder in (self.data_dir, self.receipts, self.logs, self.files):
            folder.mkdir(parents=True, exist_ok=True)
        self.protect()

    def protect(self) -> None:
        """Only the desk's own account may read its data (POSIX): the folder 0700, the database, settings and
        logs 0600 — also for a data directory made by an earlier version. Windows keeps a user's local app
        data private by itself."""
        if os.name != "posix":
            return
        try:
            os.chmod(self.data_dir, 0o700)
            for path in (self.database, self.database.with_name("desk.sqlite3-wal"),
                         self.database.with_name("desk.sqlite3-shm"), self.settings, *self.logs.glob("desk.log*")):
                if path.exists():
                    os.chmod(path, 0o600)
        except OSError:
            pass  # a data directory on a file system without modes (a USB stick): nothing more to do


def protect_new_files() -> None:
    """Files and folders the desk creates from now on are its own account's only (POSIX umask 077)."""
    if os.name == "posix":
        os.umask(0o077)
