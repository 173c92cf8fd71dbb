"""The desk as a process: unattended first start, and a crash between saving and printing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import AGENCY, ROOT
from tests.support.pdf import decode_codes, rasterise


def _env():
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_unattended_first_start_creates_migrates_seeds_and_shows_the_window(tmp_path):
    data_dir = tmp_path / "desk data"  # a space in the path, as on many Windows machines
    result = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), "--startup-probe",
         "--agency-code", AGENCY["code"], "--parent-authority", AGENCY["parent_authority"],
         "--unit-name", AGENCY["unit_name"], "--place-name", AGENCY["place_name"],
         "--portal-url", AGENCY["portal_base_url"], "--counter-name", "Quầy 2 Tư pháp"],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "shown_after_s=" in result.stdout and "ready_after_s=" in result.stdout
    assert (data_dir / "desk.sqlite3").exists() and (data_dir / "settings.json").exists()
    check = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from desk.store import Database
        from desk.services.desk import DeskServices
        from desk.paths import DeskPaths
        from desk.settings import SettingsStore
        paths = DeskPaths(__import__('pathlib').Path({str(data_dir)!r}))
        services = DeskServices.create(paths, SettingsStore.load(paths.settings), Database.in_directory(paths.data_dir))
        print(services.agency.get().code, len(services.catalog.search('')), services.settings.counter_name)
    """)], capture_output=True, text=True, timeout=60)
    assert check.stdout.split() == [AGENCY["code"], "12", "Quầy", "2", "Tư", "pháp"], check.stderr


def test_bad_agency_flag_is_refused_before_any_window(tmp_path):
    result = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path), "--agency-code", "H16",
                             "--unit-name", "x", "--parent-authority", "y", "--place-name", "z",
                             "--portal-url", "https://a.vn"], cwd=ROOT, env=_env(), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "Mã định danh “H16” chưa đúng" in result.stderr


CRASH_AFTER_COMMIT = """
import os, sys
sys.path.insert(0, {root!r})
from datetime import datetime
from desk.paths import DeskPaths
from desk.services.desk import open_desk
from desk.settings import CounterSettings
from tests.support.workers import sample_request
from desk.domain.users import Actor, Role
CLERK = Actor("lvtam", "Lê Văn Tâm", Role.CLERK)
services = open_desk(DeskPaths(__import__('pathlib').Path({data!r})), CounterSettings(),
                     clock=lambda: datetime(2026, 11, 23, 9, 15))
request, version = sample_request(services)
def power_cut(*args, **kwargs):
    os._exit(9)  # the process dies after the commit, before the receipt is rendered
services.receipts.render_row = power_cut
services.intake.receive(request, actor=CLERK, procedure_version=version)
"""


def test_a_crash_between_save_and_print_leaves_a_reprintable_dossier(tmp_path, clock):
    from tests.conftest import make_desk

    desk = make_desk(tmp_path / "data", clock)
    desk.db.dispose()
    child = subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT.format(root=str(ROOT),
                                                                           data=str(tmp_path / "data"))],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == 9, child.stderr
    desk = make_desk(tmp_path / "data", clock)
    [summary] = desk.dossiers.search("")
    assert not desk.paths.receipt_pdf(summary.code).exists()
    pdf = desk.receipts.ensure_pdf(summary.code).read_bytes()
    assert decode_codes(rasterise(pdf)).get("Code128") == summary.code
    desk.db.dispose()
