"""docs/ARCHITECTURE.md, recipe (b) "A printed form", tried: a one-line "Phiếu thử" added to a copy of the code at
exactly the places the recipe's numbered steps name, and nowhere else.

The copy holds ``desk/`` and ``printing/`` (the packages the recipe touches); a child process imports them before
the repository's own, receives a dossier, prints the new form through the service the Hồ sơ page calls
(``LifecycleService.render_form`` → ``FormService.render`` → ``DRAWERS``) and opens the agency dialog. The PDF is
read back as text. If the recipe ever needs another place, this test fails: fix the recipe and this test together.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT
from tests.support.pdf import pdf_text

RECIPE = ROOT / "docs" / "ARCHITECTURE.md"
RECIPE_HEADING = "### (b) A printed form"
COPIED = ("desk", "printing")


def _once(pattern: str, replacement: str, text: str, flags: int = 0) -> str:
    """``text`` with the one match of ``pattern`` replaced; a pattern that no longer matches once means the code
    moved under the recipe: read the recipe again and update both."""
    new, count = re.subn(pattern, replacement, text, flags=flags)
    assert count == 1, f"the recipe's place {pattern!r} matched {count} times"
    return new


# -- the recipe's steps, as a developer would type them --------------------------------------------------------
def _registry(text: str) -> str:
    """Step 1: a FormKind member and its PrintedForm in FORMS."""
    text = _once(r"(class FormKind\(StrEnum\):\n(?:    .*\n)+)", r'\1    TRIAL = "thu"\n', text)
    return _once(r"(\nFORMS: tuple\[PrintedForm, \.\.\.\] = \(\n(?:    .*\n)+)\)",
                 r'\1    PrintedForm(FormKind.TRIAL, "Phiếu thử", "Phiếu thử nghiệm", "phiếu thử", "Mẫu số 00"),\n)',
                 text)


RENDERER = '''

def render_trial(header: FormHeader, facts: DossierFacts, paper: str = "A5") -> bytes:
    """PHIẾU THỬ: one line about the dossier."""
    size, width, st = _page(paper)
    title = _title_of(header, FormKind.TRIAL)
    story = form_header(header, st, width)
    story += [Paragraph(title, st.title),
              Paragraph(f"Người có hồ sơ: <b>{safe_text(facts.owner_name)}</b> — mã hồ sơ {safe_text(facts.code)}",
                        st.body)]
    return _build(story, title=title, header=header, paper=size)
'''

DRAWER = '''

@draws(FormKind.TRIAL)
def _draw_trial(form: DossierForm) -> bytes:
    from printing import forms

    return forms.render_trial(form.header, form.facts, form.paper)
'''


EDITS: dict[str, Callable[[str], str]] = {
    "desk/domain/printed_forms.py": _registry,
    "printing/forms.py": lambda text: text.rstrip("\n") + "\n" + RENDERER,
    "desk/services/forms.py": lambda text: text.rstrip("\n") + "\n" + DRAWER,
}


def recipe_places() -> set[str]:
    """The files the recipe's numbered steps name (each step begins with its file)."""
    section = RECIPE.read_text(encoding="utf-8").split(RECIPE_HEADING, 1)[1].split("\n### ", 1)[0]
    return set(re.findall(r"^\d+\. `([^`]+)`", section, re.M))


