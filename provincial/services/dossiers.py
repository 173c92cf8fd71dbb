"""A desk's dossiers at the province: intake records pushed by the desk, the steps it records, ratings.

The upsert of a new dossier is the sync's hot path (hotpath.py, docs/PERFORMANCE.md): it runs on a raw sqlite3
connection and answers with JSON built here, stored as is for replays. Everything else goes through the ORM.
The helpers at the bottom (ownership, status moves, ratings) are shared with the inbox and the simulator.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import schemas
from ..clock import utc_now, vietnam_wall
from ..codes import refuse_reserved, reserved_for_online
from ..database import ServerDatabase
from ..dvcqg import deadlines, export, next_deadline
from ..errors import Conflict, Forbidden, NotFound
from ..hotpath import HotPath, NeedsOrm
from ..models import Commune, Dossier, Event, Procedure, Rating
from ..pg_hotpath import NewDossierRows
from ..statuses import LABELS, DossierStatus, allowed
from .enrollment import DeskIdentity
from .idempotency import Answer, Idempotency

COUNTER_UNIT = "Bộ phận Một cửa"


class Dossiers:
    def __init__(self, db: ServerDatabase, idempotency: Idempotency):
        self.db = db
        self.idempotency = idempotency

    def upsert(self, desk: DeskIdentity, code: str, txn_id: str, record: dict) -> Answer:
        """Create (201) or update (200) the intake record of one of the desk's dossiers."""
        if not code.startswith(desk.agency_code + "-"):
            raise Forbidden("wrong_commune", "Mã hồ sơ không thuộc cơ quan của máy quầy này.")

        def apply(hot):
            if not isinstance(hot, HotPath):  # the ORM path: an update, or a retry
                return self._update(hot, desk, code, record)
            if not hot.dossier_exists(code):
                return self._insert(hot, desk, code, record)
            raise NeedsOrm  # an update (the dossier exists): rare, through the ORM

        return self.idempotency.run(desk, txn_id, f"upsert:{code}", record, apply, echoes_record=True,
                                    hot_path=True, dossier_code=code)

    async def upsert_on_loop(self, desk: DeskIdentity, code: str, txn_id: str, record: dict) -> Answer | None:
        """PostgreSQL: ``upsert`` of a new dossier (or a replay) on the event loop; None when ``upsert`` must
        answer (an update, a race), Idempotency.insert_on_loop."""
        if not code.startswith(desk.agency_code + "-"):
            raise Forbidden("wrong_commune", "Mã hồ sơ không thuộc cơ quan của máy quầy này.")
        if reserved_for_online(code):  # an online dossier the desk took in, or a refusal: upsert says which
            return None
        return await self.idempotency.insert_on_loop(desk, txn_id, f"upsert:{code}", record,
                                                     lambda rows: self._insert(rows, desk, code, record))

    @staticmethod
    def _insert(hot: HotPath | NewDossierRows, desk: DeskIdentity, code: str, record: dict) -> Answer:
        refuse_reserved(code)  # the online range belongs to the province (codes.py)
        now, received = utc_now(), DossierStatus.RECEIVED
        dossier_id = hot.insert_dossier({
            "code": code, "commune_id": desk.commune_id, "status": received, "record": record, "version": 1,
            "to_bring": [], "created_utc": now, "updated_utc": now})
        hot.insert_event({
            "dossier_id": dossier_id, "from_status": received, "to_status": received, "source": "desk",
            "actor": record.get("clerk") or desk.client_id, "actor_title": "", "unit": COUNTER_UNIT,
            "note": "Tiếp nhận", "at": vietnam_wall(datetime.fromisoformat(record["received_at"])),
            "due_at": vietnam_wall(datetime.fromisoformat(record["appointment_at"]))
            if record.get("appointment_at") else None})
        return 201, {"code": code, "status": received, "status_label": LABELS[received], "version": 1,
                     "record": record, "to_bring": []}

    @staticmethod
    def _update(s: Session, desk: DeskIdentity, code: str, record: dict) -> Answer:
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            raise NeedsOrm  # cannot happen (dossiers are never deleted); the retry limit ends it
        if dossier.commune_id != desk.commune_id:
            raise NotFound("dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
        # The receipt's seal is the desk's statement about its receipt, not intake data: a desk enrolled
        # after printing unsigned receipts may still seal them once the province is processing them.
        if _without_receipt_proof(dossier.record) != _without_receipt_proof(record) and s.scalar(
                select(func.count()).select_from(Event).where(Event.dossier_id == dossier.id,
                                                              Event.source == "province")):
            raise Conflict("intake_frozen", "Tỉnh đã bắt đầu xử lý hồ sơ; thông tin tiếp nhận không sửa "
                                            "được từ quầy nữa.")
        if dossier.record != record:
            dossier.record, dossier.version, dossier.updated_utc = record, dossier.version + 1, utc_now()
        s.flush()
        answer = schemas.DossierOut.model_validate(dossier).model_dump()
        answer["record"] = dossier.record  # the request itself when it changed: stored once (Idempotency.run)
        return 200, answer

    def get(self, desk: DeskIdentity, code: str) -> Dossier:
        with self.db.read() as s:
            return own_dossier(s, desk, code)

    def record_step(self, desk: DeskIdentity, code: str, txn_id: str, event: dict) -> Answer:
        """A status change the desk recorded (``event``: the contract's EventIn, JSON-ready), or an apology:
        the same status with a new appointment."""

        def apply(s: Session):
            dossier = own_dossier(s, desk, code)
            at = vietnam_wall(datetime.fromisoformat(event["at"]))
            appointment = event.get("appointment_at")
            new_due = vietnam_wall(datetime.fromisoformat(appointment)) if appointment else None
            wording = {"actor": event["actor"], "actor_title": event.get("actor_title", ""),
                       "unit": event.get("unit", ""), "note": event.get("note", ""),
                       "kind": event.get("kind", ""), "extension_basis": event.get("extension_basis", ""),
                       "legal_basis": event.get("legal_basis", "")}
            # The deadline in force before this step, while the record still holds the appointment it replaces.
            before = list(s.scalars(select(Event).where(Event.dossier_id == dossier.id).order_by(Event.id)))
            promised = dossier.record.get("appointment_at")
            promised_wall = vietnam_wall(datetime.fromisoformat(promised)) if promised else None
            in_force = deadlines(before, promised_wall)[-1] if before else None
            if event["status"] == dossier.status and appointment:
                # An apology with a new date: no status change. The citizen is told the new date (the record's
                # appointment); the deadline moves only with a lawful extension (next_deadline).
                row = Event(dossier_id=dossier.id, from_status=dossier.status, to_status=dossier.status,
                            source="desk", at=at, due_at=new_due, **wording)
                s.add(row)
            else:
                row = apply_status(s, dossier, event["status"], source="desk", at=at, due_at=new_due,
                                   documents=event.get("documents"), **wording)
            row.deadline_at = next_deadline(row, len(before), in_force, promised_wall)
            s.flush()
            if appointment:
                dossier.record = {**dossier.record, "appointment_at": appointment}
            return 201, {"code": code, "status": dossier.status, "event_id": row.id}

        return self.idempotency.run(desk, txn_id, f"event:{code}", event, apply)

    def rate(self, desk: DeskIdentity, code: str, txn_id: str, level: int, source: str) -> Answer:
        def apply(s: Session):
            store_rating(s, own_dossier(s, desk, code), level, source)
            return 201, {"code": code, "level": level}

        return self.idempotency.run(desk, txn_id, f"rating:{code}", {"level": level, "source": source}, apply)

    def steps(self, code: str) -> tuple[Dossier, list[Event]]:
        """A dossier and its steps, first to last (the national portal's shapes are built from them)."""
        with self.db.read() as s:
            dossier = dossier_by_code(s, code)
            return dossier, list(s.scalars(select(Event).where(Event.dossier_id == dossier.id).order_by(Event.id)))

    def dvcqg(self, code: str) -> dict:
        """The dossier in the national portal's shapes (dvcqg.export): its steps, the receiving commune's name
        (DonViXuLy unless a competent agency is named) and the procedure's result documents from the catalog."""
        with self.db.read() as s:
            dossier = dossier_by_code(s, code)
            events = list(s.scalars(select(Event).where(Event.dossier_id == dossier.id).order_by(Event.id)))
            commune = s.get(Commune, dossier.commune_id)
            procedure = s.get(Procedure, str(dossier.record.get("procedure_code", "")))
            results = procedure.template.get("result_documents") if procedure is not None else None
            return export(dossier.code, dossier.status, dossier.record, events,
                          agency_name=commune.name if commune is not None else "",
                          result_documents=[str(r) for r in results or []])


def _without_receipt_proof(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("receipt_seal", "receipt_unsigned")}


def dossier_by_code(s: Session, code: str) -> Dossier:
    dossier = s.scalar(select(Dossier).where(Dossier.code == code))
    if dossier is None:
        raise NotFound("dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
    return dossier


def own_dossier(s: Session, desk: DeskIdentity, code: str) -> Dossier:
    dossier = s.scalar(select(Dossier).where(Dossier.code == code))
    if dossier is None or dossier.commune_id != desk.commune_id:
        # Another commune's dossier is "not found": its existence is not this desk's business.
        raise NotFound("dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
    return dossier


def apply_status(s: Session, dossier: Dossier, target: int, *, source: str, actor: str, at: datetime,
                 actor_title: str = "", unit: str = "", note: str = "", due_at: datetime | None = None,
                 documents: list[str] | None = None, kind: str = "", extension_basis: str = "",
                 legal_basis: str = "") -> Event:
    """Move the dossier to ``target`` if the status machine lets ``source`` do it, with its step (the documents
    asked for stay on a supplement request's step: the DVCQG export's DanhSachHoSoBoSung)."""
    problem = allowed(dossier.status, target, by="desk" if source == "desk" else "province")
    if problem:
        raise Conflict("bad_transition", problem)
    event = Event(dossier_id=dossier.id, from_status=dossier.status, to_status=target, source=source,
                  actor=actor, actor_title=actor_title, unit=unit, note=note, at=at, due_at=due_at, kind=kind,
                  extension_basis=extension_basis, legal_basis=legal_basis,
                  documents=list(documents) if documents and target == DossierStatus.SUPPLEMENT_REQUESTED else None)
    dossier.status = target
    dossier.to_bring = list(documents or []) if target == DossierStatus.SUPPLEMENT_REQUESTED else []
    dossier.updated_utc = utc_now()
    s.add(event)
    s.flush()
    return event


def store_rating(s: Session, dossier: Dossier, level: int, source: str) -> None:
    rating = s.scalar(select(Rating).where(Rating.dossier_id == dossier.id))
    if rating is None:
        s.add(Rating(dossier_id=dossier.id, level=level, source=source, created_utc=utc_now()))
    else:
        rating.level, rating.source = level, source
