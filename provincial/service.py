"""What the province's system does, independent of HTTP: the API and the admin CLI both call it."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import security, statuses
from .clock import iso_vietnam, utc_now, vietnam_wall
from .codes import next_online_code, refuse_reserved
from .cursors import decode_cursor, encode_cursor
from .database import ServerDatabase
from .errors import ApiError
from .files import FileStore
from .hotpath import HotPath, NeedsOrm
from .models import Change, Commune, Desk, Dossier, EnrollmentCode, Event, Feedback, Procedure, Rating
from .outcomes import IntakeOutcomes
from .recovery import Recovery
from .tracking import AttemptLimiter, Tracking

AUTH_CACHE_S = 5.0


def _without_receipt_proof(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("receipt_seal", "receipt_unsigned")}


def _hash(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class DeskIdentity:
    desk_id: int
    client_id: str
    commune_id: int
    agency_code: str


class Backend:
    def __init__(self, db: ServerDatabase, data_dir: Path, token_key: bytes, *, token_ttl_s: int = 900,
                 max_file_bytes: int = 50 * 1024 * 1024, tracking_attempts: AttemptLimiter | None = None):
        self.db = db
        self.files = FileStore(db, Path(data_dir) / "files", max_file_bytes)
        self.tokens = security.TokenSigner(token_key, token_ttl_s)
        self.max_file_bytes = max_file_bytes
        # token → (identity, expiry): saves a database read per request. Revocation clears it
        # in this process; another process serving the same database sees it within 5 s.
        self._auth_cache: dict[str, tuple[DeskIdentity, float]] = {}
        self._auth_lock = threading.Lock()
        self.tracker = Tracking(db, tracking_attempts)
        self.outcomes = IntakeOutcomes(db, self.idempotent)
        self.recovery = Recovery(db, self.idempotent)
        # Called after changes to the feed are committed (the API wakes its long-polls with it).
        self.on_changes_committed: Callable[[], None] = lambda: None

    # -- admin -------------------------------------------------------------------------------
    def create_commune(self, agency_code: str, name: str, parent_authority: str) -> Commune:
        with self.db.write() as s:
            if s.scalar(select(Commune).where(Commune.agency_code == agency_code)):
                raise ApiError(409, "commune_exists", f"Xã có mã {agency_code} đã có.")
            commune = Commune(agency_code=agency_code, name=name, parent_authority=parent_authority,
                              created_utc=utc_now())
            s.add(commune)
        return commune

    def _commune(self, s: Session, agency_code: str) -> Commune:
        commune = s.scalar(select(Commune).where(Commune.agency_code == agency_code))
        if commune is None:
            raise ApiError(404, "commune_not_found", f"Không có xã mã {agency_code}.")
        return commune

    def issue_enrollment_code(self, agency_code: str, valid_days: int = 7) -> tuple[str, datetime]:
        code = security.new_enrollment_code()
        expires = utc_now() + timedelta(days=valid_days)
        with self.db.write() as s:
            commune = self._commune(s, agency_code)
            s.add(EnrollmentCode(code_hash=security.enrollment_code_hash(code), commune_id=commune.id,
                                 expires_utc=expires))
        return code, expires

    def list_desks(self) -> list[tuple[Desk, str]]:
        with self.db.read() as s:
            return list(s.execute(select(Desk, Commune.agency_code).join(Commune).order_by(Desk.id)).tuples())

    def revoke_desk(self, client_id: str) -> None:
        with self.db.write() as s:
            desk = s.scalar(select(Desk).where(Desk.client_id == client_id))
            if desk is None:
                raise ApiError(404, "desk_not_found", f"Không có máy quầy {client_id}.")
            desk.revoked_utc = desk.revoked_utc or utc_now()
        with self._auth_lock:
            self._auth_cache = {t: v for t, v in self._auth_cache.items() if v[0].client_id != client_id}

    def import_catalog(self, procedures: list[dict]) -> str:
        with self.db.write() as s:
            for item in procedures:
                code = str(item.get("code", "")).strip()
                if not code or len(code) > 40:
                    raise ApiError(422, "bad_procedure", "Mỗi thủ tục cần mã (tối đa 40 ký tự).")
                row = s.get(Procedure, code)
                if row is None:
                    s.add(Procedure(code=code, template=item, updated_utc=utc_now()))
                elif row.template != item:
                    row.template, row.updated_utc = item, utc_now()
            s.flush()
            etag = self._catalog_etag(s)
            s.add(Change(commune_id=None, kind="catalog", dossier_code="", payload={"etag": etag},
                         created_utc=utc_now()))
        self.on_changes_committed()
        return etag

    # -- enrollment and auth ---------------------------------------------------------------
    def enroll(self, code: str, desk_name: str, public_key: str) -> tuple[Desk, str, Commune]:
        if not security.valid_public_key(public_key):
            raise ApiError(422, "bad_public_key", "Khóa công khai không phải khóa Ed25519 hợp lệ.")
        with self.db.write() as s:
            row = s.scalar(select(EnrollmentCode).where(
                EnrollmentCode.code_hash == security.enrollment_code_hash(code)))
            if row is None or row.used_utc is not None or row.expires_utc < utc_now():
                # As long as a right code takes (hashing the new secret): the clock tells nothing either.
                security.burn_secret_check(code)
                raise ApiError(403, "bad_enrollment_code", "Mã đăng ký máy quầy không đúng, đã dùng hoặc đã hết hạn.")
            row.used_utc = utc_now()
            secret = secrets.token_urlsafe(32)
            desk = Desk(client_id=f"desk-{secrets.token_hex(8)}", commune_id=row.commune_id, name=desk_name,
                        secret_hash=security.hash_secret(secret), public_key=public_key, created_utc=utc_now())
            s.add(desk)
            commune = s.get(Commune, row.commune_id)
        return desk, secret, commune

    def issue_token(self, client_id: str, client_secret: str) -> tuple[str, int]:
        with self.db.read() as s:
            desk = s.scalar(select(Desk).where(Desk.client_id == client_id))
        if desk is None:
            security.burn_secret_check(client_secret)  # an unknown id answers as slowly as a wrong secret
        if desk is None or not security.verify_secret(client_secret, desk.secret_hash):
            raise ApiError(401, "bad_credentials", "Thông tin xác thực máy quầy không đúng.")
        if desk.revoked_utc is not None:
            raise ApiError(403, "desk_revoked", "Máy quầy này đã bị thu hồi quyền kết nối. Liên hệ quản trị của tỉnh.")
        return self.tokens.issue(client_id)

    def cached_identity(self, token: str) -> DeskIdentity | None:
        with self._auth_lock:
            hit = self._auth_cache.get(token)
        # An entry lives until the token expires or AUTH_CACHE_S passes (revocation shows within that).
        if hit and hit[1] > time.monotonic():
            return hit[0]
        return None

    def authenticate(self, token: str) -> DeskIdentity:
        cached = self.cached_identity(token)
        if cached is not None:
            return cached
        checked = self.tokens.verify_until(token)
        client_id, expires = checked if checked else (None, 0.0)
        if client_id is None:
            raise ApiError(401, "bad_token", "Phiên làm việc hết hạn hoặc không hợp lệ; hãy lấy mã truy cập mới.",
                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        with self.db.read() as s:
            row = s.execute(select(Desk, Commune.agency_code).join(Commune).where(Desk.client_id == client_id)).first()
        if row is None:
            raise ApiError(401, "bad_token", "Máy quầy không tồn tại.")
        desk, agency_code = row
        if desk.revoked_utc is not None:
            raise ApiError(403, "desk_revoked", "Máy quầy này đã bị thu hồi quyền kết nối. Liên hệ quản trị của tỉnh.")
        identity = DeskIdentity(desk.id, desk.client_id, desk.commune_id, agency_code)
        with self._auth_lock:
            if len(self._auth_cache) > 10_000:
                self._auth_cache.clear()
            self._auth_cache[token] = (identity, time.monotonic() + min(AUTH_CACHE_S, expires - time.time()))
        return identity

    # -- idempotency -------------------------------------------------------------------------
    def idempotent(self, desk: DeskIdentity, txn_id: str, operation: str, request: dict, apply,
                   *, echoes_record: bool = False, hot_path: bool = False) -> tuple[int, dict]:
        """Run ``apply(session) -> (status, response)`` once per client transaction id.

        A replay of the same request returns the stored response; the same id with another
        request is a conflict (409). The id is stored in the transaction that applies the
        change, so a crash leaves either both or neither. With ``echoes_record`` the response's
        "record" is the request itself (an upsert answers with what it stored): it is not
        stored twice, and a replay (same request, by the hash check) puts it back.
        With ``hot_path``, ``apply`` gets a HotPath instead of a session (hotpath.py); when it
        raises NeedsOrm the whole operation runs again on the ORM path.
        """
        request_hash = _hash({"op": operation, "request": request})
        use_hot_path = hot_path
        for _attempt in range(3):
            try:
                with self._write(use_hot_path) as hot:
                    seen = hot.seen_request(txn_id)
                    if seen is not None:
                        if seen.desk_id != desk.desk_id or seen.request_hash != request_hash:
                            raise ApiError(409, "txn_conflict", "Mã giao dịch này đã dùng cho một yêu cầu khác.")
                        response = seen.response
                        if echoes_record and response.get("record") is None:
                            response = {**response, "record": request}  # same key, same place
                        return seen.status_code, response
                    if use_hot_path:
                        status, response = apply(hot)
                    else:
                        with Session(bind=hot.connection, expire_on_commit=False) as session:
                            status, response = apply(session)
                            session.flush()
                    stored = response
                    if echoes_record and response.get("record") is request:
                        stored = {**response, "record": None}
                    hot.insert_request({
                        "client_txn_id": txn_id, "desk_id": desk.desk_id, "operation": operation,
                        "request_hash": request_hash, "status_code": status, "response": stored,
                        "created_utc": utc_now()})
                    return status, response
            except NeedsOrm:
                use_hot_path = False
            except (IntegrityError, sqlite3.IntegrityError):
                continue  # the same id arrived twice at once: the loser reads the winner's answer
        raise ApiError(409, "txn_conflict", "Mã giao dịch đang được xử lý; hãy thử lại.")

    @contextmanager
    def _write(self, hot_path: bool) -> Iterator[HotPath]:
        if hot_path and self.db.is_sqlite:
            with self.db.raw_write() as raw:
                yield HotPath(raw=raw)
        else:
            with self.db.write_connection() as connection:
                yield HotPath(connection=connection)

    # -- dossiers ----------------------------------------------------------------------------
    def _own_dossier(self, s: Session, desk: DeskIdentity, code: str) -> Dossier:
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None or dossier.commune_id != desk.commune_id:
            # Another commune's dossier is "not found": its existence is not this desk's business.
            raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
        return dossier

    @staticmethod
    def dossier_out(d: Dossier) -> dict:
        return {"code": d.code, "status": d.status, "status_label": statuses.LABELS[d.status], "version": d.version,
                "record": d.record, "to_bring": list(d.to_bring or [])}

    def upsert_dossier(self, desk: DeskIdentity, code: str, txn_id: str, record: dict) -> tuple[int, dict]:
        if not code.startswith(desk.agency_code + "-"):
            raise ApiError(403, "wrong_commune", "Mã hồ sơ không thuộc cơ quan của máy quầy này.")

        def apply(hot):
            now = utc_now()
            if not isinstance(hot, HotPath):  # the ORM path: an update, or a retry
                return self._update_dossier(hot, desk, code, record, now)
            if not hot.dossier_exists(code):
                refuse_reserved(code)  # the online range belongs to the province (codes.py)
                dossier_id = hot.insert_dossier({
                    "code": code, "commune_id": desk.commune_id, "status": 2, "record": record, "version": 1,
                    "to_bring": [], "created_utc": now, "updated_utc": now})
                hot.insert_event({
                    "dossier_id": dossier_id, "from_status": 2, "to_status": 2, "source": "desk",
                    "actor": record.get("clerk") or desk.client_id, "actor_title": "", "unit": "Bộ phận Một cửa",
                    "note": "Tiếp nhận", "at": vietnam_wall(datetime.fromisoformat(record["received_at"])),
                    "due_at": vietnam_wall(datetime.fromisoformat(record["appointment_at"]))
                    if record.get("appointment_at") else None})
                return 201, {"code": code, "status": 2, "status_label": statuses.LABELS[2], "version": 1,
                             "record": record, "to_bring": []}
            raise NeedsOrm  # an update (the dossier exists): rare, through the ORM

        return self.idempotent(desk, txn_id, f"upsert:{code}", record, apply, echoes_record=True, hot_path=True)

    def _update_dossier(self, s: Session, desk: DeskIdentity, code: str, record: dict, now: datetime):
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            raise NeedsOrm  # cannot happen (dossiers are never deleted); the retry limit ends it
        if dossier.commune_id != desk.commune_id:
            raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
        # The receipt's seal is the desk's statement about its receipt, not intake data: a desk enrolled
        # after printing unsigned receipts may still seal them once the province is processing them.
        if _without_receipt_proof(dossier.record) != _without_receipt_proof(record) and s.scalar(
                select(func.count()).select_from(Event).where(Event.dossier_id == dossier.id,
                                                              Event.source == "province")):
            raise ApiError(409, "intake_frozen", "Tỉnh đã bắt đầu xử lý hồ sơ; thông tin tiếp nhận không sửa "
                                                 "được từ quầy nữa.")
        if dossier.record != record:
            dossier.record, dossier.version, dossier.updated_utc = record, dossier.version + 1, now
        s.flush()
        return 200, self.dossier_out(dossier)

    def get_dossier(self, desk: DeskIdentity, code: str) -> dict:
        with self.db.read() as s:
            return self.dossier_out(self._own_dossier(s, desk, code))

    def _apply_status(self, s: Session, dossier: Dossier, target: int, *, source: str, actor: str, at: datetime,
                      actor_title: str = "", unit: str = "", note: str = "", due_at: datetime | None = None,
                      documents: list[str] | None = None) -> Event:
        problem = statuses.allowed(dossier.status, target, by="desk" if source == "desk" else "province")
        if problem:
            raise ApiError(409, "bad_transition", problem)
        event = Event(dossier_id=dossier.id, from_status=dossier.status, to_status=target, source=source,
                      actor=actor, actor_title=actor_title, unit=unit, note=note, at=at, due_at=due_at)
        dossier.status = target
        dossier.to_bring = list(documents or []) if target == 5 else []
        dossier.updated_utc = utc_now()
        s.add(event)
        s.flush()
        return event

    def desk_event(self, desk: DeskIdentity, code: str, txn_id: str, event: dict) -> tuple[int, dict]:
        def apply(s: Session):
            dossier = self._own_dossier(s, desk, code)
            at = vietnam_wall(datetime.fromisoformat(event["at"]))
            appointment = event.get("appointment_at")
            new_due = vietnam_wall(datetime.fromisoformat(appointment)) if appointment else None
            if event["status"] == dossier.status and appointment:
                # An apology with a new date: no status change, the appointment moves.
                row = Event(dossier_id=dossier.id, from_status=dossier.status, to_status=dossier.status,
                            source="desk", actor=event["actor"], actor_title=event.get("actor_title", ""),
                            unit=event.get("unit", ""), note=event.get("note", ""), at=at, due_at=new_due)
                s.add(row)
                s.flush()
            else:
                row = self._apply_status(s, dossier, event["status"], source="desk", actor=event["actor"],
                                         actor_title=event.get("actor_title", ""), unit=event.get("unit", ""),
                                         note=event.get("note", ""), at=at, due_at=new_due,
                                         documents=event.get("documents"))
            if appointment:
                dossier.record = {**dossier.record, "appointment_at": appointment}
            return 201, {"code": code, "status": dossier.status, "event_id": row.id}

        return self.idempotent(desk, txn_id, f"event:{code}", event, apply)

    def inbox(self, desk: DeskIdentity) -> list[dict]:
        with self.db.read() as s:
            rows = s.scalars(select(Dossier).where(Dossier.commune_id == desk.commune_id, Dossier.status == 1)
                             .order_by(Dossier.id))
            return [self.dossier_out(d) for d in rows]

    def inbox_decision(self, desk: DeskIdentity, code: str, txn_id: str, decision: str, body: dict) -> tuple[int, dict]:
        target = {"accept": 2, "refuse": 3, "request-supplement": 5}[decision]

        def apply(s: Session):
            dossier = self._own_dossier(s, desk, code)
            if dossier.status != 1 and not (decision == "accept" and dossier.status == 5):
                raise ApiError(409, "not_in_inbox", "Hồ sơ này không còn chờ tiếp nhận.")
            note = body.get("reason", "")
            row = self._apply_status(s, dossier, target, source="desk", actor=body["clerk"], unit="Bộ phận Một cửa",
                                     note=note, at=vietnam_wall(datetime.now(timezone.utc)),
                                     documents=body.get("documents"))
            if decision == "accept" and body.get("appointment_at"):
                dossier.record = {**dossier.record, "appointment_at": body["appointment_at"]}
            return 201, {"code": code, "status": dossier.status, "event_id": row.id}

        return self.idempotent(desk, txn_id, f"inbox-{decision}:{code}", body, apply)

    def rate(self, desk: DeskIdentity, code: str, txn_id: str, level: int, source: str) -> tuple[int, dict]:
        def apply(s: Session):
            dossier = self._own_dossier(s, desk, code)
            self._store_rating(s, dossier, level, source)
            return 201, {"code": code, "level": level}

        return self.idempotent(desk, txn_id, f"rating:{code}", {"level": level, "source": source}, apply)

    @staticmethod
    def _store_rating(s: Session, dossier: Dossier, level: int, source: str) -> None:
        rating = s.scalar(select(Rating).where(Rating.dossier_id == dossier.id))
        if rating is None:
            s.add(Rating(dossier_id=dossier.id, level=level, source=source, created_utc=utc_now()))
        else:
            rating.level, rating.source = level, source

    # -- guidance and refusal at intake (outcomes.py) ----------------------------------------------
    def put_intake_outcome(self, desk: DeskIdentity, reference: str, txn_id: str, body: dict) -> tuple[int, dict]:
        return self.outcomes.put(desk, reference, txn_id, body)

    def intake_outcome_counts(self, commune_id: int, first: date, last: date) -> dict[str, int]:
        """{"guidance": n, "refusal": m}: a commune's outcomes from ``first`` to ``last``, both included."""
        return self.outcomes.counts(commune_id, first, last)

    # -- the province's side: the processing simulator -----------------------------------------
    def province_status(self, code: str, target: int, *, handler: str, unit: str, handler_title: str = "",
                        note: str = "", at: datetime | None = None, due_at: datetime | None = None,
                        documents: list[str] | None = None) -> dict:
        with self.db.write() as s:
            dossier = s.scalar(select(Dossier).where(Dossier.code == code))
            if dossier is None:
                raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
            moment = vietnam_wall(at) if at else vietnam_wall(datetime.now(timezone.utc))
            event = self._apply_status(s, dossier, target, source="province", actor=handler,
                                       actor_title=handler_title, unit=unit, note=note, at=moment,
                                       due_at=vietnam_wall(due_at), documents=documents)
            s.add(Change(commune_id=dossier.commune_id, kind="status", dossier_code=code, created_utc=utc_now(),
                         payload={"code": code, "status": target, "status_label": statuses.LABELS[target],
                                  "at": iso_vietnam(moment), "handler": handler, "handler_title": handler_title,
                                  "unit": unit, "note": note, "event_id": event.id,
                                  "documents": list(documents or [])}))
            answer = self.dossier_out(dossier)
        self.on_changes_committed()
        return answer

    def create_online_dossier(self, agency_code: str, record: dict) -> dict:
        """An online application arriving from the portal (status 1), for a commune's inbox.

        Online codes are numbered from 9999 downwards each day (codes.py) so that they cannot meet the
        desk's counter codes, which count upwards from 0001 (the province issues both)."""
        for _attempt in range(3):
            try:
                answer = self._insert_online_dossier(agency_code, record)
            except IntegrityError:
                continue  # another application took the same number at the same moment: take the next one
            self.on_changes_committed()
            return answer
        raise ApiError(409, "online_code_busy", "Đang cấp mã cho hồ sơ trực tuyến khác; vui lòng gửi lại.")

    def _insert_online_dossier(self, agency_code: str, record: dict) -> dict:
        with self.db.write() as s:
            commune = self._commune(s, agency_code)
            received = vietnam_wall(datetime.fromisoformat(record["received_at"]))
            code = next_online_code(s, f"{agency_code}-{received:%y%m%d}-")
            record = {**record, "channel": 2}
            dossier = Dossier(code=code, commune_id=commune.id, status=1, record=record, version=1, to_bring=[],
                              created_utc=utc_now(), updated_utc=utc_now())
            s.add(dossier)
            s.flush()
            s.add(Event(dossier_id=dossier.id, from_status=1, to_status=1, source="online",
                        actor=record["owner_name"], unit="Cổng dịch vụ công", note="Nộp trực tuyến", at=received))
            s.add(Change(commune_id=commune.id, kind="online_dossier", dossier_code=code, created_utc=utc_now(),
                         payload={"code": code, "record": record}))
            return self.dossier_out(dossier)

    # -- changes feed --------------------------------------------------------------------------
    @staticmethod
    def encode_cursor(seq: int) -> str:
        return encode_cursor("c1", seq)

    @staticmethod
    def decode_cursor(cursor: str) -> int:
        return decode_cursor("c1", cursor)  # range-checked (cursors.py)

    def changes(self, desk: DeskIdentity, cursor: str, limit: int) -> dict:
        after = self.decode_cursor(cursor)
        with self.db.read() as s:
            rows = list(s.scalars(select(Change).where(
                Change.seq > after, (Change.commune_id == desk.commune_id) | (Change.commune_id.is_(None)))
                .order_by(Change.seq).limit(limit + 1)))
        page = rows[:limit]
        last = page[-1].seq if page else after
        return {"changes": [{"kind": c.kind, "dossier_code": c.dossier_code, "payload": c.payload} for c in page],
                "next_cursor": self.encode_cursor(last), "has_more": len(rows) > limit}

    # -- catalog ---------------------------------------------------------------------------------
    @staticmethod
    def _catalog_etag(s: Session) -> str:
        procedures = [p.template for p in s.scalars(select(Procedure).order_by(Procedure.code))]
        return '"' + _hash(procedures)[:32] + '"'

    def catalog(self) -> dict:
        with self.db.read() as s:
            return {"etag": self._catalog_etag(s),
                    "procedures": [p.template for p in s.scalars(select(Procedure).order_by(Procedure.code))]}

    # -- files: files.py (Backend.files) -----------------------------------------------------------

    # -- public tracking, feedback, ratings -------------------------------------------------------
    def tracking(self, code: str, signature: str = "", check: str = "", id_last4: str = "") -> dict:
        """The citizen's view of a dossier, given a proof of the receipt (tracking.py)."""
        return self.tracker.look_up(code, signature=signature, check=check, id_last4=id_last4)

    def public_rating(self, code: str, signature: str, level: int) -> dict:
        if not self.tracking(code, signature)["verified"]:
            raise ApiError(403, "bad_signature", "Không xác minh được biên nhận; chưa ghi nhận đánh giá.")
        with self.db.write() as s:
            dossier = s.scalar(select(Dossier).where(Dossier.code == code))
            self._store_rating(s, dossier, level, "web")
        return {"code": code, "level": level}

    def add_feedback(self, data: dict) -> Feedback:
        with self.db.write() as s:
            row = Feedback(**data, status="new", reply="", created_utc=utc_now())
            s.add(row)
        return row

    def public_feedback(self, limit: int = 50) -> list[Feedback]:
        with self.db.read() as s:
            return list(s.scalars(select(Feedback).where(Feedback.public.is_(True)).order_by(Feedback.id.desc())
                                  .limit(limit)))

    def steps(self, code: str) -> tuple[Dossier, list[Event]]:
        with self.db.read() as s:
            dossier = s.scalar(select(Dossier).where(Dossier.code == code))
            if dossier is None:
                raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ {code}.")
            return dossier, list(s.scalars(select(Event).where(Event.dossier_id == dossier.id).order_by(Event.id)))


def load_or_create_key(path: Path) -> bytes:
    """The server's token key, created once (mode 0600 where the platform has modes)."""
    if path.exists():
        return path.read_bytes()
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return key
