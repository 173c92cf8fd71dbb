"""The committed contract: ``provincial/openapi.json`` is this document; a test fails when they differ."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"


def generate() -> str:
    from .api import create_app
    from .database import ServerDatabase
    from .service import Backend

    with tempfile.TemporaryDirectory() as folder:
        backend = Backend(ServerDatabase(f"sqlite:///{Path(folder, 'x.sqlite3').as_posix()}"), Path(folder), b"k" * 32)
        app = create_app(backend, admin_token="-")
        document = app.openapi()
        backend.db.engine.dispose()
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    OPENAPI_FILE.write_text(generate(), encoding="utf-8")
