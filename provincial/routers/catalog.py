"""The catalog of procedures the desks pull, with its ETag."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi.responses import JSONResponse

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk
from .common import API, ERRORS

router = APIRouter(prefix=API, tags=["catalog"])


@router.get("/catalog", response_model=S.CatalogOut, responses={304: {"description": "Not modified"}, **ERRORS})
def catalog(_desk: CurrentDesk, backend: BackendDep,
            if_none_match: Annotated[str | None, Header(max_length=200)] = None) -> Response:
    etag = backend.catalog.current_etag()  # one row: a desk polling an unchanged catalog costs no more
    if if_none_match and if_none_match.strip() == etag:
        return Response(status_code=304, headers={"ETag": etag})
    data = backend.catalog.current()
    return JSONResponse(data, headers={"ETag": data["etag"]})
