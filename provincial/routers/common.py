"""What the routers share: the API's prefix, the documented error answers, path parameters, stored answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path
from fastapi.responses import JSONResponse

from .. import schemas as S

API = "/api/v1"
# The refusals a route may answer with, all in the one shape of http_errors.py (documented in openapi.json).
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": S.ErrorOut} for status in (400, 401, 403, 404, 409, 413, 422, 429)}
DossierCode = Annotated[str, Path(pattern=S.DOSSIER_CODE_PATTERN, max_length=40)]
Sha256 = Annotated[str, Path(pattern=S.SHA256_PATTERN)]
IntakeReference = Annotated[str, Path(pattern=S.INTAKE_REFERENCE_PATTERN, max_length=40)]


def replay(answer: tuple[int, dict]) -> JSONResponse:
    """An idempotent write's answer, sent as it is: it is already JSON-ready (and, for a replay, exactly what
    was stored), so FastAPI does not validate it again against the response model (bench/provincial_upserts.py)."""
    return JSONResponse(answer[1], status_code=answer[0])
