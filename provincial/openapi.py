"""The committed contract: ``provincial/openapi.json`` is this document; a test fails when they differ."""

from __future__ import annotations

import json
from pathlib import Path

OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"


def generate() -> str:
    from .api import create_app
    from .settings import Settings

    # The document comes from the routes and models alone: the app is not started, no backend is opened.
    document = create_app(Settings()).openapi()
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    OPENAPI_FILE.write_text(generate(), encoding="utf-8")
