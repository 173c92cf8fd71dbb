"""A desk's enrollment and its bearer tokens (docs/REST.md, “Enrollment and tokens”)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from .. import schemas as S
from ..dependencies import BackendDep, LimitsDep, client_address
from ..errors import Forbidden, Unauthorized
from .common import API, ERRORS

router = APIRouter(prefix=API, tags=["auth"])


@router.post("/enroll", response_model=S.EnrollOut, status_code=201, responses=ERRORS)
def enroll(body: S.EnrollIn, request: Request, backend: BackendDep, limits: LimitsDep) -> dict:
    address = client_address(request)
    limits.auth.by_address.check(address)
    try:
        desk, secret, commune = backend.enrollment.enroll(body.code, body.desk_name, body.public_key)
    except Forbidden as error:
        if error.error == "bad_enrollment_code":
            limits.auth.by_address.note_failure(address)
        raise
    return {"client_id": desk.client_id, "client_secret": secret, "commune": commune}


@router.post("/token", response_model=S.TokenOut, responses=ERRORS)
def token(body: S.TokenIn, request: Request, backend: BackendDep, limits: LimitsDep) -> dict:
    address = client_address(request)
    limits.auth.by_address.check(address)
    limits.auth.by_desk.check(body.client_id)
    try:
        access, ttl = backend.enrollment.issue_token(body.client_id, body.client_secret)
    except Unauthorized as error:
        if error.error == "bad_credentials":
            limits.auth.by_address.note_failure(address)
            limits.auth.by_desk.note_failure(body.client_id)
        raise
    return {"access_token": access, "token_type": "bearer", "expires_in": ttl}
