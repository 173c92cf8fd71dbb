"""The HTTP face of the backend (FastAPI). Versioned under /api/v1; the tracking page at /tra-cuu."""


import base64
import hashlib
import hmac
import logging
import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import schemas as S
from .dvcqg import cap_nhat_tien_do, dong_bo_ho_so
from .limits import AuthLimits, LimitAndLog, RateLimiter
from .limits import error_response as _error
from .longpoll import FALLBACK_S, ChangeSignal, LongPollSlots, wait_for_changes
from .pages import STYLE, search_page, tracking_page
from .recovery_routes import add_recovery_routes
from .service import ApiError, Backend, DeskIdentity

log = logging.getLogger("provincial.http")
API = "/api/v1"
DossierCode = Annotated[str, Path(pattern=S.DOSSIER_CODE_PATTERN, max_length=40)]
Sha256 = Annotated[str, Path(pattern=S.SHA256_PATTERN)]
IntakeReference = Annotated[str, Path(pattern=S.INTAKE_REFERENCE_PATTERN, max_length=40)]
# The proofs a citizen may give on the tracking page (docs/REST.md): long enough for anything typed by hand.
Signature = Annotated[str, Query(max_length=200, description="the receipt QR's signature")]
CheckCode = Annotated[str, Query(max_length=100, description="the check code printed on the receipt (ABCD-EFGH)")]
IdLast4 = Annotated[str, Query(max_length=100, description="the last 4 digits of the owner's ID number, for a "
                                                           "receipt printed without signature")]
# The pages run no script at all; their one stylesheet is inline, allowed by its hash (no 'unsafe-inline').
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
PAGE_POLICY = (f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'; base-uri 'none'; "
               "frame-ancestors 'none'")
PAGE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Content-Security-Policy": PAGE_POLICY}
WRONG_DOSSIER_CODE = ("Mã hồ sơ chưa đúng. Vui lòng nhập đúng mã in trên giấy tiếp nhận, "
                      "ví dụ 000.00.53.H16-261123-0001.")
ERRORS = {status: {"model": S.ErrorOut} for status in (400, 401, 403, 404, 409, 413, 422, 429)}


