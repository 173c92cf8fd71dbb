"""Schemathesis against the running server: whatever it sends, the answer is never a 500."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.e2e.test_provincial_server import A, DeskClient
from tests.support.provincial import ADMIN_TOKEN, ROOT, ProvincialServer


def _schemathesis(server: ProvincialServer, token: str, *filters: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{server.base_url}/openapi.json",
         "--checks", "not_a_server_error", "--max-examples", "6", "--seed", "20261122", "--workers", "1",
         "--request-timeout", "30", "--phases", "examples,coverage,fuzzing", "-H", f"Authorization: Bearer {token}",
         *filters],
        capture_output=True, text=True, cwd=tmp_path, timeout=600)


@pytest.mark.slow
def test_no_request_makes_the_server_fail(tmp_path):
    server = ProvincialServer(tmp_path / "server", "--public-per-minute", "1000000").start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": A, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
            catalog = json.loads((ROOT / "resources/catalog/procedures.json").read_text(encoding="utf-8"))
            admin.put("/api/v1/admin/catalog", json={"procedures": catalog["procedures"]})
        desk = DeskClient(server, A)
        token = desk.http.headers["Authorization"].split()[1]
        desk.http.close()
        for token_, filters in ((token, ("--exclude-tag", "admin", "--exclude-tag", "simulator")),
                                (ADMIN_TOKEN, ("--include-tag", "admin", "--include-tag", "simulator"))):
            result = _schemathesis(server, token_, *filters, tmp_path=tmp_path)
            assert result.returncode == 0, result.stdout[-4000:]
            assert "passed" in result.stdout
        assert '"status": 500' not in server.log.read_text()
    finally:
        server.stop()
