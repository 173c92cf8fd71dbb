"""This counter's own settings, in ``settings.json`` in the data directory.

The agency's identity lives in the database (shared by every counter of the agency);
what differs per counter (its name, paper, printer, its code block when desks do not
share a database) lives here. The file carries a version and is migrated forward.

Settings are immutable values. One ``SettingsStore`` per desk holds the current value; a change makes a new
value, validates it, saves it and only then puts it in place (on the worker, like every other write), so no
reader ever sees half a change. Who is signed in is never a setting: the services are given the actor.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from .domain.errors import DomainError
from .fileio import atomic_write_text

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1
def form_kinds() -> tuple[str, ...]:
    """The forms whose number an admin may change (the printed-forms registry), besides the receipt's
    ``form_number``. Read when settings are checked, not at import: the registry brings the whole domain, and
    settings are read before the window shows (bench/startup.py)."""
    from .domain.printed_forms import NUMBERED_IN_SETTINGS

    return tuple(kind.value for kind in NUMBERED_IN_SETTINGS)
# Backups run at these Vietnam times every day the desk is on: the lunch break, when the counter is quiet,
# and the close of the afternoon. A desk switched off at those times backs up as soon as it starts again.
DEFAULT_BACKUP_TIMES = ("12:00", "17:30")
_CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class CounterSettings:
    counter_number: int = 1
    counter_name: str = "Quầy 1"
    database_url: str = ""  # empty: SQLite file in the data directory
    code_block: int = 0  # 0 with a shared database; 1–8 per standalone desk (store/sequences.py)
    ledger_book: int = 1
    paper: str = "A5"
    printer_name: str = ""  # empty: the system's default printer
    receipt_copies: int = 2
    form_number: str = "Mẫu số 01"
    # The other forms' numbers by kind (supplement, refusal, apology, control, ledger, handover):
    # Thông tư 03/2025 may renumber them (DOMAIN.md §1), so an admin can change each one.
    form_numbers: dict = field(default_factory=dict)
    legal_basis: str = ""
    # Sync with the province (none of these is secret; the secrets live in the OS keyring).
    province_url: str = ""
    client_id: str = ""
    sync_account: str = ""  # names this desk's entries in the keyring
    unsynced_warning_days: int = 2
    sync_timeout_s: float = 15.0  # per request to the province; a slower answer counts as "no network"
    # Scanning (desk/scanning): named device profiles, the one in use, a "scan to folder" folder.
    scanner_profiles: list = field(default_factory=list)
    scanner_profile: str = ""
    watch_folder: str = ""
    # The citizen kiosk (python main.py kiosk): the admin PIN that leaves it, as a scrypt hash.
    kiosk_pin_hash: str = ""
    # Sign-in (issue 7): the desk locks itself after this many idle minutes (0: never).
    idle_lock_minutes: int = 10
    # Show every printed paper in the preview first instead of the print dialog.
    preview_before_print: bool = False
    # Backups (desk/services/backup.py, docs/BACKUP.md). The folder is on another disk, a USB stick or a
    # network share; empty: data_dir/backups, with a warning (a copy on the same disk dies with it).
    backup_folder: str = ""
    backup_times: list = field(default_factory=lambda: list(DEFAULT_BACKUP_TIMES))  # "HH:MM", Vietnam time
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    backup_all_files: bool = False  # also the digitized documents the province already has
    backup_pg_bin_dir: str = ""  # where pg_dump, pg_restore and psql are, when not on the PATH

    def validate(self) -> CounterSettings:
        if self.paper not in ("A5", "A4"):
            raise DomainError("Khổ giấy phải là A5 hoặc A4.", field="paper")
        if self.receipt_copies not in (1, 2):
            raise DomainError("Số liên biên nhận phải là 1 hoặc 2.", field="receipt_copies")
        if not 0 <= self.code_block <= 8:
            raise DomainError("Khối số thứ tự phải từ 0 đến 8 (khối 9 dành cho hồ sơ nộp trực tuyến).",
                              field="code_block")
        if self.ledger_book < 1:
            raise DomainError("Số quyển sổ phải từ 1 trở lên.", field="ledger_book")
        if not 1 <= self.counter_number <= 99:
            raise DomainError("Số quầy phải từ 1 đến 99.", field="counter_number")
        if not self.counter_name.strip():
            raise DomainError("Chưa nhập tên quầy.", field="counter_name")
        if not 0 <= self.idle_lock_minutes <= 240:
            raise DomainError("Thời gian tự khóa phải từ 0 (không khóa) đến 240 phút.", field="idle_lock_minutes")
        unknown = set(self.form_numbers) - set(form_kinds()) if self.form_numbers else set()
        if unknown:
            raise DomainError(f"Không có biểu mẫu loại {', '.join(sorted(unknown))}.", field="form_numbers")
        self._validate_backup()
        return self

    def _validate_backup(self) -> None:
        if self.backup_folder and not Path(self.backup_folder).is_absolute():
            raise DomainError("Thư mục sao lưu phải là đường dẫn đầy đủ (ví dụ E:\\SaoLuu hoặc /media/usb/SaoLuu).",
                              field="backup_folder")
        times = self.backup_times
        if not isinstance(times, list) or not all(isinstance(t, str) and _CLOCK_TIME.match(t) for t in times) or \
                not 1 <= len(times) <= 6 or len(set(times)) != len(times):
            raise DomainError("Giờ sao lưu là 1–6 mốc giờ khác nhau dạng GG:PP, ví dụ 12:00, 17:30.",
                              field="backup_times")
        for name, least, most, what in (("backup_keep_daily", 1, 366, "ngày"), ("backup_keep_weekly", 0, 104, "tuần"),
                                        ("backup_keep_monthly", 0, 240, "tháng")):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
                raise DomainError(f"Số bản giữ lại theo {what} phải từ {least} đến {most}.", field=name)


def _migrate(data: dict) -> dict:
    try:
        version = int(data.get("version", 0))
    except (TypeError, ValueError):
        raise DomainError("mục “version” phải là một số.") from None
    if version > SETTINGS_VERSION:
        raise DomainError("tệp được tạo bởi phiên bản mới hơn của phần mềm.")
    # version 0 → 1: nothing renamed yet; future migrations go here, one step each.
    data["version"] = SETTINGS_VERSION
    return data


_KIND_WORDS = {int: "một số nguyên", float: "một số", str: "một chuỗi chữ", bool: "true hoặc false",
               list: "một danh sách", dict: "một bảng (object)"}


def _typed(data: dict) -> dict:
    """Each known setting checked against its declared type before any rule reads it: a mistyped value
    ("counter_number": "hai") is a sentence naming the setting, never a TypeError."""
    hints = {f.name: f.type for f in fields(CounterSettings)}
    kinds = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}
    typed = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kind = kinds[str(hints[name])]  # the annotation's text (this module postpones annotations)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise DomainError(f"mục “{name}” phải là {_KIND_WORDS[kind]}, đang là {json.dumps(value)[:40]}.",
                              field=name)
        typed[name] = value
    return typed


class SettingsUnreadable(DomainError):
    """settings.json cannot be used; the message says what is wrong in it, for a window or stderr."""


def load_settings(path: Path) -> CounterSettings:
    """This counter's settings, validated; SettingsUnreadable when the file is damaged or mistyped. A file
    that loads is kept as the last good copy (``good_copy_of``), for the day the file is damaged."""
    if not path.exists():
        return CounterSettings()
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        if not isinstance(data, dict):
            raise DomainError("tệp phải là một bảng JSON (object).")
        data = _migrate(data)
        known = {f.name for f in fields(CounterSettings)}
        unknown = set(data) - known - {"version", "agency"}
        if unknown:
            log.warning("ignoring unknown settings: %s", ", ".join(sorted(unknown)))
        settings = CounterSettings(**_typed(data)).validate()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = f" (dòng {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise SettingsUnreadable(f"Tệp cài đặt {path} bị hỏng{line}: không phải JSON hợp lệ.") from exc
    except DomainError as exc:
        raise SettingsUnreadable(f"Tệp cài đặt {path} không hợp lệ: {exc}", field=exc.field) from exc
    except OSError as exc:
        raise SettingsUnreadable(f"Không đọc được tệp cài đặt {path}: {exc.strerror or exc}.") from exc
    _keep_good_copy(path, text)
    return settings


def good_copy_of(path: Path) -> Path:
    return path.with_name(path.name + ".tot")


def _keep_good_copy(path: Path, text: str) -> None:
    good = good_copy_of(path)
    try:
        if not good.exists() or good.read_text(encoding="utf-8") != text:
            atomic_write_text(good, text)
    except OSError as exc:  # a last good copy is a help, not a condition of starting
        log.warning("last good copy of the settings not written: %s", exc)


def recover_settings(path: Path, *, use_good_copy: bool) -> Path:
    """Set the damaged file aside (never deleted: an admin may want to read it) and start from the last good
    copy, or from the defaults. Returns where the damaged file went."""
    from datetime import datetime

    aside = path.with_name(f"{path.name}.hong-{datetime.now():%Y%m%d-%H%M%S}")
    path.replace(aside)
    good = good_copy_of(path)
    if use_good_copy and good.exists():
        atomic_write_text(path, good.read_text(encoding="utf-8"))
    return aside


def save_settings(path: Path, settings: CounterSettings) -> None:
    data = {"version": SETTINGS_VERSION, **asdict(settings.validate())}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(path, text)
    _keep_good_copy(path, text)


class SettingsStore:
    """This counter's settings as everyone reads them (``current``) and the one way to change them."""

    def __init__(self, path: Path | None, current: CounterSettings):
        """``path``: where changes are saved (None: kept in memory, for tools and tests)."""
        self.path = path
        self._current = current
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path) -> SettingsStore:
        return cls(path, load_settings(path))

    @property
    def current(self) -> CounterSettings:
        return self._current

    def update(self, **changes) -> CounterSettings:
        """A new value with ``changes``, validated and saved, then current; DomainError (nothing changed) if
        the new value is not valid, OSError if it could not be saved."""
        with self._lock:
            return self._put(replace(self._current, **changes))

    def put(self, settings: CounterSettings) -> CounterSettings:
        """Replace the whole value (a restore brings the archive's settings)."""
        with self._lock:
            return self._put(settings)

    def reload(self) -> CounterSettings:
        """The file's value, as it is on disk now (after a restore replaced the file)."""
        with self._lock:
            if self.path is not None:
                self._current = load_settings(self.path)
            return self._current

    def _put(self, settings: CounterSettings) -> CounterSettings:
        settings.validate()
        if self.path is not None:
            save_settings(self.path, settings)
        self._current = settings
        return settings
