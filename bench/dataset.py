"""Realistic desk databases of any size for the benchmarks: built once, fast, and cached.

``build(data_dir, count)`` makes a real desk (``open_desk``: migrated, catalog and calendar seeded, agency saved),
then writes ``count`` dossiers with the raw ``sqlite3`` module, as eight years of a busy Đắk Lắk commune leave
them: Kinh and Êđê names of people who come back, codes ``<agency>-yymmdd-NNNN`` on the calendar's working days
(online ones 9NNN), 12-digit IDs and 9-digit old ones, phones, the seeded procedures (each template stored once),
appointments from the desk's calendar, statuses as the years leave them (≈ 95 % returned, recent ones in
progress, some waiting for papers, refused, withdrawn), and for each dossier the rows the services write along its
life (services intake, lifecycle, sync): one step, one audit entry (hash-chained as desk/store/audit_chain.py
does: the chain verifies) and one outbox message (sent, but for the last two hours) per action, all written in the
order of the moments they stand for. The full-text index is kept by its triggers during the load, as on a desk
(nothing is rebuilt after). PRAGMA synchronous is OFF during the load only.

``cached(count)`` builds once per (count, seed, schema, generator) under $MOTCUA_BENCH_DATA (default
/tmp/motcua-bench-data); ``working_copy(count, into)`` copies it for a bench that writes.
Usage: python bench/dataset.py [COUNT] [SEED] — builds (or finds) the cached database and prints its figures.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import random
import shutil
import sqlite3
import sys
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from contract.indicators import FINISHED_STATUSES  # noqa: E402
from desk.domain.agency import AgencyIdentity  # noqa: E402
from desk.domain.status import DossierStatus  # noqa: E402
from desk.domain.text import dossier_search_key  # noqa: E402
from desk.store.audit_chain import entry_hash  # noqa: E402

CACHE = Path(os.environ.get("MOTCUA_BENCH_DATA", "/tmp/motcua-bench-data"))
AGENCY = AgencyIdentity("000.00.53.H16", "UBND TỈNH ĐẮK LẮK", "Trung tâm Phục vụ hành chính công xã Ea Kar",
                        "Ea Kar", "https://dichvucong.daklak.gov.vn")
FIRST_DAY, LAST_DAY = date(2018, 11, 26), date(2026, 11, 23)
END = datetime(2026, 11, 23, 17, 0)  # nothing in the data happens after this
NOW = datetime(2026, 11, 24, 9, 15)  # the benches' clock: the next working morning
RARE_NAME, RARE_COUNT = "Quách Thị Diệp", 3  # written exactly this many times, at fixed places
UNIT = "Bộ phận Một cửa"
BATCH = 20_000  # dossiers a transaction
_S = DossierStatus

KINH_SURNAMES = {"Nguyễn": 380, "Trần": 110, "Lê": 95, "Phạm": 70, "Hoàng": 30, "Huỳnh": 20, "Phan": 45, "Vũ": 20,
                 "Võ": 19, "Đặng": 21, "Bùi": 20, "Đỗ": 14, "Hồ": 13, "Ngô": 13, "Dương": 10, "Lý": 5, "Đinh": 6,
                 "Trương": 6, "Lương": 3, "Mai": 3}
MIDDLE = {"Nam": ("Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Quốc", "Thanh", "Xuân", "Đình"),
          "Nữ": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Xuân", "Thị Thu", "Thị Ngọc")}
GIVEN = {"Nam": ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Phúc", "Quân", "Huy", "Hiếu", "Thắng", "Cường", "Hải", "Sơn",
                 "Bình", "Đạt", "An", "Tâm", "Khoa", "Trung", "Việt", "Thành", "Khánh", "Duy", "Lộc", "Tài", "Tùng",
                 "Kiên", "Vinh", "Bảo", "Thịnh", "Hòa", "Hoa", "Toàn", "Phong", "Lâm", "Định", "Đông", "Hưng"),
         "Nữ": ("Hoa", "Hà", "Mai", "Lan", "Hương", "Hằng", "Linh", "Trang", "Thảo", "Yến", "Nhung", "Phương", "Vy",
                "Ngân", "Tú", "Nga", "Oanh", "Hạnh", "Hiền", "Loan", "Thủy", "Liên", "Hồng", "Cúc", "Tâm", "An",
                "Huyền", "Dung", "Ly", "Nhi", "Quyên", "Trinh", "Vân", "Châu", "Giang", "Tuyết", "Ánh")}
EDE_CLANS = ("Niê", "Niê", "Êban", "Byă", "Ksor", "Mlô", "Buôn Yă", "Adrơng", "Hwing", "Kpă", "Ayun", "Êya", "Mdrang",
             "Knul", "Hđơk", "Bkrông", "Niê Kdăm", "Rcom", "Ktla")
EDE_GIVEN = {"Nam": ("Sơn", "Khoa", "Blông", "Điêng", "Juê", "Wang", "Thuột", "Ngun", "Bhiăm", "Tlam", "Djuê", "Bun",
                     "Jôn", "Moan", "Kuăo", "Dhuôn", "Nuê", "Krư", "Mưn", "Sing", "Khăm"),
             "Nữ": ("Luân", "Hen", "Linh", "Mai", "Zen", "Ngơm", "Blúp", "Djuen", "Nhi", "Ruth", "Wen", "Jum", "Yơn",
                    "Hra", "Bia", "Xíu", "Bhuê", "Ni", "Loan", "Thu")}
PHONE_PREFIXES = ("090", "091", "093", "094", "096", "097", "098", "086", "032", "033", "034", "035", "036", "037",
                  "038", "039", "070", "079", "077", "081", "082", "083", "084", "085", "088", "056", "058")
VILLAGES = ("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn Tân Lập", "Thôn Quyết Thắng",
            "Buôn Ea Sar", "Buôn Trưng", "Buôn Kmang", "Buôn Ea Kắt", "Buôn Tơ Lơ")
PROCEDURE_WEIGHTS = {"2.000815": 34, "2.000884": 15, "1.001193": 10, "2.000635": 9, "1.004873": 8, "CT.HDGD": 6,
                     "1.000894": 4, "1.000656": 3, "1.004859": 3, "1.011607": 4, "1.001612": 2, "1.004884": 2}
CLERKS = (("Nguyễn Thị Mai", "Quầy 1"), ("Lê Văn Tùng", "Quầy 2"), ("H'Linh Niê", "Quầy 3"),
          ("Trần Thị Thu Hà", "Quầy 1"))
HANDLERS = ("Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng", "Văn phòng HĐND và UBND xã",
            "Công chức Văn hóa - Xã hội")
# Final status by age (days before END): (status, probability), cumulative draw.
OLD = ((_S.RETURNED, .952), (_S.REFUSED, .010), (_S.WITHDRAWN, .007), (_S.STOPPED, .003),
       (_S.SUPPLEMENT_REQUESTED, .012), (_S.RESULT_READY, .008), (_S.PROCESSING, .004), (_S.RECEIVED, .003),
       (_S.FINANCIAL_OBLIGATION, .001))
MONTH = ((_S.RETURNED, .80), (_S.RESULT_READY, .06), (_S.PROCESSING, .05), (_S.RECEIVED, .02),
         (_S.SUPPLEMENT_REQUESTED, .04), (_S.FINANCIAL_OBLIGATION, .01), (_S.REFUSED, .01), (_S.WITHDRAWN, .01))
RECENT = ((_S.RETURNED, .35), (_S.RESULT_READY, .15), (_S.PROCESSING, .22), (_S.RECEIVED, .15),
          (_S.SUPPLEMENT_REQUESTED, .06), (_S.FINANCIAL_OBLIGATION, .02), (_S.REFUSED, .02), (_S.WITHDRAWN, .01),
          (_S.NEW_ONLINE, .02))

DOSSIER_COLUMNS = ("code, agency_code, status, channel, received_at, appointment_at, promised_at, deadline_at, "
                   "procedure_code, procedure_name, "
                   "procedure_version, procedure_snapshot_id, owner_name, owner_id_number, owner_old_id_number, "
                   "owner_birth_date, owner_gender, owner_address, owner_issue_date, phone, email, submitter_name, "
                   "submitter_id_number, documents, extra_values, fee_amount, pages, copies, sets, note, ledger_book, "
                   "ledger_line, clerk_name, counter_name, search_key, province_event_id, returned_at, rating, "
                   "intake_key, receipt_seal, receipt_unsigned, created_utc, updated_utc, finished_at, sector, "
                   "digitized_documents, reused_documents")
INSERTS = {name: f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * (columns.count(',') + 1))})"
           for name, table, columns in (
               ("dossier", "dossier", DOSSIER_COLUMNS),
               ("step", "dossier_step", "dossier_code, at, kind, from_status, to_status, actor, unit, note, due_at, "
                                        "source, details"),
               ("audit", "audit_log", "at_utc, actor, action, entity, entity_id, details, seq, prev_hash, hash"),
               ("outbox", "outbox", "created_utc, dossier_code, kind, client_txn_id, payload, attempts, sent_utc, "
                                    "last_error, state"))}


def stamp(moment: datetime | None) -> str | None:
    """A DateTime as SQLAlchemy stores it in SQLite."""
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def iso_vn(moment: datetime) -> str:  # a moment in Vietnam time as the contract writes it
    return moment.isoformat() + "+07:00"


def _fingerprint() -> str:
    """What a cached database's rows depend on: this generator, which writes the newest schema's columns. A newer
    migration alone does not rebuild it: ``cached`` brings it up to date as a desk's upgrade would."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]


