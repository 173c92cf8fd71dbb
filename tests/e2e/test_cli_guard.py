"""The command line is not a back door (issue 15): on a desk that has users, rewriting the agency's identity
(the receipt QR's target) or the kiosk's PIN needs an admin's credentials; a damaged settings file is a
sentence, never a traceback, and the window offers the last good copy."""

from __future__ import annotations

import os
import subprocess
import sys
from argparse import Namespace

import pytest

from tests.conftest import AGENCY, ROOT, make_desk

IDENTITY = ["--agency-code", AGENCY["code"], "--parent-authority", AGENCY["parent_authority"],
            "--unit-name", "Trung tâm giả mạo", "--place-name", AGENCY["place_name"],
            "--portal-url", "https://tra-cuu-gia-mao.example"]


def _main(data, *args, password: str | None = None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MOTCUA_ADMIN_PASSWORD", None)
    if password is not None:
        env["MOTCUA_ADMIN_PASSWORD"] = password
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def configured(tmp_path, clock):
    desk = make_desk(tmp_path / "data", clock)
    desk.users.create_first_admin("qtv", "Trần Quản Trị", "quan-tri-dak-lak")
    desk.db.dispose()
    return tmp_path / "data"


def _agency(data, clock):
    desk = make_desk(data, clock)
    try:
        return desk.agency.get()
    finally:
        desk.db.dispose()


def test_flags_cannot_rewrite_a_configured_desk_without_an_admin(configured, clock):
    refused = _main(configured, *IDENTITY, "--startup-probe")
    assert refused.returncode == 2 and "cần tài khoản quản trị" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _agency(configured, clock).portal_base_url == AGENCY["portal_base_url"]
    wrong = _main(configured, *IDENTITY, "--admin", "qtv", "--startup-probe", password="sai-mat-khau")
    assert wrong.returncode == 2 and "Sai tên đăng nhập" in wrong.stderr
    allowed = _main(configured, *IDENTITY, "--admin", "qtv", "--startup-probe", password="quan-tri-dak-lak")
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert _agency(configured, clock).unit_name == "Trung tâm giả mạo"


def test_the_kiosk_pin_of_a_configured_desk_needs_an_admin(configured):
    refused = _main(configured, "kiosk-pin", "--pin", "2468")
    assert refused.returncode == 2 and "quản trị" in refused.stderr
    allowed = _main(configured, "--admin", "qtv", "kiosk-pin", "--pin", "2468", password="quan-tri-dak-lak")
    assert allowed.returncode == 0, allowed.stderr


@pytest.mark.parametrize("content, said", [
    ('{"counter_number": "hai"}', "mục “counter_number” phải là một số nguyên"),
    ('{"paper": "A3"}', "Khổ giấy phải là A5 hoặc A4"),
    ('{"counter_name": "Quầy 1", ', "bị hỏng (dòng 1)"),
    ("[1, 2]", "phải là một bảng JSON"),
])
def test_a_damaged_settings_file_is_said_in_words(tmp_path, content, said):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(content, encoding="utf-8")
    result = _main(data, "sync", "--once")
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr
    assert "bản cài đặt tốt gần nhất" in result.stderr


def test_the_window_offers_the_last_good_settings(tmp_path, monkeypatch):
    from desk.app import _settings_or_recovered
    from desk.paths import DeskPaths
    from desk.settings import CounterSettings, load_settings, save_settings

    paths = DeskPaths(tmp_path / "data")
    paths.ensure()
    save_settings(paths.settings, CounterSettings(counter_name="Quầy 3 — Hộ tịch", counter_number=3))
    paths.settings.write_text('{"counter_number": 3, "counter_name": ', encoding="utf-8")  # a power cut mid-write
    asked = []
    monkeypatch.setattr("desk.ui.dialogs.ask_settings_recovery",
                        lambda problem, has_good: asked.append((problem, has_good)) or "good")
    settings = _settings_or_recovered(paths, Namespace(command=None, startup_probe=False))
    assert asked and asked[0][1] and "bị hỏng" in asked[0][0]
    assert settings.counter_name == "Quầy 3 — Hộ tịch"
    assert load_settings(paths.settings).counter_number == 3
    assert len(list(paths.data_dir.glob("settings.json.hong-*"))) == 1  # the damaged file is kept, renamed
