"""The arrows of docs/ARCHITECTURE.md (import-linter checks them too): the core never imports Qt; the domain
imports neither Qt nor the database."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def __init__(self, names): self.names = names
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in self.names:
            raise ImportError(f'{{name}} must not be imported here')
sys.meta_path.insert(0, Block({blocked!r}))
sys.path.insert(0, {root!r})
import importlib, pkgutil
for package in {packages!r}:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + '.'):
        if '.migrations' in info.name:
            continue
        importlib.import_module(info.name)
print('ok')
"""


def _import_all(packages, blocked):
    code = BLOCKER.format(blocked=set(blocked), root=str(ROOT), packages=list(packages))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_core_packages_import_without_qt():
    _import_all(["desk.domain", "desk.store", "desk.services", "desk.scanning", "desk.sync", "printing"],
                ["PySide6", "shiboken6"])


def test_scanning_needs_neither_the_database_nor_printing():
    _import_all(["desk.scanning"], ["PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab"])


def test_domain_is_pure():
    _import_all(["desk.domain"], ["PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab"])


def test_compiled_forms_are_current():
    result = subprocess.run([sys.executable, str(Path(ROOT, "forms", "build.py")), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_window_and_its_pages_import_without_the_database_layer():
    """SQLAlchemy (≈ 300 ms to import) and Pillow load on the worker thread once the desk opens,
    never on the GUI thread while the window is being built (bench/startup.py)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "import desk.ui.main_window, desk.ui.intake, desk.ui.document_pages\n"
            "bad = sorted(m for m in ('sqlalchemy', 'PIL', 'reportlab') if m in sys.modules)\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
