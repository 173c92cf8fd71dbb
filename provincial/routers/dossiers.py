"""A desk's dossiers: intake records (the sync's hot path), the steps it records, ratings, the portal's shapes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk
from ..models import Dossier
from .common import API, ERRORS, DossierCode, replay

router = APIRouter(prefix=API, tags=["dossiers"])


@router.put("/dossiers/{code}", response_model=S.DossierOut, status_code=201, responses=ERRORS)
async def upsert(code: DossierCode, body: S.DossierUpsertIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    record = body.record.model_dump(mode="json")
    if backend.db.is_sqlite:
        # On the event loop, not in the thread pool: the hand-off to a worker thread and back cost as much as
        # the upsert itself (≈ 2 ms, fsync included), and SQLite serialises writers anyway.
        return replay(backend.dossiers.upsert(who, code, body.client_txn_id, record))
    # PostgreSQL takes writers side by side: a new dossier (or a replay) on an async connection, the loop
    # serving other requests meanwhile; an update through the ORM in the thread pool.
    answer = None
    if backend.db.async_pool is not None:
        answer = await backend.dossiers.upsert_on_loop(who, code, body.client_txn_id, record)
    if answer is None:
        answer = await run_in_threadpool(backend.dossiers.upsert, who, code, body.client_txn_id, record)
    return replay(answer)


@router.get("/dossiers/{code}", response_model=S.DossierOut, responses=ERRORS)
def get_dossier(code: DossierCode, who: CurrentDesk, backend: BackendDep) -> Dossier:
    return backend.dossiers.get(who, code)


@router.post("/dossiers/{code}/events", response_model=S.EventOut, status_code=201, responses=ERRORS)
def post_event(code: DossierCode, body: S.EventIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.dossiers.record_step(who, code, body.client_txn_id, body.model_dump(mode="json")))


@router.post("/dossiers/{code}/rating", response_model=S.RatingOut, status_code=201, responses=ERRORS)
def rate(code: DossierCode, body: S.RatingIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.dossiers.rate(who, code, body.client_txn_id, body.level, body.source))


@router.get("/dossiers/{code}/dvcqg", responses=ERRORS)
def dvcqg(code: DossierCode, who: CurrentDesk, backend: BackendDep) -> dict:
    # DongBoHoSoMC and CapNhatTienDoHoSoMC (dvcqg.py; fields and sources in docs/LEGAL.md). No docstring: it
    # would become the operation's description in openapi.json.
    backend.dossiers.get(who, code)  # ownership check
    return backend.dossiers.dvcqg(code)
