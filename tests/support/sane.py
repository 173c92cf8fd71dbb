"""SANE's virtual ``test`` device in a private config folder (PLATFORM.md): /etc stays untouched,
and ``scanimage -L`` (or python-sane) sees only the test device."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SYSTEM_TEST_CONF = Path("/etc/sane.d/test.conf")


def sane_available() -> bool:
    return shutil.which("scanimage") is not None and SYSTEM_TEST_CONF.exists()


def make_sane_config(folder: Path, picture: str = "Grid") -> Path:
    """A SANE config folder whose only backend is ``test``, drawing ``picture`` on each page."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n", encoding="ascii")
    text = SYSTEM_TEST_CONF.read_text(encoding="ascii")
    text = text.replace('test-picture "Solid black"', f'test-picture "{picture}"')
    (folder / "test.conf").write_text(text, encoding="ascii")
    return folder


def require_sane():
    import pytest

    if not sane_available():
        if os.environ.get("CI"):
            pytest.fail("SANE is missing: scripts/setup.sh must install sane-utils")
        pytest.skip("SANE (python-sane and the test backend) is not installed")
