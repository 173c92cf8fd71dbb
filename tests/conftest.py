"""Shared fixtures. Qt must never try a real display: CI has none (PLATFORM.md)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"  # everything the tests read lives in the repository
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desk.domain.users import Actor, Role  # noqa: E402
from tests.support.postgres import PostgresCluster, find_pg_bin  # noqa: E402

# The people of the tests: the admin who configured the desk, and the clerk at the counter.
ADMIN = Actor("qtv", "Trần Quản Trị", Role.ADMIN)
CLERK = Actor("lvtam", "Lê Văn Tâm", Role.CLERK)
SUPERVISOR = Actor("gsat", "Lê Văn Tâm", Role.SUPERVISOR)

AGENCY = dict(code="000.00.53.H16", parent_authority="UBND TỈNH ĐẮK LẮK",
              unit_name="Trung tâm Phục vụ hành chính công xã Ea Kar", place_name="Ea Kar",
              portal_base_url="https://dichvucong.daklak.gov.vn")


class FakeClock:
    """Vietnam wall time that a test sets and moves."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test gets an empty in-memory keyring: no test touches a real one."""
    import keyring

    from tests.support.keyring_backend import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 15, 0))


def make_desk(data_dir: Path, clock, database_url: str = "", **settings):
    from desk.domain.agency import AgencyIdentity
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings

    counter = CounterSettings(database_url=database_url, **settings)
    services = open_desk(DeskPaths(data_dir), counter, clock)
    if services.agency.get() is None:
        services.agency.save(AgencyIdentity(**AGENCY), actor=ADMIN)
    return services


@pytest.fixture
def desk(tmp_path, clock):
    services = make_desk(tmp_path / "data", clock)
    yield services
    services.db.dispose()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (PLATFORM.md). CI installs the server; elsewhere it may be absent."""
    if find_pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing: .ci/run must install postgresql")
        pytest.skip("PostgreSQL server binaries are not installed")
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request):
    return pg_cluster.create_database(f"t_{abs(hash(request.node.nodeid)) % 10**10}")