def create_app(backend: Backend, *, admin_token: str, public_per_minute: int = 60,
               max_json_bytes: int = 1_000_000, max_chunk_bytes: int = 8 * 1024 * 1024,
               auth_per_minute: int = 30, token_per_desk_per_minute: int = 10,
               long_polls_per_desk: int = 2) -> FastAPI:
    app = FastAPI(title="Một Cửa — provincial online-services backend", version="1.0.0",
                  description="REST contract between commune counter desks and the province (see docs/REST.md).")
    limiter = RateLimiter(public_per_minute)
    auth_limits = AuthLimits(auth_per_minute, token_per_desk_per_minute)
    bearer = HTTPBearer(auto_error=False)
    change_signal, long_polls = ChangeSignal(), LongPollSlots(long_polls_per_desk)
    backend.on_changes_committed = change_signal.notify

    # -- plumbing ------------------------------------------------------------------------------
    app.add_middleware(LimitAndLog, max_json_bytes=max_json_bytes, max_chunk_bytes=max_chunk_bytes)

    @app.exception_handler(ApiError)
    async def api_error(_request, error: ApiError):
        return _error(error.status, error.error, error.message, error.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request, error: RequestValidationError):
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(422, "invalid_request", f"Dữ liệu gửi lên không hợp lệ ở “{where}”: {first.get('msg', '')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request, error: StarletteHTTPException):
        messages = {404: "Không có địa chỉ này.", 405: "Phương thức không được hỗ trợ."}
        return _error(error.status_code, "http_error", messages.get(error.status_code, str(error.detail)),
                      getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(_request, error: Exception):
        log.exception("unexpected error", exc_info=error)
        return _error(500, "internal_error", "Lỗi máy chủ; yêu cầu chưa được thực hiện, có thể gửi lại.")

    class DeskBearer(HTTPBearer):
        """The desk behind a bearer token, in one dependency (one level less to solve on every request of
        the sync hot path); documented as the same HTTPBearer scheme."""

        async def __call__(self, request: Request) -> DeskIdentity:  # type: ignore[override]
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "no_token", "Thiếu mã truy cập.", {"WWW-Authenticate": "Bearer"})
            token = token.strip()
            return backend.cached_identity(token) or await run_in_threadpool(backend.authenticate, token)

    desk = DeskBearer(auto_error=False, scheme_name="HTTPBearer")

    async def admin(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), admin_token.encode()):
            raise ApiError(401, "not_admin", "Cần mã quản trị.", {"WWW-Authenticate": "Bearer"})

    def address(request: Request) -> str:
        return request.client.host if request.client else "?"

    def public(request: Request) -> None:
        limiter.check(address(request))

    Desk = Annotated[DeskIdentity, Depends(desk)]

    def replay(result: tuple[int, dict]) -> JSONResponse:
        # The answer is already JSON-ready (and, for a replay, exactly what was stored): sent as it
        # is, without FastAPI validating it again against the response model (bench/provincial_upserts.py).
        return JSONResponse(result[1], status_code=result[0])

    # -- health ----------------------------------------------------------------------------------
    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict:  # on the event loop: answers even when every worker thread is busy
        return {"status": "ok"}

    # -- enrollment and tokens ---------------------------------------------------------------------
    @app.post(f"{API}/enroll", response_model=S.EnrollOut, status_code=201, responses=ERRORS, tags=["auth"])
    def enroll(body: S.EnrollIn, request: Request) -> dict:
        auth_limits.by_address.check(address(request))
        try:
            desk_row, secret, commune = backend.enroll(body.code, body.desk_name, body.public_key)
        except ApiError as error:
            if error.error == "bad_enrollment_code":
                auth_limits.by_address.note_failure(address(request))
            raise
        return {"client_id": desk_row.client_id, "client_secret": secret,
                "commune": {"agency_code": commune.agency_code, "name": commune.name,
                            "parent_authority": commune.parent_authority}}

    @app.post(f"{API}/token", response_model=S.TokenOut, responses=ERRORS, tags=["auth"])
    def token(body: S.TokenIn, request: Request) -> dict:
        auth_limits.by_address.check(address(request))
        auth_limits.by_desk.check(body.client_id)
        try:
            access, ttl = backend.issue_token(body.client_id, body.client_secret)
        except ApiError as error:
            if error.error == "bad_credentials":
                auth_limits.by_address.note_failure(address(request))
                auth_limits.by_desk.note_failure(body.client_id)
            raise
        return {"access_token": access, "token_type": "bearer", "expires_in": ttl}

    # -- catalog ---------------------------------------------------------------------------------------
    @app.get(f"{API}/catalog", response_model=S.CatalogOut, responses={304: {"description": "Not modified"},
                                                                        **ERRORS}, tags=["catalog"])
    def catalog(_desk: Desk, if_none_match: Annotated[str | None, Header(max_length=200)] = None):
        data = backend.catalog()
        if if_none_match and if_none_match.strip() == data["etag"]:
            return Response(status_code=304, headers={"ETag": data["etag"]})
        return JSONResponse(data, headers={"ETag": data["etag"]})

    # -- dossiers ----------------------------------------------------------------------------------------
    @app.put(f"{API}/dossiers/{{code}}", response_model=S.DossierOut, status_code=201, responses=ERRORS,
             tags=["dossiers"])
    async def upsert(code: DossierCode, body: S.DossierUpsertIn, who: Desk) -> JSONResponse:
        # Run on the event loop, not in the thread pool: the hand-off to a worker thread and back cost
        # as much as the upsert itself (≈ 2 ms, fsync included), and SQLite serialises writers anyway.
        return replay(backend.upsert_dossier(who, code, body.client_txn_id, body.record.model_dump(mode="json")))

    @app.get(f"{API}/dossiers/{{code}}", response_model=S.DossierOut, responses=ERRORS, tags=["dossiers"])
    def get_dossier(code: DossierCode, who: Desk) -> dict:
        return backend.get_dossier(who, code)

    @app.post(f"{API}/dossiers/{{code}}/events", response_model=S.EventOut, status_code=201, responses=ERRORS,
              tags=["dossiers"])
    def post_event(code: DossierCode, body: S.EventIn, who: Desk) -> JSONResponse:
        return replay(backend.desk_event(who, code, body.client_txn_id, body.model_dump(mode="json")))

    @app.post(f"{API}/dossiers/{{code}}/rating", response_model=S.RatingOut, status_code=201, responses=ERRORS,
              tags=["dossiers"])
    def rate(code: DossierCode, body: S.RatingIn, who: Desk) -> JSONResponse:
        return replay(backend.rate(who, code, body.client_txn_id, body.level, body.source))

    @app.get(f"{API}/dossiers/{{code}}/dvcqg", responses=ERRORS, tags=["dossiers"])
    def dvcqg(code: DossierCode, who: Desk) -> dict:
        backend.get_dossier(who, code)  # ownership check
        dossier, events = backend.steps(code)
        returned = next((e.at for e in reversed(events) if e.to_status == 10), None)
        return {"DongBoHoSoMC": dong_bo_ho_so(dossier.code, dossier.status, dossier.record, returned),
                "CapNhatTienDoHoSoMC": [cap_nhat_tien_do(dossier.code, e) for e in events]}

    # -- guidance and refusal at intake ---------------------------------------------------------------------
    @app.put(f"{API}/intake-outcomes/{{reference}}", response_model=S.IntakeOutcomeOut, status_code=201,
             responses=ERRORS, tags=["intake-outcomes"])
    def intake_outcome(reference: IntakeReference, body: S.IntakeOutcomeIn, who: Desk) -> JSONResponse:
        return replay(backend.put_intake_outcome(who, reference, body.client_txn_id,
                                                 body.model_dump(mode="json", exclude={"client_txn_id"})))

    # -- online inbox --------------------------------------------------------------------------------------
    @app.get(f"{API}/inbox", response_model=list[S.DossierOut], responses=ERRORS, tags=["inbox"])
    def inbox(who: Desk) -> list[dict]:
        return backend.inbox(who)

    @app.post(f"{API}/inbox/{{code}}/accept", response_model=S.EventOut, status_code=201, responses=ERRORS,
              tags=["inbox"])
    def accept(code: DossierCode, body: S.InboxAcceptIn, who: Desk) -> JSONResponse:
        return replay(backend.inbox_decision(who, code, body.client_txn_id, "accept", body.model_dump(mode="json")))

    @app.post(f"{API}/inbox/{{code}}/refuse", response_model=S.EventOut, status_code=201, responses=ERRORS,
              tags=["inbox"])
    def refuse(code: DossierCode, body: S.InboxRefuseIn, who: Desk) -> JSONResponse:
        return replay(backend.inbox_decision(who, code, body.client_txn_id, "refuse", body.model_dump(mode="json")))

    @app.post(f"{API}/inbox/{{code}}/request-supplement", response_model=S.EventOut, status_code=201,
              responses=ERRORS, tags=["inbox"])
    def supplement(code: DossierCode, body: S.InboxSupplementIn, who: Desk) -> JSONResponse:
        return replay(backend.inbox_decision(who, code, body.client_txn_id, "request-supplement",
                                             body.model_dump(mode="json")))

    # -- changes feed ----------------------------------------------------------------------------------------
    @app.get(f"{API}/changes", response_model=S.ChangesPage, responses=ERRORS, tags=["changes"])
    async def changes(request: Request, who: Desk, cursor: Annotated[str, Query(max_length=100)] = "",
                      limit: Annotated[int, Query(ge=1, le=500)] = 100,
                      wait: Annotated[int, Query(ge=0, le=25, description="long-poll seconds")] = 0) -> JSONResponse:
        # A coroutine: a long-poll waits on the event loop (longpoll.py), the reads run briefly in the pool.
        async def read() -> dict:
            return await run_in_threadpool(backend.changes, who, cursor, limit)

        if wait == 0:
            return JSONResponse(await read())
        if not long_polls.take(who.desk_id):
            # Beyond the desk's long-polls: answered at once, without even reading the feed, with the time to
            # wait before the next one (a held long-poll whose client went away frees its slot within that).
            raise ApiError(429, "too_many_long_polls", f"Máy quầy này đã có {long_polls.per_desk} yêu cầu chờ thay "
                           "đổi đang mở; hãy dùng kết quả của chúng.", {"Retry-After": str(int(FALLBACK_S) + 1)})
        try:
            return JSONResponse(await wait_for_changes(change_signal, read, wait, request.is_disconnected))
        finally:
            long_polls.give_back(who.desk_id)

    # -- files -------------------------------------------------------------------------------------------------
    @app.head(f"{API}/files/{{sha256}}", responses={200: {"description": "the server has the file, or part of it"},
                                                     404: {"description": "unknown"}}, tags=["files"])
    def file_head(sha256: Sha256, who: Desk) -> Response:
        blob = backend.files.state(who.commune_id, sha256)
        if blob is None:
            return Response(status_code=404)
        return Response(status_code=200, headers={"Upload-Offset": str(blob.received), "Upload-Length": str(blob.length),
                                                  "Upload-Complete": "?1" if blob.complete else "?0"})

    @app.patch(f"{API}/files/{{sha256}}", status_code=204, responses={201: {"description": "complete, hash verified"},
                                                                      **ERRORS}, tags=["files"],
               openapi_extra={"requestBody": {"required": True, "content": {
                   "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}},
                   "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def file_patch(sha256: Sha256, request: Request, who: Desk,
                         upload_offset: Annotated[int, Header(ge=0, le=2**40)],
                         upload_length: Annotated[int, Header(ge=0, le=2**40)]) -> Response:
        chunk = await request.body()  # at most max_chunk_bytes: LimitAndLog counts the bytes as they arrive
        blob = await run_in_threadpool(backend.files.upload_chunk, who.commune_id, sha256, upload_offset,
                                       upload_length, chunk)
        return Response(status_code=201 if blob.complete else 204,
                        headers={"Upload-Offset": str(blob.received), "Upload-Complete": "?1" if blob.complete else "?0"})

    @app.get(f"{API}/files/{{sha256}}", responses=ERRORS, tags=["files"],
             response_class=FileResponse)
    def file_get(sha256: Sha256, who: Desk) -> FileResponse:
        return FileResponse(backend.files.path_for(who.commune_id, sha256), media_type="application/octet-stream")

    add_recovery_routes(app, backend, Desk, replay, ERRORS)

    # -- public: tracking, feedback, ratings ----------------------------------------------------------------------
    @app.get(f"{API}/tracking/{{code}}", response_model=S.TrackingOut, responses=ERRORS, tags=["public"],
             dependencies=[Depends(public)])
    def tracking_json(code: Annotated[str, Path(max_length=40)], sig: Signature = "", ma: CheckCode = "",
                      so: IdLast4 = "") -> dict:
        return backend.tracking(code, sig, ma, so)

    @app.get("/tra-cuu", response_class=HTMLResponse, tags=["public"], dependencies=[Depends(public)])
    def tracking_search(ma_ho_so: Annotated[str, Query(max_length=100)] = "", ma: CheckCode = ""):
        """The form for a receipt in hand: dossier code and check code, answered at /tra-cuu/<code>?ma=…"""
        if not ma_ho_so.strip():
            return HTMLResponse(search_page(), headers=PAGE_HEADERS)
        dossier_code = "".join(ma_ho_so.split()).upper()
        if not re.fullmatch(S.DOSSIER_CODE_PATTERN, dossier_code):
            return HTMLResponse(search_page(WRONG_DOSSIER_CODE, ma_ho_so, ma), headers=PAGE_HEADERS)
        query = f"?{urlencode({'ma': ma.strip()})}" if ma.strip() else ""
        return RedirectResponse(f"/tra-cuu/{dossier_code}{query}", status_code=303, headers=PAGE_HEADERS)

    @app.get("/tra-cuu/{code}", response_class=HTMLResponse, tags=["public"], dependencies=[Depends(public)])
    def tracking_html(code: Annotated[str, Path(max_length=40)], sig: Signature = "", ma: CheckCode = "",
                      so: IdLast4 = "") -> HTMLResponse:
        try:
            data = backend.tracking(code, sig, ma, so)
        except ApiError as error:
            if error.status != 429:
                raise
            # Too many wrong codes for this dossier: the page says so in plain words, with the HTTP status.
            data = {"code": code, "verified": False, "message": error.message, "needs": None}
            return HTMLResponse(tracking_page(data), status_code=429, headers={**PAGE_HEADERS, **error.headers})
        return HTMLResponse(tracking_page(data, typed_check=ma), headers=PAGE_HEADERS)

    @app.post(f"{API}/tracking/{{code}}/rating", response_model=S.RatingOut, status_code=201, responses=ERRORS,
              tags=["public"], dependencies=[Depends(public)])
    def public_rating(code: DossierCode, body: S.PublicRatingIn) -> dict:
        return backend.public_rating(code, body.sig, body.level)

    @app.post(f"{API}/feedback", response_model=S.FeedbackOut, status_code=201, responses=ERRORS, tags=["public"],
              dependencies=[Depends(public)])
    def feedback(body: S.FeedbackIn) -> dict:
        row = backend.add_feedback(body.model_dump())
        return {"id": row.id, "title": row.title, "content": row.content, "status": row.status, "reply": row.reply}

    @app.get(f"{API}/feedback", response_model=list[S.FeedbackOut], tags=["public"], dependencies=[Depends(public)])
    def public_feedback() -> list[dict]:
        return [{"id": r.id, "title": r.title, "content": r.content, "status": r.status, "reply": r.reply}
                for r in backend.public_feedback()]

    # -- admin and the processing simulator ------------------------------------------------------------------------
    Admin = Depends(admin)

    @app.post(f"{API}/admin/communes", response_model=S.CommuneOut, status_code=201, responses=ERRORS,
              tags=["admin"], dependencies=[Admin])
    def create_commune(body: S.CommuneIn) -> dict:
        commune = backend.create_commune(body.agency_code, body.name, body.parent_authority)
        return {"agency_code": commune.agency_code, "name": commune.name, "parent_authority": commune.parent_authority}

    @app.post(f"{API}/admin/communes/{{agency_code}}/enrollment-codes", response_model=S.EnrollmentCodeOut,
              status_code=201, responses=ERRORS, tags=["admin"], dependencies=[Admin])
    def enrollment_code(agency_code: Annotated[str, Path(pattern=S.AGENCY_PATTERN)]) -> dict:
        code, expires = backend.issue_enrollment_code(agency_code)
        return {"code": code, "expires_utc": expires}

    @app.get(f"{API}/admin/desks", response_model=list[S.DeskOut], tags=["admin"], dependencies=[Admin])
    def desks() -> list[dict]:
        return [{"client_id": d.client_id, "name": d.name, "agency_code": agency, "revoked": d.revoked_utc is not None}
                for d, agency in backend.list_desks()]

    @app.post(f"{API}/admin/desks/{{client_id}}/revoke", status_code=204, responses=ERRORS, tags=["admin"],
              dependencies=[Admin])
    def revoke(client_id: Annotated[str, Path(max_length=40)]) -> Response:
        backend.revoke_desk(client_id)
        return Response(status_code=204)

    @app.put(f"{API}/admin/catalog", response_model=dict, responses=ERRORS, tags=["admin"], dependencies=[Admin])
    def import_catalog(body: S.CatalogIn) -> dict:
        return {"etag": backend.import_catalog(body.procedures)}

    @app.post(f"{API}/admin/dossiers/{{code}}/status", response_model=S.DossierOut, responses=ERRORS,
              tags=["simulator"], dependencies=[Admin])
    def province_status(code: DossierCode, body: S.ProvinceStatusIn) -> dict:
        return backend.province_status(code, body.status, handler=body.handler, unit=body.unit,
                                       handler_title=body.handler_title, note=body.note, at=body.at,
                                       due_at=body.due_at, documents=body.documents)

    @app.post(f"{API}/admin/online-dossiers", response_model=S.DossierOut, status_code=201, responses=ERRORS,
              tags=["simulator"], dependencies=[Admin])
    def online_dossier(body: S.OnlineDossierIn) -> dict:
        return backend.create_online_dossier(body.agency_code, body.record.model_dump(mode="json"))

    return app
