"""The routes of recovery.py: audit anchors and the rebuild export (docs/REST.md, “Recovery”)."""


from typing import Annotated

from fastapi import FastAPI, Path, Query
from fastapi.responses import JSONResponse

from . import schemas as S

API = "/api/v1"
AnchorNumber = Annotated[int, Path(ge=0, le=2**53 - 1, description="the desk's anchor number, increasing")]


def add_recovery_routes(app: FastAPI, backend, Desk, replay, errors: dict) -> None:
    @app.put(f"{API}/audit-anchors/{{seq}}", response_model=S.AuditAnchorOut, status_code=201, responses=errors,
             tags=["recovery"])
    def put_audit_anchor(seq: AnchorNumber, body: S.AuditAnchorIn, who: Desk) -> JSONResponse:
        """Keep the head of the desk's audit chain: 201 stored, 200 the same anchor again."""
        return replay(backend.recovery.put_anchor(who, seq, body.client_txn_id,
                                                  body.model_dump(mode="json", exclude={"client_txn_id"})))

    @app.get(f"{API}/audit-anchors/latest", response_model=S.AuditAnchorOut, responses=errors, tags=["recovery"])
    def latest_audit_anchor(who: Desk) -> JSONResponse:
        return JSONResponse(backend.recovery.latest_anchor(who))

    @app.get(f"{API}/export/dossiers", response_model=S.ExportPage, responses=errors, tags=["recovery"])
    def export_dossiers(who: Desk, cursor: Annotated[str, Query(max_length=100)] = "",
                        limit: Annotated[int, Query(ge=1, le=200)] = 100) -> JSONResponse:
        """Every dossier of the desk's commune, in id order, with its steps: to rebuild a lost desk."""
        return JSONResponse(backend.recovery.export_dossiers(who, cursor, limit))