# -- the child process: the copy first on the path ------------------------------------------------------------
CHILD = r'''
import json, os, sys
from datetime import datetime
from pathlib import Path

copy, root, data = sys.argv[1:4]
sys.path[:0] = [copy, root]
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import keyring
from tests.support.keyring_backend import MemoryKeyring
keyring.set_keyring(MemoryKeyring())

import desk, printing
assert Path(desk.__file__).is_relative_to(copy) and Path(printing.__file__).is_relative_to(copy)
from desk.domain.agency import AgencyIdentity
from desk.domain.printed_forms import FORMS, NUMBERED_IN_SETTINGS, printed_form
from desk.paths import DeskPaths
from desk.services.desk import open_desk
from desk.services.forms import DRAWERS
from desk.settings import CounterSettings
from tests.conftest import ADMIN, AGENCY, CLERK
from tests.support.workers import sample_request

services = open_desk(DeskPaths(Path(data)), CounterSettings(), lambda: datetime(2026, 11, 23, 9, 15))
services.agency.save(AgencyIdentity(**AGENCY), actor=ADMIN)
services.counter.save({"form_numbers": {"thu": "Mẫu số 99"}}, actor=ADMIN)  # as the agency dialog saves it
request, version = sample_request(services)
code = services.intake.receive(request, actor=CLERK, procedure_version=version).code
pdf = services.lifecycle.render_form(code, "thu")  # what the Hồ sơ page's print_form("thu") runs

from PySide6.QtWidgets import QApplication
app = QApplication([])
from desk.ui.admin.agency import AgencyDialog
from desk.ui.background import BackgroundRunner
from desk.ui.desk_ref import DeskRef
from desk.ui.signals import DeskSignals

runner, signals = BackgroundRunner(), DeskSignals()
dialog = AgencyDialog(DeskRef.of(services), runner, signals, services.agency.get())
rows = {kind: [edit.text(), edit.placeholderText(), edit.accessibleName()] for kind, edit in dialog.form_edits.items()}
print(json.dumps({
    "code": code, "pdf": str(pdf), "rows": rows, "spoken": printed_form("thu").spoken,
    "registry": [form.kind.value for form in FORMS], "numbered": [kind.value for kind in NUMBERED_IN_SETTINGS],
    "drawers": sorted(kind.value for kind in DRAWERS), "forms_dir": str(services.paths.forms),
}, ensure_ascii=False))
dialog.deleteLater()
runner.shutdown()
services.db.dispose()
'''


def _copy_with_recipe(target: Path) -> set[str]:
    """``desk/`` and ``printing/`` copied under ``target``, the recipe applied; the files that differ from the
    repository's."""
    for package in COPIED:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    for relative, edit in EDITS.items():
        path = target / relative
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return {path.relative_to(target).as_posix() for package in COPIED for path in (target / package).rglob("*")
            if path.is_file() and path.read_bytes() != (ROOT / path.relative_to(target)).read_bytes()}


def test_the_recipe_names_exactly_the_places_this_test_edits():
    assert recipe_places() == set(EDITS)


def test_a_form_added_by_the_recipe_alone_is_numbered_printed_and_reads_back(tmp_path):
    changed = _copy_with_recipe(tmp_path / "code")
    assert changed == set(EDITS)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    child = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "code"), str(ROOT), str(tmp_path / "data")],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert child.returncode == 0, child.stderr[-3000:]
    seen = json.loads(child.stdout.strip().splitlines()[-1])

    # In the registry, numbered by the admin, drawn: nothing but the recipe's steps made it so.
    assert seen["registry"][-1] == "thu" and "thu" in seen["numbered"] and "thu" in seen["drawers"]
    assert seen["spoken"] == "phiếu thử"
    # The agency dialog has its row: the number saved, the default as placeholder, the label.
    assert seen["rows"]["thu"] == ["Mẫu số 99", "Mẫu số 00", "Phiếu thử nghiệm"]
    assert list(seen["rows"]) == seen["numbered"]

    pdf = Path(seen["pdf"])
    assert pdf == Path(seen["forms_dir"]) / f"{seen['code']}-thu.pdf"
    text = pdf_text(pdf.read_bytes())
    assert "PHIẾU THỬ" in text
    assert "Người có hồ sơ: Nguyễn Thị Hoa" in text
    assert seen["code"] in text
    assert "Mẫu số 99" in text  # the number the admin gave it, in the header
    assert "UBND TỈNH ĐẮK LẮK" in text and "Độc lập - Tự do - Hạnh phúc" in text
