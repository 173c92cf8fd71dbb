"""How every refusal reaches the client: the one place where errors become HTTP statuses and JSON bodies.

The body is always ``{"error": <machine code>, "message": <Vietnamese>}`` (docs/REST.md). Domain errors
(errors.py) get their status from STATUS and their headers from what they carry; request validation, unknown
routes and anything unexpected are said the same way.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    Malformed,
    NotFound,
    TooLarge,
    TooMany,
    Unauthorized,
)

log = logging.getLogger("provincial.http")

STATUS: dict[type[DomainError], int] = {
    Malformed: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, Conflict: 409, TooLarge: 413, Invalid: 422,
    TooMany: 429,
}
ROUTING_MESSAGES = {404: "Không có địa chỉ này.", 405: "Phương thức không được hỗ trợ."}


def error_response(status: int, error: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status, headers=headers)


def status_of(error: DomainError) -> int:
    return next(STATUS[kind] for kind in type(error).__mro__ if kind in STATUS)


def headers_of(error: DomainError) -> dict[str, str]:
    """What the client needs beside the body: when to retry, how to authenticate, where an upload goes on."""
    headers = {}
    if isinstance(error, TooMany):
        headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, Unauthorized) and error.challenge:
        headers["WWW-Authenticate"] = error.challenge
    if isinstance(error, (Conflict, Invalid)) and error.upload_offset is not None:
        headers["Upload-Offset"] = str(error.upload_offset)
    return headers


async def refused(_request: Request, error: DomainError) -> JSONResponse:
    return error_response(status_of(error), error.error, error.message, headers_of(error))


async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    return error_response(422, "invalid_request", f"Dữ liệu gửi lên không hợp lệ ở “{where}”: {first.get('msg', '')}")


async def routing_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
    return error_response(error.status_code, "http_error", ROUTING_MESSAGES.get(error.status_code, str(error.detail)),
                          getattr(error, "headers", None))


async def unexpected(_request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(500, "internal_error", "Lỗi máy chủ; yêu cầu chưa được thực hiện, có thể gửi lại.")


def install_error_handlers(app: FastAPI) -> None:
    # FastAPI's decorator, called: it takes a handler of the exception's own type (add_exception_handler's
    # signature insists on handlers of any Exception).
    app.exception_handler(DomainError)(refused)
    app.exception_handler(RequestValidationError)(invalid_request)
    app.exception_handler(StarletteHTTPException)(routing_error)
    app.exception_handler(Exception)(unexpected)
