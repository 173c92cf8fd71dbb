"""Official dossier codes never repeat and have no gaps, under concurrency, on both engines."""

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import select

from desk.domain.clock import to_vietnam_local
from desk.domain.errors import DomainError
from desk.store.models import DossierRow
from desk.store.sequences import block_range, next_dossier_code
from tests.conftest import AGENCY, CLERK, ROOT, make_desk
from tests.support.workers import receive_many, sample_request

DAY = "000.00.53.H16-261123-"


def _sequences(codes):
    return sorted(int(code.rsplit("-", 1)[1]) for code in codes)


def _stored_codes(desk):
    with desk.db.read() as session:
        return list(session.scalars(select(DossierRow.code)))


def test_eight_threads_on_one_sqlite_file(desk):
    request, version = sample_request(desk)

    def work(_):
        return [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(12)]

    with ThreadPoolExecutor(8) as pool:
        codes = [code for batch in pool.map(work, range(8)) for code in batch]
    assert _sequences(codes) == list(range(1, 97))
    assert sorted(codes) == sorted(_stored_codes(desk))
    assert all(code.startswith(DAY) for code in codes)


def _run_processes(data_dir, url, processes=4, each=20):
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        batches = pool.starmap(receive_many, [(str(ROOT), str(data_dir), url, each, "2026-11-23T09:15:00")]
                               * processes)
    return [code for batch in batches for code in batch]


@pytest.mark.slow
def test_four_processes_on_one_sqlite_file(tmp_path, clock):
    desk = make_desk(tmp_path / "data", clock)
    codes = _run_processes(tmp_path / "data", "")
    assert _sequences(codes) == list(range(1, 81))
    assert sorted(codes) == sorted(_stored_codes(desk))
    desk.db.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_four_processes_on_one_postgres_database(tmp_path, clock, pg_url):
    desk = make_desk(tmp_path / "data", clock, database_url=pg_url)
    codes = _run_processes(tmp_path / "data", pg_url)
    assert _sequences(codes) == list(range(1, 81))
    assert sorted(codes) == sorted(_stored_codes(desk))
    desk.db.dispose()


def test_day_rolls_over_at_vietnam_midnight_not_utc(desk, clock):
    request, version = sample_request(desk)
    clock.now = to_vietnam_local(datetime.fromisoformat("2026-11-22T16:59:59+00:00"))  # 23:59:59 in Vietnam
    before = [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(2)]
    clock.now = to_vietnam_local(datetime.fromisoformat("2026-11-22T17:00:00+00:00"))  # 00:00 next day
    after = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    assert before == ["000.00.53.H16-261122-0001", "000.00.53.H16-261122-0002"]
    assert after == "000.00.53.H16-261123-0001"


def test_a_failed_transaction_leaves_no_gap(desk):
    request, version = sample_request(desk)
    first = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    with pytest.raises(RuntimeError):
        with desk.db.write() as session:
            next_dossier_code(session, AGENCY["code"], datetime(2026, 11, 23).date())
            raise RuntimeError("power cut before commit")
    second = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    assert _sequences([first, second]) == [1, 2]


def test_standalone_desks_use_disjoint_blocks(tmp_path, clock):
    desk_a = make_desk(tmp_path / "a", clock, code_block=1)
    desk_b = make_desk(tmp_path / "b", clock, code_block=2)
    request, version = sample_request(desk_a)
    codes_a = [desk_a.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(3)]
    codes_b = [desk_b.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(3)]
    assert _sequences(codes_a) == [1001, 1002, 1003]
    assert _sequences(codes_b) == [2001, 2002, 2003]
    assert block_range(0) == (1, 8999)  # 9000–9999: the province's online codes
    with pytest.raises(DomainError):
        block_range(10)
    with pytest.raises(DomainError, match="trực tuyến"):
        block_range(9)  # 9001–9999 would meet the online codes
    desk_a.db.dispose()
    desk_b.db.dispose()