def cache_dir(count: int, seed: int = 7) -> Path:
    return CACHE / f"desk-{count}-seed{seed}-{_fingerprint()}"


def cached(count: int, *, seed: int = 7) -> Path:
    """The data directory of a cached desk holding ``count`` dossiers, built first if missing, migrated to head."""
    from desk.store.database import Database, sqlite_url

    target = cache_dir(count, seed)
    if not (target / "build.json").exists():
        partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        build(partial, count, seed=seed)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    (database := Database(sqlite_url(target / "desk.sqlite3"))).migrate()
    database.dispose()
    return target


def working_copy(count: int, into: Path, *, seed: int = 7) -> Path:
    """A copy of the cached desk in ``into`` (a new data directory) for a bench that writes."""
    source = cached(count, seed=seed)
    into.mkdir(parents=True, exist_ok=True)
    for name in (n for n in ("desk.sqlite3", "settings.json", "build.json") if (source / n).exists()):
        shutil.copyfile(source / name, into / name)
    return into


def build_info(data_dir: Path) -> dict:
    return json.loads((Path(data_dir) / "build.json").read_text(encoding="utf-8"))


# -- people ------------------------------------------------------------------------------------------------
def _name(rng: random.Random, gender: str) -> str:
    if rng.random() < 0.78:
        middle = rng.choice(MIDDLE[gender])
        given = rng.choice(GIVEN[gender])
        extra = f" {rng.choice(GIVEN[gender])}" if rng.random() < 0.08 else ""
        surname = rng.choices(list(KINH_SURNAMES), weights=list(KINH_SURNAMES.values()))[0]
        return f"{surname} {middle}{extra} {given}"
    if rng.random() < 0.05:  # a parent named after the first child
        return f"{'Ama' if gender == 'Nam' else 'Amí'} {rng.choice(EDE_GIVEN['Nam'] + EDE_GIVEN['Nữ'])}"
    prefix = "Y" if gender == "Nam" else rng.choice(("H'", "H "))
    return f"{prefix}{'' if prefix.endswith(chr(39)) else ' '}{rng.choice(EDE_GIVEN[gender])} {rng.choice(EDE_CLANS)}"


