"""Keyring backends for tests only (PLATFORM.md: headless Linux has no keyring service).

MemoryKeyring for the test process; FileKeyring (plain JSON, never for real secrets) for the
desk's child processes, selected with PYTHON_KEYRING_BACKEND and DESK_TEST_KEYRING_FILE.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def get_password(self, service, username):
        return self.store.get((service, username))

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def path(self) -> Path:
        return Path(os.environ["DESK_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}|{username}"] = password
        self.path.write_text(json.dumps(data))

    def get_password(self, service, username):
        return self._load().get(f"{service}|{username}")

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}|{username}", None)
        self.path.write_text(json.dumps(data))
