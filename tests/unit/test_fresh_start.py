"""Several desks started at the same moment on a fresh database all come up (issue 15: 3 of 4 failed on the
catalog seed), and find the catalog and the calendar seeded exactly once."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from tests.conftest import ROOT
from tests.support.workers import open_fresh


def _start_together(data_dirs: list, url: str) -> list[tuple[int, int]]:
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 4  # every process imported and waiting when the moment comes
    with context.Pool(len(data_dirs)) as pool:
        return pool.starmap(open_fresh, [(str(ROOT), str(d), url, start_at) for d in data_dirs])


@pytest.mark.slow
def test_four_desks_starting_together_on_a_fresh_sqlite_file(tmp_path):
    counts = _start_together([tmp_path / "data"] * 4, "")
    assert len(set(counts)) == 1 and counts[0][0] > 0 and counts[0][1] > 0


@pytest.mark.slow
@pytest.mark.postgres
def test_four_desks_starting_together_on_a_fresh_postgres_database(tmp_path, pg_url):
    counts = _start_together([tmp_path / f"counter{i}" for i in range(4)], pg_url)
    assert len(set(counts)) == 1 and counts[0][0] > 0 and counts[0][1] > 0
