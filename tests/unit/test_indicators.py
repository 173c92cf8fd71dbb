"""The centre's numbers (issue 18): a hand-built week of dossiers through the real services, every figure worked
out by hand below; the SQL's timeliness agrees with the domain's; migration 0012 fills the new columns."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from contract.indicators import BY_KEY, Counts, evaluate, points
from contract.periods import Period, PeriodKind
from desk.domain.intake import OutcomeKind, OutcomeRequest, Person
from desk.domain.lifecycle import Collector, timeliness
from desk.services.indicators import IndicatorService
from desk.store.models import DossierRow
from desk.sync.engine import SyncEngine
from tests.conftest import CLERK, make_desk
from tests.support.workers import sample_request
from tests.unit.test_lifecycle import OWNER_ID, receive

WEEK = Period.of(PeriodKind.WEEK, date(2026, 11, 25))  # Mon 23/11 – Sun 29/11/2026
NOW = datetime(2026, 11, 30, 9, 0)  # the Monday after
HANDLER = "Công chức Tư pháp - Hộ tịch"


def at(clock, day: int, hour: int, minute: int = 0) -> None:
    clock.now = datetime(2026, 11, day, hour, minute)


def _received(desk, clock, day, hour, minute) -> str:
    """A marriage-status certificate (1.004873: 3 working days), due 3 working days later at the same time."""
    at(clock, day, hour, minute)
    return receive(desk)


def _result(desk, clock, code, day, hour, minute=0) -> None:
    at(clock, day, hour, minute)
    desk.lifecycle.result_ready(code, actor=CLERK)


def _online(desk, code: str, received: str) -> None:
    engine = SyncEngine(desk.db, client=None, catalog=desk.catalog)
    with desk.db.write() as session:
        engine.apply_online(session, {"code": code, "record": {
            "procedure_code": "2.000884", "procedure_name": "Chứng thực chữ ký", "owner_name": "Phạm Minh Khoa",
            "received_at": received, "identities": [{"kind": 1, "number": "066095001122"}],
            "phone": "0905111222", "documents": [{"name": "Giấy tờ cần ký"}]}})


def _outcome(desk, kind: OutcomeKind) -> None:
    request, version = sample_request(desk, procedure_code="1.004873")
    owner = Person(full_name="Trần Văn Bình", id_number="", address="Khu phố 2, Phường Tuy Hòa")
    desk.intake.record_outcome(OutcomeRequest(kind, owner, request.procedure, ("Tờ khai",), "Thiếu tờ khai có chữ ký"),
                               procedure_version=version, intake_key=f"{kind}-key-0000-0000-000000000000"[:36],
                               actor=CLERK)


def _edit(desk, code: str, **values) -> None:
    """What the services would have written (a scanned paper, a submitter): the row changed through the ORM."""
    with desk.db.write() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        for name, value in values.items():
            setattr(row, name, value(row) if callable(value) else value)


def _digitized(mark: int):
    return lambda row: [dict(row.documents[0], digitized=mark), *row.documents[1:]]


def build_week(desk, clock) -> dict[str, str]:
    """The week's dossiers, each with its story; returns their codes by letter."""
    life, c = desk.lifecycle, {}
    c["A"] = _received(desk, clock, 23, 9, 15)  # due Thu 26/11 09:15
    at(clock, 23, 10)
    life.send_to_handler(c["A"], HANDLER, actor=CLERK)
    _result(desk, clock, c["A"], 25, 15)  # early: a day before
    at(clock, 26, 8, 30)
    life.return_result(c["A"], Collector("Nguyễn Thị Hoa", OWNER_ID, True), actor=CLERK)
    life.rate(c["A"], 1)
    _edit(desk, c["A"], documents=_digitized(1))  # one paper scanned at the counter
    c["B"] = _received(desk, clock, 23, 9, 20)  # due 26/11 09:20
    _result(desk, clock, c["B"], 26, 9)  # on time: the due day, before the hour
    at(clock, 26, 10)
    life.return_result(c["B"], Collector("Nguyễn Thị Hoa", OWNER_ID, True), actor=CLERK)
    life.rate(c["B"], 2)
    _edit(desk, c["B"], documents=_digitized(2))  # one paper reused from an earlier dossier
    c["C"] = _received(desk, clock, 23, 9, 25)  # due 26/11 09:25
    _edit(desk, c["C"], submitter_name="Trần Văn Bình", submitter_id_number="066090001234")  # nộp thay
    _result(desk, clock, c["C"], 27, 10)  # late
    c["D"] = _received(desk, clock, 23, 9, 30)  # due 26/11 09:30, then again after the supplement
    at(clock, 23, 14)
    life.request_supplement(c["D"], ["Tờ khai"], "Tờ khai chưa ký", actor=CLERK)
    at(clock, 24, 9)
    life.record_supplement(c["D"], ["Tờ khai"], actor=CLERK)  # a new promise: Fri 27/11 09:00
    _result(desk, clock, c["D"], 27, 8)  # on time against the new promise
    c["E"] = _received(desk, clock, 23, 9, 35)  # due 26/11 09:35
    at(clock, 23, 10)
    life.request_supplement(c["E"], ["Tờ khai"], "Tờ khai sai mẫu", actor=CLERK)
    at(clock, 25, 10)
    life.refuse(c["E"], "Công dân không bổ sung được giấy tờ", actor=CLERK)  # finished early (a refusal)
    c["G"] = _received(desk, clock, 23, 9, 40)  # due 26/11 09:40
    at(clock, 26, 10)
    life.apologize(c["G"], datetime(2026, 11, 27, 17), "Chờ xác minh nơi cư trú", actor=CLERK)  # no basis
    _result(desk, clock, c["G"], 27, 9)  # late: an apology does not move the deadline
    c["H"] = _received(desk, clock, 23, 9, 45)  # due 26/11 09:45
    at(clock, 25, 10)
    life.apologize(c["H"], datetime(2026, 11, 27, 17), "Cần xác minh", actor=CLERK,
                   extension_basis="Điều 18 Luật Hộ tịch 2014")  # lawful: due Fri 27/11 17:00
    _result(desk, clock, c["H"], 27, 16)  # on time against the extension
    c["K"] = _received(desk, clock, 23, 9, 55)
    at(clock, 24, 10)
    life.stop(c["K"], "Không thuộc trường hợp được cấp", "Điều 22 Nghị định 123/2015", actor=CLERK)  # early
    c["I"] = "000.00.53.H16-261123-9999"
    _online(desk, c["I"], "2026-11-23T07:00:00+07:00")
    at(clock, 23, 9, 50)
    life.accept_online(c["I"], actor=CLERK)  # same-day procedure: due 23/11 17:00, never finished: late now
    c["J"] = "000.00.53.H16-261123-9998"
    _online(desk, c["J"], "2026-11-23T08:00:00+07:00")  # still waiting in the inbox
    c["L"] = _received(desk, clock, 27, 10, 0)  # due Wed 2/12 10:00: due soon on Monday 30/11
    at(clock, 27, 11)
    life.send_to_handler(c["L"], HANDLER, actor=CLERK)
    at(clock, 24, 9)
    _outcome(desk, OutcomeKind.REFUSAL)  # refused at the counter, no dossier
    _outcome(desk, OutcomeKind.GUIDANCE)
    clock.now = NOW
    return c


