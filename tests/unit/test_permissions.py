"""The data directory is the desk's account's only (issue 15): 0700, its files 0600 (POSIX)."""

from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import CLERK
from tests.support.workers import sample_request

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_desk_at_work_leaves_nothing_readable_by_other_accounts(desk):
    request, version = sample_request(desk)
    desk.intake.receive(request, procedure_version=version, actor=CLERK)
    data = desk.paths.data_dir
    assert _mode(data) == 0o700
    offenders = [str(p.relative_to(data)) for p in data.rglob("*")
                 if p.is_file() and _mode(p) & 0o077 or p.is_dir() and _mode(p) & 0o077]
    assert offenders == []


def test_a_data_directory_of_an_earlier_version_is_closed_at_start(tmp_path):
    from desk.paths import DeskPaths

    data = tmp_path / "old"
    (data / "logs").mkdir(parents=True)
    for name in ("settings.json", "desk.sqlite3", "logs/desk.log"):
        (data / name).write_text("" if name != "settings.json" else "{}", encoding="utf-8")
        os.chmod(data / name, 0o644)
    os.chmod(data, 0o755)
    (data / "desk.sqlite3").unlink()  # a fresh database is made; the others are old files
    DeskPaths(data).ensure()  # what every start does first
    assert _mode(data) == 0o700
    assert _mode(data / "settings.json") == 0o600 and _mode(data / "logs" / "desk.log") == 0o600
