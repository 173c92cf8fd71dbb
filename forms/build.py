"""Compile every Designer form in this folder to ``ui_<name>.py`` with pyside6-uic.

Run ``python forms/build.py`` after editing a ``.ui`` file; ``--check`` exits 1 when a
compiled file is stale (the test suite runs that check).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

FORMS = Path(__file__).resolve().parent


def compiled_name(ui: Path) -> Path:
    return ui.with_name(f"ui_{ui.stem}.py")


def uic_executable() -> str:
    candidate = Path(sys.executable).with_name("pyside6-uic" + (".exe" if sys.platform == "win32" else ""))
    return str(candidate) if candidate.exists() else "pyside6-uic"


IMPORT_RE = re.compile(r"^from (PySide6\.\w+) import (?:\(([^)]*)\)|([^(\n]*))$", re.MULTILINE)


def trim_imports(source: str) -> str:
    """Keep only the Qt names a form uses.

    uic imports some fifty QtCore/QtGui classes in every form; PySide6 initialises each
    imported type, which costs ≈ 70 ms at start-up for names no form touches.
    """
    header, _, body = source.partition("class Ui_")
    body = "class Ui_" + body

    def keep_used(match: re.Match) -> str:
        listed = match.group(2) if match.group(2) is not None else match.group(3)
        names = [n.strip() for n in listed.replace("\n", " ").split(",") if n.strip()]
        used = [n for n in names if re.search(rf"\b{n}\b", body)]
        if not used:
            return ""
        return f"from {match.group(1)} import ({', '.join(used)})"

    header = IMPORT_RE.sub(keep_used, header)
    header = re.sub(r"\n{3,}", "\n\n", header)
    return header + body


def compile_form(ui: Path) -> str:
    result = subprocess.run([uic_executable(), "-g", "python", str(ui)],
                            capture_output=True, check=True, text=True, encoding="utf-8")
    return trim_imports(result.stdout)


def _comparable(source: str) -> str:
    # The generated header names the uic version; the code below it is what matters.
    return "\n".join(line for line in source.splitlines() if not line.startswith("##"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for ui in sorted(FORMS.glob("*.ui")):
        source = compile_form(ui)
        target = compiled_name(ui)
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if _comparable(current) != _comparable(source):
            stale.append(target.name)
            if not check:
                target.write_text(source, encoding="utf-8", newline="\n")
    if check and stale:
        print("stale compiled forms (run python forms/build.py):", ", ".join(stale))
        return 1
    if not check:
        print("compiled:", ", ".join(stale) or "nothing changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