# Each figure of the week, worked out by hand from the stories above.
EXPECTED = [
    ("received_counter", 9, "A B C D E G H K L"),
    ("received_online", 1, "I, accepted"),
    ("received_postal", 0, ""),
    ("received_assisted", 1, "C"),
    ("online_waiting", 1, "J"),
    ("online_not_accepted", 0, ""),
    ("finished_early", 3, "A (a day before), E (refused a day before), K (stopped two days before)"),
    ("finished_on_time", 3, "B (same day, earlier hour), D (new promise after the supplement), H (lawful extension)"),
    ("finished_late", 2, "C, G (apology without a legal basis)"),
    ("finished_undated", 0, ""),
    ("finished_with_result", 6, "A B C D G H"),
    ("stopped", 1, "K"),
    ("withdrawn", 0, ""),
    ("supplement_requests", 2, "D, E"),
    ("refusals", 1, "E"),
    ("refusals_at_counter", 1, "Mẫu 03 at the counter"),
    ("guidance_given", 1, "Mẫu 02 at the counter"),
    ("digitized_dossiers", 2, "A scanned, B reused"),
    ("reused_dossiers", 1, "B"),
    ("digitized_documents", 1, "A's paper"),
    ("reused_documents", 1, "B's paper"),
    ("returned", 2, "A, B"),
    ("rated_very_satisfied", 1, "A"),
    ("rated_satisfied", 1, "B"),
    ("rated_unsatisfied", 0, ""),
    ("in_progress", 2, "I (accepted), L (with the handler)"),
    ("waiting_supplement", 0, ""),
    ("late_open", 1, "I: due 23/11 17:00"),
    ("due_soon", 1, "L: due Wed 2/12, within two working days of Mon 30/11"),
    ("carried_over", 0, "nothing before Monday"),
    ("open_at_end", 2, "I, L"),
    ("open_late_at_end", 1, "I"),
    # Minutes from receipt to result: A 2d 5h45 = 3225, B 3d −20' = 4300, C 4d +35' = 5795, D 4d −90' = 5670,
    # G 4d −40' = 5720, H 4d +6h15 = 6135; mean 30845 / 6; nearest rank ⌈0.9 × 6⌉ = 6th: 6135.
    ("handling_avg_minutes", 5140.8, "30845 / 6"),
    ("handling_p90_minutes", 6135.0, "H"),
]


