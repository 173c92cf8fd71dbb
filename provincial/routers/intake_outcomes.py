"""Guidance and refusals given at a commune's counter before any dossier code existed (services/outcomes.py)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk
from .common import API, ERRORS, IntakeReference, replay

router = APIRouter(prefix=API, tags=["intake-outcomes"])


@router.put("/intake-outcomes/{reference}", response_model=S.IntakeOutcomeOut, status_code=201, responses=ERRORS)
def intake_outcome(reference: IntakeReference, body: S.IntakeOutcomeIn, who: CurrentDesk,
                   backend: BackendDep) -> JSONResponse:
    return replay(backend.outcomes.put(who, reference, body.client_txn_id,
                                       body.model_dump(mode="json", exclude={"client_txn_id"})))
