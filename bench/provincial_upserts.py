"""Dossier upserts per second over loopback with one keep-alive client, beside a bare FastAPI echo.

Both servers run as separate uvicorn processes on loopback in this run; each is sent the
same JSON bodies (a realistic dossier record) sequentially by one keep-alive httpx.Client each,
in alternating blocks of 50 requests. The upsert
does the whole job: token check, validation, idempotency record, dossier and event in one
SQLite transaction (WAL, synchronous=FULL). Target (issue 3): ≥ 50 % of the echo's rate.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.test_provincial_server import RECORD, DeskClient  # noqa: E402
from tests.support.provincial import ProvincialServer, free_port  # noqa: E402

ECHO_APP = """
from fastapi import FastAPI, Request
from fastapi.responses import Response
app = FastAPI()
@app.put("/echo/{code}")
async def echo(code: str, request: Request):
    return Response(await request.body(), media_type="application/json")
"""


def _rate(send, count: int) -> float:
    start = time.perf_counter()
    for index in range(count):
        send(index)
    return count / (time.perf_counter() - start)


def _interleaved_rates(first, second, count: int, block: int = 50) -> tuple[float, float]:
    """Both series in alternating blocks, so that a machine busier for a few seconds (another
    process, the CPU clock) weighs on both figures alike rather than on whichever ran then."""
    spent = [0.0, 0.0]
    for start in range(0, count, block):
        for side, send in enumerate((first, second)):
            began = time.perf_counter()
            for index in range(start, min(count, start + block)):
                send(index)
            spent[side] += time.perf_counter() - began
    return count / spent[0], count / spent[1]


def run(count: int = 1000) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-province-"))
    (folder / "echo_app.py").write_text(ECHO_APP)
    port = free_port()
    echo = subprocess.Popen([sys.executable, "-m", "uvicorn", "echo_app:app", "--port", str(port), "--log-level",
                             "warning"], cwd=folder)
    server = ProvincialServer(folder / "province").start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": "000.00.53.H16", "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
        desk = DeskClient(server, "000.00.53.H16")
        bodies = [{"client_txn_id": str(uuid.uuid4()), "record": RECORD} for _ in range(count)]
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as plain:
            for _ in range(50):
                try:
                    plain.put("/echo/warm", json=bodies[0])
                    break
                except httpx.ConnectError:
                    time.sleep(0.1)
            echo_rate, upsert_rate = _interleaved_rates(
                lambda i: plain.put(f"/echo/{i}", json=bodies[i]).raise_for_status(),
                lambda i: desk.http.put(f"/api/v1/dossiers/000.00.53.H16-261123-{i + 1:04d}",
                                        json=bodies[i]).raise_for_status(), count)
        replay_rate = _rate(lambda i: desk.http.put(f"/api/v1/dossiers/000.00.53.H16-261123-{i + 1:04d}",
                                                    json=bodies[i]).raise_for_status(), count)
        desk.http.close()
    finally:
        server.stop()
        echo.terminate()
        echo.wait(10)
    return {"dossiers": count, "echo_per_s": echo_rate, "upserts_per_s": upsert_rate,
            "replays_per_s": replay_rate, "ratio": upsert_rate / echo_rate,
            "target_met": upsert_rate / echo_rate >= 0.5}


if __name__ == "__main__":
    from common import report

    report(run())