@pytest.fixture
def week(desk, clock):
    codes = build_week(desk, clock)
    return IndicatorService(desk.db, clock, desk.calendar.calendar), codes


@pytest.mark.parametrize("name, expected, why", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_figure_of_the_week(week, name, expected, why):
    service, _codes = week
    assert getattr(service.counts(WEEK), name) == expected, why


def test_qd766_scores_of_the_week(week):
    service, _codes = week
    values = {v.indicator.key: v for v in evaluate(service.counts(WEEK))}
    # 2.1: (early 3 + on time 3 + open in time 1 (L)) / (finished 8 + open at the end 2) = 0.7 → 0.7 × 20.
    assert values["766.2.1"].value == pytest.approx(0.7) and values["766.2.1"].points == 14
    assert values["766.3.3"].value == pytest.approx(0.1)  # 1 online of 10 received; no points given
    assert values["766.4.2"].points == 1.0  # 2/10 = 20 % < 80 %: 0.2 × 4 / 0.8
    assert values["766.4.3"].points == 0.25  # 1/10: 0.1 × 2 / 0.8
    # 5.4: 100 % − (late 2/8 + "không hài lòng" 0/2) = 75 % < 90 %: 0.75 × 6 / 0.9 = 5.
    assert values["766.5.4"].value == pytest.approx(0.75) and values["766.5.4"].points == 5.0
    assert values["satisfied_share"].value == 1.0 and values["received"].value == 10
    assert values["766.5.1-5.3"].value is None and BY_KEY["766.5.1-5.3"].cannot_know


def test_sql_timeliness_agrees_with_the_domain(week, desk):
    service, _codes = week
    with desk.db.read() as session:
        rows = session.execute(select(DossierRow.finished_at, DossierRow.deadline_at)
                               .where(DossierRow.finished_at.is_not(None))).all()
    judged = [timeliness(finished, deadline).name for finished, deadline in rows]
    counts = service.counts(WEEK)
    assert (judged.count("EARLY"), judged.count("ON_TIME"), judged.count("LATE")) == (
        counts.finished_early, counts.finished_on_time, counts.finished_late)


def test_late_list_filters_and_per_procedure(week, desk):
    service, codes = week
    late = service.late_list(WEEK)
    assert [(d.code, d.deadline_at, d.days_late) for d in late] == [(codes["I"], datetime(2026, 11, 23, 17), 7)]
    # The clerk who received them: J, still waiting in the inbox, has none yet.
    assert service.counts(WEEK, clerk=CLERK.full_name) == replace(service.counts(WEEK), online_waiting=0)
    assert service.counts(WEEK, clerk="Người khác") == Counts()
    sector = desk.catalog.get("1.004873").template.sector
    assert service.counts(WEEK, sector=sector).received == 9  # every counter dossier, not the online one
    assert service.counts(WEEK, procedure="2.000884").received_online == 1
    lines = {line.procedure_code: line for line in service.per_procedure(WEEK)}
    assert set(lines) == {"1.004873", "2.000884"}
    assert lines["1.004873"].counts.received == 9 and lines["1.004873"].counts.guidance_given == 1
    assert lines["1.004873"].counts.handling_p90_minutes == 6135.0
    assert (lines["2.000884"].counts.late_open, lines["2.000884"].counts.online_waiting) == (1, 1)
    assert service.counts(Period.of(PeriodKind.TODAY, NOW.date())).received == 0


def test_the_overview_reads_the_same_figures_in_one_pass(week):
    """Tổng quan asks ``overview``: the whole summed from the procedures' lines, with the p90, steps and counter
    outcomes read for the whole — equal to ``counts`` and ``per_procedure`` asked apart."""
    service, _codes = week
    whole, lines = service.overview(WEEK)
    assert whole == service.counts(WEEK)
    apart = {line.procedure_code: line.counts for line in service.per_procedure(WEEK)}
    assert {line.procedure_code: line.counts.received for line in lines} == {k: v.received for k, v in apart.items()}
    assert service.overview(WEEK, clerk="Người khác") == (Counts(), [])


def test_periods_and_points():
    assert Period.of("quarter", date(2026, 11, 30)) == Period(date(2026, 10, 1), date(2026, 12, 31),
                                                              PeriodKind.QUARTER)
    assert Period.of("month", date(2024, 2, 10)).last == date(2024, 2, 29)
    assert Period.of("week", date(2026, 11, 29)).first == date(2026, 11, 23)  # a Sunday ends its week
    assert Period.custom(date(2026, 1, 1), date(2026, 1, 1)).end == datetime(2026, 1, 2)
    with pytest.raises(ValueError):
        Period.custom(date(2026, 1, 2), date(2026, 1, 1))
    assert points(0.85, 4, 0.8) == 4 and points(0.4, 4, 0.8) == 2 and points(None, 4, 0.8) is None


def test_derived_columns_follow_every_write(desk, clock):
    code = receive(desk)
    _edit(desk, code, documents=lambda row: [dict(d, digitized=m) for d, m in zip(row.documents, (1, 3))])
    with desk.db.read() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        assert (row.digitized_documents, row.reused_documents) == (1, 1)  # 1: scanned here; 2, 3: reused
        assert row.sector == desk.catalog.get("1.004873").template.sector != ""
        assert row.finished_at is None


def _backfilled(data_dir, clock, database_url: str = "") -> None:
    """A database taken back to 0011 (the new columns gone) and brought forward: every dossier gets back what
    the writers had set."""
    from tests.unit.test_store import _downgrade

    desk = make_desk(data_dir, clock, database_url)
    build_week(desk, clock)
    columns = (DossierRow.code, DossierRow.finished_at, DossierRow.sector, DossierRow.digitized_documents,
               DossierRow.reused_documents)
    with desk.db.read() as session:
        before = session.execute(select(*columns).order_by(DossierRow.code)).all()
    assert sum(1 for row in before if row.finished_at) == 8 and {row.sector for row in before} != {""}
    _downgrade(desk.db, "0011")
    assert desk.db.migrate() is True
    with desk.db.read() as session:
        assert session.execute(select(*columns).order_by(DossierRow.code)).all() == before
    assert IndicatorService(desk.db, clock, desk.calendar.calendar).counts(WEEK).finished_late == 2
    desk.db.dispose()


def test_migration_0012_backfills_on_sqlite(tmp_path, clock):
    _backfilled(tmp_path / "data", clock)


@pytest.mark.postgres
def test_migration_0012_backfills_and_indicators_agree_on_postgres(tmp_path, clock, pg_url):
    _backfilled(tmp_path / "data", clock, pg_url)
    desk = make_desk(tmp_path / "pg2", clock, pg_url)  # the same database: the week's figures as on SQLite
    service = IndicatorService(desk.db, clock, desk.calendar.calendar)
    counts = service.counts(WEEK)
    for name, expected, why in EXPECTED:
        assert getattr(counts, name) == expected, (name, why)
    assert [line.procedure_code for line in service.per_procedure(WEEK)] == ["1.004873", "2.000884"]
    desk.db.dispose()


def test_counts_of_an_empty_desk(desk, clock):
    service = IndicatorService(desk.db, clock)
    assert service.counts(WEEK) == Counts() and service.per_procedure(WEEK) == [] and service.late_list(WEEK) == []
    assert replace(Counts(), received_counter=3).received == 3
