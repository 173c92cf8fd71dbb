"""Digitized documents: resumable uploads per commune, verified by their SHA-256 (services/files.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from ..dependencies import BackendDep, CurrentDesk
from .common import API, ERRORS, Sha256

router = APIRouter(prefix=API, tags=["files"])
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _upload_complete(complete: bool) -> str:
    return "?1" if complete else "?0"


@router.head("/files/{sha256}", responses={200: {"description": "the server has the file, or part of it"},
                                           404: {"description": "unknown"}})
def file_head(sha256: Sha256, who: CurrentDesk, backend: BackendDep) -> Response:
    blob = backend.files.state(who.commune_id, sha256)
    if blob is None:
        return Response(status_code=404)
    return Response(status_code=200, headers={"Upload-Offset": str(blob.received), "Upload-Length": str(blob.length),
                                              "Upload-Complete": _upload_complete(blob.complete)})


@router.patch("/files/{sha256}", status_code=204, responses={201: {"description": "complete, hash verified"}, **ERRORS},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/offset+octet-stream": BINARY, "application/octet-stream": BINARY}}})
async def file_patch(sha256: Sha256, request: Request, who: CurrentDesk, backend: BackendDep,
                     upload_offset: Annotated[int, Header(ge=0, le=2**40)],
                     upload_length: Annotated[int, Header(ge=0, le=2**40)]) -> Response:
    chunk = await request.body()  # at most max_chunk_bytes: LimitAndLog counts the bytes as they arrive
    blob = await run_in_threadpool(backend.files.upload_chunk, who.commune_id, sha256, upload_offset,
                                   upload_length, chunk)
    return Response(status_code=201 if blob.complete else 204,
                    headers={"Upload-Offset": str(blob.received), "Upload-Complete": _upload_complete(blob.complete)})


@router.get("/files/{sha256}", responses=ERRORS, response_class=FileResponse)
def file_get(sha256: Sha256, who: CurrentDesk, backend: BackendDep) -> FileResponse:
    return FileResponse(backend.files.path_for(who.commune_id, sha256), media_type="application/octet-stream")
