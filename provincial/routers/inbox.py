"""Online applications waiting for the desk's commune, and the desk's decision on each."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk
from ..models import Dossier
from .common import API, ERRORS, DossierCode, replay

router = APIRouter(prefix=API, tags=["inbox"])


@router.get("/inbox", response_model=list[S.DossierOut], responses=ERRORS)
def inbox(who: CurrentDesk, backend: BackendDep) -> list[Dossier]:
    return backend.inbox.waiting(who)


@router.post("/inbox/{code}/accept", response_model=S.EventOut, status_code=201, responses=ERRORS)
def accept(code: DossierCode, body: S.InboxAcceptIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.inbox.decide(who, code, body.client_txn_id, "accept", body.model_dump(mode="json")))


@router.post("/inbox/{code}/refuse", response_model=S.EventOut, status_code=201, responses=ERRORS)
def refuse(code: DossierCode, body: S.InboxRefuseIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.inbox.decide(who, code, body.client_txn_id, "refuse", body.model_dump(mode="json")))


@router.post("/inbox/{code}/request-supplement", response_model=S.EventOut, status_code=201, responses=ERRORS)
def supplement(code: DossierCode, body: S.InboxSupplementIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.inbox.decide(who, code, body.client_txn_id, "request-supplement",
                                       body.model_dump(mode="json")))