def person(rng: random.Random) -> tuple:
    """(name, gender, 12-digit ID, 9-digit old ID or "", birth date, phone or "", address)."""
    gender = rng.choice(("Nam", "Nữ"))
    born = date(rng.randint(1940, 2007), rng.randint(1, 12), rng.randint(1, 28))
    century = (0 if born.year < 2000 else 2) + (gender == "Nữ")
    id12 = f"066{century}{born.year % 100:02d}{rng.randrange(10 ** 6):06d}"
    old9 = f"24{rng.randrange(10 ** 7):07d}" if born.year < 2000 and rng.random() < 0.6 else ""
    phone = "" if rng.random() < 0.08 else f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10 ** 7):07d}"
    address = f"{rng.choice(VILLAGES)}, Xã Ea Kar, Tỉnh Đắk Lắk"
    return (_name(rng, gender), gender, id12, old9, born, phone, address)


# -- the desk as it starts ----------------------------------------------------------------------------------
def _open_real_desk(data_dir: Path):
    """A real desk: migrated, catalog and calendar seeded, agency saved. (services, procedures, calendar)"""
    from sqlalchemy import select

    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from desk.store.models import ProcedureRow
    from desk.store.snapshots import intern_snapshot

    services = open_desk(DeskPaths(Path(data_dir)), CounterSettings(), clock=lambda: NOW)
    services.agency.save(AGENCY, actor=Actor.system("bench"))
    with services.db.read() as session:
        codes = list(session.scalars(select(ProcedureRow.code).where(ProcedureRow.is_current)))
    with services.db.write() as session:  # each template version stored once, as intake does
        stored = {code: intern_snapshot(session, services.catalog.get(code).template.to_dict()).id for code in codes}
    procedures = {}
    for code in codes:
        template = (entry := services.catalog.get(code)).template
        procedures[code] = SimpleNamespace(
            code=code, version=entry.version, name=template.name, processing=template.processing,
            sector=template.sector, snapshot=stored[code], fee=template.to_dict()["fee"],
            documents=[d.to_dict() for d in template.documents],
            extra=[(f.key, f.type) for f in template.extra_fields], weight=PROCEDURE_WEIGHTS.get(code, 1))
    return services, procedures, services.calendar.calendar()


