"""Communes, the desks enrolled in them, and the desks' bearer tokens (docs/REST.md, “Enrollment and tokens”)."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from .. import security
from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from ..models import Commune, Desk, EnrollmentCode

AUTH_CACHE_S = 5.0
REVOKED = "Máy quầy này đã bị thu hồi quyền kết nối. Liên hệ quản trị của tỉnh."


@dataclass(frozen=True)
class DeskIdentity:
    """The desk behind a request's bearer token."""

    desk_id: int
    client_id: str
    commune_id: int
    agency_code: str


def find_commune(s: Session, agency_code: str) -> Commune:
    commune = s.scalar(select(Commune).where(Commune.agency_code == agency_code))
    if commune is None:
        raise NotFound("commune_not_found", f"Không có xã mã {agency_code}.")
    return commune


class Enrollment:
    def __init__(self, db: ServerDatabase, tokens: security.TokenSigner):
        self.db = db
        self.tokens = tokens
        # token → (identity, expiry): saves a database read per request. Revocation clears it
        # in this process; another process serving the same database sees it within 5 s.
        self._auth_cache: dict[str, tuple[DeskIdentity, float]] = {}
        self._auth_lock = threading.Lock()

    # -- the province's admin ------------------------------------------------------------------------------------
    def create_commune(self, agency_code: str, name: str, parent_authority: str) -> Commune:
        with self.db.write() as s:
            if s.scalar(select(Commune).where(Commune.agency_code == agency_code)):
                raise Conflict("commune_exists", f"Xã có mã {agency_code} đã có.")
            commune = Commune(agency_code=agency_code, name=name, parent_authority=parent_authority,
                              created_utc=utc_now())
            s.add(commune)
        return commune

    def issue_enrollment_code(self, agency_code: str, valid_days: int = 7) -> tuple[str, datetime]:
        code = security.new_enrollment_code()
        expires = utc_now() + timedelta(days=valid_days)
        with self.db.write() as s:
            commune = find_commune(s, agency_code)
            s.add(EnrollmentCode(code_hash=security.enrollment_code_hash(code), commune_id=commune.id,
                                 expires_utc=expires))
        return code, expires

    def list_desks(self) -> list[Row]:
        """Every desk, in enrollment order: client_id, name, agency_code, revoked (the admin's DeskOut)."""
        with self.db.read() as s:
            return list(s.execute(select(Desk.client_id, Desk.name, Commune.agency_code,
                                         Desk.revoked_utc.is_not(None).label("revoked"))
                                  .join(Commune).order_by(Desk.id)))

    def revoke_desk(self, client_id: str) -> None:
        with self.db.write() as s:
            desk = s.scalar(select(Desk).where(Desk.client_id == client_id))
            if desk is None:
                raise NotFound("desk_not_found", f"Không có máy quầy {client_id}.")
            desk.revoked_utc = desk.revoked_utc or utc_now()
        with self._auth_lock:
            self._auth_cache = {t: v for t, v in self._auth_cache.items() if v[0].client_id != client_id}

    # -- a desk's enrollment and tokens --------------------------------------------------------------------------
    def enroll(self, code: str, desk_name: str, public_key: str) -> tuple[Desk, str, Commune]:
        if not security.valid_public_key(public_key):
            raise Invalid("bad_public_key", "Khóa công khai không phải khóa Ed25519 hợp lệ.")
        with self.db.write() as s:
            row = s.scalar(select(EnrollmentCode).where(
                EnrollmentCode.code_hash == security.enrollment_code_hash(code)))
            if row is None or row.used_utc is not None or row.expires_utc < utc_now():
                # As long as a right code takes (hashing the new secret): the clock tells nothing either.
                security.burn_secret_check(code)
                raise Forbidden("bad_enrollment_code", "Mã đăng ký máy quầy không đúng, đã dùng hoặc đã hết hạn.")
            row.used_utc = utc_now()
            secret = secrets.token_urlsafe(32)
            desk = Desk(client_id=f"desk-{secrets.token_hex(8)}", commune_id=row.commune_id, name=desk_name,
                        secret_hash=security.hash_secret(secret), public_key=public_key, created_utc=utc_now())
            s.add(desk)
            commune = s.get_one(Commune, row.commune_id)
        return desk, secret, commune

    def issue_token(self, client_id: str, client_secret: str) -> tuple[str, int]:
        with self.db.read() as s:
            desk = s.scalar(select(Desk).where(Desk.client_id == client_id))
        if desk is None:
            security.burn_secret_check(client_secret)  # an unknown id answers as slowly as a wrong secret
        if desk is None or not security.verify_secret(client_secret, desk.secret_hash):
            raise Unauthorized("bad_credentials", "Thông tin xác thực máy quầy không đúng.")
        if desk.revoked_utc is not None:
            raise Forbidden("desk_revoked", REVOKED)
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
            raise Unauthorized("bad_token", "Phiên làm việc hết hạn hoặc không hợp lệ; hãy lấy mã truy cập mới.",
                               challenge='Bearer error="invalid_token"')
        with self.db.read() as s:
            row = s.execute(select(Desk, Commune.agency_code).join(Commune).where(Desk.client_id == client_id)).first()
        if row is None:
            raise Unauthorized("bad_token", "Máy quầy không tồn tại.")
        desk, agency_code = row
        if desk.revoked_utc is not None:
            raise Forbidden("desk_revoked", REVOKED)
        identity = DeskIdentity(desk.id, desk.client_id, desk.commune_id, agency_code)
        with self._auth_lock:
            if len(self._auth_cache) > 10_000:
                self._auth_cache.clear()
            self._auth_cache[token] = (identity, time.monotonic() + min(AUTH_CACHE_S, expires - time.time()))
        return identity
