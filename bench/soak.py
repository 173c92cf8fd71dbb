"""The backend under attack: normal desks' p95 latency quiet and under attack, and the server's memory.

The measurement is tests/e2e/test_soak.py's (4 desks syncing; another process sends chunked bodies far over
the limit, holds 50 long-polls from one desk and guesses tokens): about 45 s, all on loopback. Target: p95
under attack ≤ 2 × the quiet p95, server memory under 200 MB.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.test_soak import MEMORY_BOUND_MB, soak  # noqa: E402


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        result = soak(Path(folder) / "province")
    quiet, attacked = result["quiet"], result["attack"]
    ratio = attacked["p95_ms"] / quiet["p95_ms"]
    return {"quiet_p95_ms": quiet["p95_ms"], "attack_p95_ms": attacked["p95_ms"], "ratio": ratio,
            "memory_peak_mb": attacked["memory_peak_mb"], "memory_bound_mb": MEMORY_BOUND_MB,
            "target_met": ratio <= 2 and attacked["memory_peak_mb"] < MEMORY_BOUND_MB}


if __name__ == "__main__":
    print(run())