def _fee(procedure, pages: int, copies: int) -> int:
    kind = (fee := procedure.fee).get("kind")
    if kind == "fixed":
        return int(fee["amount"])
    if kind == "per_copy":
        return int(fee["amount"]) * copies
    if kind == "per_page":
        per_copy = 2000 * min(pages, 2) + 1000 * max(0, pages - 2)
        return min(per_copy, int(fee.get("cap_per_copy") or per_copy)) * copies
    return 30_000 if kind == "unset" else 0


def _extra_values(procedure, rng: random.Random) -> dict:
    typed = {"date": lambda: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2018, 2026)}",
             "choice": lambda: rng.choice(("Nam", "Nữ")), "yes_no": lambda: "Không",
             "number": lambda: str(rng.randrange(10, 500) * 1_000_000)}
    return {key: typed[kind]() if kind in typed else _name(rng, rng.choice(("Nam", "Nữ"))) if key.endswith("name")
            else "Sử dụng cá nhân" for key, kind in procedure.extra}


# -- days and dossiers ---------------------------------------------------------------------------------------
def plan_days(calendar, count: int, rng: random.Random) -> list[tuple[date, int]]:
    """Working days from FIRST_DAY to LAST_DAY, each with its number of dossiers (busier in later years and
    on Mondays); exactly ``count`` in all."""
    days, weights, day = [], [], FIRST_DAY
    while day <= LAST_DAY:
        if calendar.is_working_day(day):
            days.append(day)
            weights.append((0.7 + 0.08 * (day.year - FIRST_DAY.year)) * (1.25 if day.weekday() == 0 else 1.0))
        day += timedelta(days=1)
    drawn = Counter(rng.choices(range(len(days)), weights=weights, k=count))
    return [(days[i], drawn[i]) for i in range(len(days))]


def _moments(day: date, n: int, rng: random.Random) -> list[tuple[datetime, bool]]:
    """The day's arrivals, in order: (moment, online). Counters open 7:00–11:30 and 13:30–17:00."""
    midnight, out = datetime.combine(day, datetime.min.time()), []
    for _ in range(n):
        online = rng.random() < 0.08  # the portal takes applications 6:00–22:00 here
        minute = rng.randrange(6 * 60, 22 * 60) if online else rng.randrange(8 * 60)
        minute += 0 if online else 7 * 60 if minute < 270 else 9 * 60
        out.append((midnight + timedelta(minutes=minute, seconds=rng.randrange(60)), online))
    return sorted(out)


def _office(moment: datetime) -> datetime:
    """The same moment, or the next working morning when it falls after hours or on a weekend."""
    if moment.hour >= 17 or moment.hour < 7:
        moment = moment.replace(hour=7, minute=30) + timedelta(days=1 if moment.hour >= 17 else 0)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


def _final_status(received: datetime, online: bool, rng: random.Random) -> DossierStatus:
    age = (END - received).days
    table = RECENT if age <= 3 else MONTH if age <= 30 else OLD
    r, acc = rng.random(), 0.0
    for status, p in table:
        acc += p
        if r < acc:
            return _S.RECEIVED if status is _S.NEW_ONLINE and not online else status
    return _S.RETURNED


