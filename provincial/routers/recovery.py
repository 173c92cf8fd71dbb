"""What a desk needs to recover: audit anchors and the rebuild export (docs/REST.md, “Recovery”)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk
from .common import API, ERRORS, replay

router = APIRouter(prefix=API, tags=["recovery"])
AnchorNumber = Annotated[int, Path(ge=0, le=2**53 - 1, description="the desk's anchor number, increasing")]


@router.put("/audit-anchors/{seq}", response_model=S.AuditAnchorOut, status_code=201, responses=ERRORS)
def put_audit_anchor(seq: AnchorNumber, body: S.AuditAnchorIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    """Keep the head of the desk's audit chain: 201 stored, 200 the same anchor again."""
    return replay(backend.recovery.put_anchor(who, seq, body.client_txn_id,
                                              body.model_dump(mode="json", exclude={"client_txn_id"})))


@router.get("/audit-anchors/latest", response_model=S.AuditAnchorOut, responses=ERRORS)
def latest_audit_anchor(who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return JSONResponse(backend.recovery.latest_anchor(who))


@router.get("/export/dossiers", response_model=S.ExportPage, responses=ERRORS)
def export_dossiers(who: CurrentDesk, backend: BackendDep, cursor: Annotated[str, Query(max_length=100)] = "",
                    limit: Annotated[int, Query(ge=1, le=200)] = 100) -> JSONResponse:
    """Every dossier of the desk's commune, in id order, with its steps: to rebuild a lost desk."""
    return JSONResponse(backend.recovery.export_dossiers(who, cursor, limit))
