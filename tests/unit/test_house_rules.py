"""Rooms a maintainer can find their way in: no module over 600 lines, no function over 60 lines.

Generated code (compiled Designer forms) and Alembic migrations (frozen history) are exempt. A failure names
each room that grew too big; split it by what it does (docs/ARCHITECTURE.md, "The house")."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60
CHECKED = ("desk", "printing", "provincial", "contract", "bench", "scripts")


def _sources() -> list[Path]:
    files = [ROOT / "main.py", ROOT / "forms" / "build.py"]
    for package in CHECKED:
        files += sorted((ROOT / package).rglob("*.py"))
    return [path for path in files
            if "migrations" not in path.parts and not (path.parent.name == "forms" and path.name.startswith("ui_"))]


def test_no_module_is_longer_than_600_lines():
    too_long = [f"{path.relative_to(ROOT)}: {lines} dòng" for path in _sources()
                if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES]
    assert too_long == []


def test_no_function_is_longer_than_60_lines():
    too_long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {lines} dòng")
    assert too_long == []


def test_the_checks_see_the_code():
    """A rule that checks nothing cannot fail: the walk finds the packages' modules and functions."""
    sources = _sources()
    assert len(sources) > 100 and ROOT / "desk" / "ui" / "intake" / "page.py" in sources
    assert not any("migrations" in path.parts for path in sources)