class Loader:
    """Writes dossiers as they arrive and the steps, audit entries and outbox messages of their lives in the order
    of their moments (a heap of what is still to happen), in large transactions, keeping the audit chain."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random, procedures: dict, calendar, seq: int,
                 head: str):
        self.conn, self.rng, self.calendar = conn, rng, calendar
        self.procedures = list(procedures.values())
        self.weights = [p.weight for p in self.procedures]
        self.seq, self.head, self.pending, self.order = seq, head, [], 0
        self.rows: dict[str, list] = {name: [] for name in INSERTS}
        self.ledger, self.counters, self.people = Counter(), {}, []

    # -- the writing -----------------------------------------------------------------------------------------
    def flush(self) -> None:
        for name, rows in self.rows.items():
            if rows:
                self.conn.executemany(INSERTS[name], rows)
                rows.clear()
        self.conn.commit()

    def happen_until(self, moment: datetime) -> None:
        while self.pending and self.pending[0][0] < moment:
            self._write_event(heapq.heappop(self.pending)[2])

    def _later(self, at: datetime, event: dict) -> None:
        self.order += 1
        heapq.heappush(self.pending, (at, self.order, event))

    def _write_event(self, e: dict) -> None:
        code, at = e["code"], e["at"]
        if e.get("step"):
            self.rows["step"].append((code, stamp(at), e["kind"], int(e["from"]), int(e["to"]), e["actor"],
                                      e.get("unit", UNIT), e.get("note", ""), stamp(e.get("due")),
                                      e.get("source", "desk"), json.dumps(e.get("details", {}))))
        at_utc = at - timedelta(hours=7, microseconds=-self.rng.randrange(10 ** 6))
        if e.get("audit"):
            action, details = e["audit"]
            self.seq += 1
            entry = SimpleNamespace(at_utc=at_utc, actor=e["audit_actor"], action=action, entity="dossier",
                                    entity_id=code, details=details)
            digest = entry_hash(self.seq, self.head, entry)
            self.rows["audit"].append((stamp(at_utc), entry.actor, action, "dossier", code, json.dumps(details),
                                       self.seq, self.head, digest))
            self.head = digest
        if e.get("outbox"):
            kind, payload = e["outbox"]
            sent = at < END - timedelta(hours=2)
            txn = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            self.rows["outbox"].append((stamp(at_utc), code, kind, txn, json.dumps(payload), 1 if sent else 0,
                                        stamp(at_utc + timedelta(seconds=self.rng.randrange(1, 600))) if sent
                                        else None, "", "sent" if sent else "pending"))

    # -- the dossiers ------------------------------------------------------------------------------------------
    def who(self) -> tuple:
        """A citizen: often one who came before (people come back), else a new one."""
        if self.people and self.rng.random() < 0.6:
            return self.people[int(len(self.people) * self.rng.random() ** 0.5)]
        someone = person(self.rng)
        self.people.append(someone)
        return someone

    def day(self, day: date, n: int, rare_at: set[int], index: int) -> int:
        """Write the day's ``n`` dossiers (and what happened before they came); the next dossier's index."""
        self.happen_until(datetime.combine(day, datetime.min.time()))
        counter_no, online_no = 0, 9000
        for received, online in _moments(day, n, self.rng):
            self.happen_until(received)
            online_no, counter_no = online_no + online, counter_no + (not online)
            code = f"{AGENCY.code}-{received:%y%m%d}-{online_no if online else counter_no:04d}"
            owner = self.who()
            if index in rare_at:
                owner = (RARE_NAME,) + owner[1:]
            self._dossier(code, received, online, owner)
            index += 1
        if counter_no:
            self.counters[f"dossier/{AGENCY.code}/{day:%y%m%d}/b0"] = counter_no
        return index

    def _dossier(self, code: str, received: datetime, online: bool, owner: tuple) -> None:
        rng = self.rng
        procedure = rng.choices(self.procedures, weights=self.weights)[0]
        name, gender, id12, old9, born, phone, address = owner
        id_number, old = id12, old9 if rng.random() < 0.2 else ""
        if old9 and received.year < 2021 and rng.random() < 0.5:
            id_number, old = old9, ""
        submitter, submitter_id = ("", "")
        if not online and rng.random() < 0.1:
            other = self.who()
            submitter, submitter_id = other[0], other[2]
        story = Life(rng, self.calendar, code, received, procedure, owner_name=name, id_number=id_number)
        story.live(_final_status(received, online, rng), online)
        pages, copies = rng.choice((1, 1, 2, 3, 5, 12)), rng.choice((1, 1, 1, 2, 3))
        clerk, counter = (story.clerk, story.counter) if story.accepted else ("", "")
        ledger_book, line = "", 0
        if story.accepted:
            ledger_book = f"01/{received.year}"
            self.ledger[received.year] += 1
            line = self.ledger[received.year]
        documents = json.dumps([dict(d, received=True, digitized=0) for d in procedure.documents])
        created = received - timedelta(hours=7)
        updated = max((e["at"] for e in story.events), default=received) - timedelta(hours=7)
        search_key = (dossier_search_key(name, "", code, id_number, phone) if online else
                      dossier_search_key(name, submitter, code, id_number, old, phone, submitter_id))
        self.rows["dossier"].append((
            code, AGENCY.code, int(story.status), 2 if online else 1, stamp(received), stamp(story.appointment),
            stamp(story.appointment), stamp(story.appointment),
            procedure.code, procedure.name, procedure.version, procedure.snapshot, name, id_number, old,
            born.isoformat(), gender, address, None, phone, "", submitter, submitter_id, documents,
            json.dumps(_extra_values(procedure, rng)), _fee(procedure, pages, copies), pages, copies, 1, "",
            ledger_book, line, clerk, counter, search_key, story.province_event, stamp(story.returned_at),
            story.rating, None if online else str(uuid.UUID(int=rng.getrandbits(128), version=4)), "",
            None if online else 1, stamp(created), stamp(updated), stamp(story.finished_at), procedure.sector, 0, 0))
        for event in story.events:
            self._later(event["at"], event)


class _Past(Exception):
    """The next action of a life would happen after END: the dossier stays where it is."""


class Life:
    """One dossier's history as the services write it: a step per action; an audit entry per desk action
    (LifecycleService._move, IntakeService.receive, SyncEngine._apply_status); an outbox message per action the
    province hears of (dossier.upsert at intake, dossier.event per later move, inbox.* for online dossiers)."""

    province_events = 0

    def __init__(self, rng: random.Random, calendar, code: str, received: datetime, procedure, *, owner_name: str,
                 id_number: str):
        self.rng, self.calendar, self.code, self.procedure = rng, calendar, code, procedure
        self.owner_name, self.id_number = owner_name, id_number
        self.clerk, self.counter = rng.choice(CLERKS)
        self.status, self.at, self.appointment = _S.RECEIVED, received, None
        self.events: list[dict] = []
        self.accepted, self.returned_at, self.rating, self.province_event = True, None, None, 0
        self.handler, self.finished_at = "", None  # finished_at: desk/store/models.py mark_finished

    def _record(self, at: datetime, kind: str | None, to: DossierStatus, *, note: str = "", unit: str = UNIT,
                details: dict | None = None, audit: tuple | None = None, outbox: tuple | None = None,
                source: str = "desk", actor: str = "") -> None:
        if at > END:
            raise _Past
        if to in FINISHED_STATUSES and self.finished_at is None and self.accepted:
            self.finished_at = at
        self.events.append({"code": self.code, "at": at, "step": kind is not None, "kind": kind, "from": self.status,
                            "to": to, "actor": actor or self.clerk, "unit": unit, "note": note,
                            "due": self.appointment, "source": source, "details": details or {}, "audit": audit,
                            "audit_actor": actor or self.clerk, "outbox": outbox})
        self.status, self.at = to, at

    def move(self, at: datetime, kind: str, to: DossierStatus, note: str, *, unit: str = UNIT,
             details: dict | None = None, outbox: tuple | None | bool = True, **extra) -> None:
        audit = (f"dossier.{kind}", {"from": int(self.status), "to": int(to), "note": note, **(details or {})})
        if outbox is True:
            outbox = ("dossier.event", {"status": int(to), "at": iso_vn(at), "actor": self.clerk, "unit": UNIT,
                                        "note": note, **extra})
        self._record(at, kind, to, note=note, unit=unit, details=details, audit=audit, outbox=outbox or None)

    def after(self, low_min: float, high_min: float) -> datetime:
        return _office(self.at + timedelta(minutes=self.rng.uniform(low_min, high_min)))

    def live(self, target: DossierStatus, online: bool) -> None:
        try:
            if online and not self._online(target):
                return
            if not online:
                self._receive()
            self._towards(target)
        except _Past:
            pass

    def _receive(self) -> None:
        p = self.procedure
        self.appointment = self.calendar.appointment(self.at, p.processing)
        fee = _fee(p, 1, 1)
        audit = ("dossier.receive", {"procedure": p.code, "version": p.version, "fee": fee, "digitized": 0,
                                     "appointment": self.appointment.isoformat() if self.appointment else None,
                                     "counter": self.counter})
        self._record(self.at, "receive", _S.RECEIVED, note="Tiếp nhận hồ sơ", audit=audit,
                     outbox=("dossier.upsert", {"code": self.code}))

    def _online(self, target: DossierStatus) -> bool:
        """The application from the portal, then the commune's decision; False when nothing follows."""
        self.status = _S.NEW_ONLINE
        self._record(self.at, "online", _S.NEW_ONLINE, note="Nộp trực tuyến", unit="Cổng dịch vụ công",
                     source="province", actor=self.owner_name[:200])
        self.accepted = False
        if target is _S.NEW_ONLINE:
            return False
        at, clerk = self.after(20, 24 * 60), self.clerk
        if target is _S.REFUSED and self.rng.random() < 0.6:
            reason = "Hồ sơ không thuộc thẩm quyền giải quyết của xã"
            self.move(at, "refuse", _S.REFUSED, reason, details={"reason": reason},
                      outbox=("inbox.refuse", {"clerk": clerk, "reason": reason}))
            return False
        if target is _S.SUPPLEMENT_REQUESTED and self.rng.random() < 0.5:
            names, reason = self._papers()
            self.move(at, "supplement", _S.SUPPLEMENT_REQUESTED, reason,
                      details={"documents": names, "reason": reason, "officer": clerk},
                      outbox=("inbox.request-supplement", {"clerk": clerk, "documents": names, "reason": reason}))
            return False
        self.appointment = self.calendar.appointment(at, self.procedure.processing)
        self.move(at, "accept", _S.RECEIVED, "Tiếp nhận hồ sơ trực tuyến",
                  outbox=("inbox.accept", {"clerk": clerk, "appointment_at": iso_vn(self.appointment)
                                           if self.appointment else None}))
        self.accepted = True
        return True

    def _papers(self) -> tuple[list[str], str]:
        names = [self.procedure.documents[0]["name"]] if self.procedure.documents else ["Giấy tờ tùy thân"]
        return names, "Bản sao giấy tờ không rõ, cần nộp bản chứng thực"

    def _towards(self, target: DossierStatus) -> None:
        rng = self.rng
        if target in (_S.PROCESSING, _S.FINANCIAL_OBLIGATION, _S.STOPPED) or (
                target in (_S.RESULT_READY, _S.RETURNED) and rng.random() < 0.7):
            self.handler = rng.choice(HANDLERS)
            self.move(self.after(10, 120), "handover", _S.PROCESSING, f"Chuyển hồ sơ cho {self.handler}",
                      unit=self.handler, details={"handler": self.handler})
        if target in (_S.FINANCIAL_OBLIGATION, _S.STOPPED):
            self._province(target)
        elif target in (_S.RESULT_READY, _S.RETURNED):
            self._result(target)
        elif target in (_S.SUPPLEMENT_REQUESTED, _S.REFUSED):
            names, reason = self._papers()
            self.move(self.after(30, 2 * 24 * 60), "supplement", _S.SUPPLEMENT_REQUESTED, reason,
                      details={"documents": names, "reason": reason, "officer": self.clerk}, documents=names)
            if target is _S.REFUSED:
                reason = "Quá hạn bổ sung giấy tờ theo yêu cầu"
                self.move(self.after(5 * 24 * 60, 20 * 24 * 60), "refuse", _S.REFUSED, reason,
                          details={"reason": reason})
        elif target is _S.WITHDRAWN:
            reason = "Công dân xin rút hồ sơ để bổ sung sau"
            self.move(self.after(24 * 60, 10 * 24 * 60), "withdraw", _S.WITHDRAWN, reason, details={"reason": reason})

    def _province(self, target: DossierStatus) -> None:
        at = self.after(24 * 60, 5 * 24 * 60)
        Life.province_events += 1
        self.province_event = Life.province_events
        note = "Chờ thực hiện nghĩa vụ tài chính" if target is _S.FINANCIAL_OBLIGATION else "Dừng xử lý theo đề nghị"
        audit = ("sync.status", {"from": int(self.status), "to": int(target), "unit": self.handler, "note": note,
                                 "at": iso_vn(at)})
        self._record(at, "province", target, note=note, unit=self.handler, source="province", actor=self.handler,
                     details={"event_id": self.province_event}, audit=audit)

    def _result(self, target: DossierStatus) -> None:
        rng = self.rng
        if self.appointment is None:
            at = self.after(24 * 60, 7 * 24 * 60)
        elif rng.random() < 0.04:  # late
            at = _office(self.appointment + timedelta(minutes=rng.uniform(60, 3 * 24 * 60)))
        else:
            at = max(self.after(10, 30), self.appointment - timedelta(minutes=rng.uniform(0, 180)))
        note = "Đã nhận kết quả từ bộ phận xử lý"
        self.move(at, "result_ready", _S.RESULT_READY, note, unit=self.handler or UNIT)
        if target is not _S.RETURNED:
            return
        at = self.after(10, 60 if rng.random() < 0.6 else 6 * 24 * 60)
        details = {"collector_name": self.owner_name, "collector_id": self.id_number, "is_owner": True,
                   "authorisation": "", "fee_collected": 0}
        self.move(at, "return", _S.RETURNED, "Trả kết quả cho người có hồ sơ", details=details)
        self.returned_at = at
        if rng.random() < 0.3:
            level = rng.choice((1, 1, 2, 2, 2, 3))
            self.rating = level
            self._record(at + timedelta(minutes=1), None, _S.RETURNED, actor="Công dân",
                         audit=("dossier.rating", {"level": level, "source": "counter", "clerk": self.clerk}),
                         outbox=("dossier.rating", {"level": level, "source": "counter"}))


