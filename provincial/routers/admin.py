"""The province's admin (communes, enrollment codes, desks, the catalog) and the processing simulator.

Every route needs the admin token (Settings.admin_token) as its bearer token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from .. import schemas as S
from ..dependencies import BackendDep, require_admin
from ..models import Commune, Dossier
from .common import API, ERRORS, DossierCode

router = APIRouter(prefix=f"{API}/admin", dependencies=[Depends(require_admin)])


@router.post("/communes", response_model=S.CommuneOut, status_code=201, responses=ERRORS, tags=["admin"])
def create_commune(body: S.CommuneIn, backend: BackendDep) -> Commune:
    return backend.enrollment.create_commune(body.agency_code, body.name, body.parent_authority)


@router.post("/communes/{agency_code}/enrollment-codes", response_model=S.EnrollmentCodeOut, status_code=201,
             responses=ERRORS, tags=["admin"])
def enrollment_code(agency_code: Annotated[str, Path(pattern=S.AGENCY_PATTERN)], backend: BackendDep) -> dict:
    code, expires = backend.enrollment.issue_enrollment_code(agency_code)
    return {"code": code, "expires_utc": expires}


@router.get("/desks", response_model=list[S.DeskOut], tags=["admin"])
def desks(backend: BackendDep) -> list:
    return backend.enrollment.list_desks()


@router.post("/desks/{client_id}/revoke", status_code=204, responses=ERRORS, tags=["admin"])
def revoke(client_id: Annotated[str, Path(max_length=40)], backend: BackendDep) -> Response:
    backend.enrollment.revoke_desk(client_id)
    return Response(status_code=204)


@router.put("/catalog", response_model=dict, responses=ERRORS, tags=["admin"])
def import_catalog(body: S.CatalogIn, backend: BackendDep) -> dict:
    return {"etag": backend.catalog.import_procedures(body.procedures)}


@router.post("/dossiers/{code}/status", response_model=S.DossierOut, responses=ERRORS, tags=["simulator"])
def province_status(code: DossierCode, body: S.ProvinceStatusIn, backend: BackendDep) -> Dossier:
    return backend.simulator.move(code, body.status, handler=body.handler, unit=body.unit,
                                  handler_title=body.handler_title, note=body.note, at=body.at, due_at=body.due_at,
                                  documents=body.documents)


@router.post("/online-dossiers", response_model=S.DossierOut, status_code=201, responses=ERRORS, tags=["simulator"])
def online_dossier(body: S.OnlineDossierIn, backend: BackendDep) -> Dossier:
    return backend.simulator.apply_online(body.agency_code, body.record.model_dump(mode="json"))