def _bulk_load(database: Path, count: int, seed: int, procedures: dict, calendar) -> dict:
    rng, conn = random.Random(seed), sqlite3.connect(database, isolation_level="DEFERRED")
    conn.execute("PRAGMA synchronous=OFF")  # the load only: a crash loses a bench database, nothing else
    conn.execute("PRAGMA cache_size=-1000000")
    seq, head = conn.execute("SELECT entries, head_hash FROM audit_chain WHERE id = 1").fetchone()
    Life.province_events = 0
    loader = Loader(conn, rng, procedures, calendar, seq, head)
    days = plan_days(calendar, count, rng)
    rare_at = {count * (k + 1) // (RARE_COUNT + 1) for k in range(RARE_COUNT)} if count >= 100 else set()
    index, written = 0, 0
    for day, n in days:
        index = loader.day(day, n, rare_at, index)
        if index - written >= BATCH:
            loader.flush()
            written = index
    loader.happen_until(END + timedelta(days=1))
    loader.flush()
    conn.execute("UPDATE audit_chain SET entries = ?, head_hash = ? WHERE id = 1", (loader.seq, loader.head))
    conn.executemany("INSERT INTO code_counter (scope, value) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE "
                     "SET value = excluded.value", list(loader.counters.items())
                     + [(f"ledger/{AGENCY.code}/01/{year}/b0", n) for year, n in loader.ledger.items()])
    conn.commit()
    conn.execute("PRAGMA synchronous=FULL")  # as the desk keeps it
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("dossier", "dossier_step", "audit_log", "outbox")}
    statuses = dict(conn.execute("SELECT status, count(*) FROM dossier GROUP BY status").fetchall())
    conn.close()
    return {"rows": counts, "statuses": {DossierStatus(s).name: n for s, n in sorted(statuses.items())},
            "people": len(loader.people)}


def build(data_dir: Path, count: int, *, seed: int = 7) -> Path:
    """A desk database of ``count`` realistic dossiers in ``data_dir`` (a new data directory); its path."""
    start = time.perf_counter()
    data_dir = Path(data_dir)
    services, procedures, calendar = _open_real_desk(data_dir)
    database = services.db.sqlite_file
    services.db.dispose()
    figures = _bulk_load(database, count, seed, procedures, calendar)
    figures.update(count=count, seed=seed, build_s=round(time.perf_counter() - start, 1),
                   size_mb=round(database.stat().st_size / 2 ** 20, 1), fingerprint=_fingerprint())
    (data_dir / "build.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return database


if __name__ == "__main__":
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    place = cached(wanted, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    print(place, json.dumps(build_info(place), indent=1, ensure_ascii=False), sep="\n")
