"""Citizens' feedback (services/feedback.py): what desks put and pull, what the province's staff list and answer,
and what citizens send and read on the tracking site (rate-limited per address like every public route)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from contract.feedback import CATEGORIES, CODE_PATTERN, MAX_TEXT, MIN_TEXT, normalise_code

from .. import schemas as S
from ..dependencies import BackendDep, CurrentDesk, client_address, public_rate_limit, require_admin
from ..errors import DomainError, NotFound, TooMany
from ..feedback_pages import feedback_form_page, feedback_missing_page, feedback_status_page
from ..http_errors import headers_of
from .common import API, ERRORS, replay
from .public import PAGE_HEADERS

FeedbackCode = Annotated[str, Path(pattern=CODE_PATTERN, max_length=40)]
desk_router = APIRouter(prefix=API, tags=["feedback"])
admin_router = APIRouter(prefix=f"{API}/admin", tags=["admin"], dependencies=[Depends(require_admin)])
router = APIRouter(tags=["public"], dependencies=[Depends(public_rate_limit)])


# -- desks -------------------------------------------------------------------------------------------------------
@desk_router.put("/feedback/{code}", response_model=S.FeedbackItemOut, status_code=201, responses=ERRORS)
def put_feedback(code: FeedbackCode, body: S.FeedbackRecordIn, who: CurrentDesk, backend: BackendDep) -> JSONResponse:
    return replay(backend.feedback.put_from_desk(who, code, body.client_txn_id,
                                                 body.model_dump(mode="json", exclude={"client_txn_id"})))


@desk_router.post("/feedback/{code}/answer", response_model=S.FeedbackItemOut, responses=ERRORS)
def answer_feedback(code: FeedbackCode, body: S.FeedbackAnswerIn, who: CurrentDesk,
                    backend: BackendDep) -> JSONResponse:
    return replay(backend.feedback.answer_from_desk(who, code, body.client_txn_id,
                                                    body.model_dump(mode="json", exclude={"client_txn_id"})))


@desk_router.get("/feedback-changes", response_model=S.FeedbackPage, responses=ERRORS)
def feedback_changes(who: CurrentDesk, backend: BackendDep, cursor: Annotated[str, Query(max_length=200)] = "",
                     limit: Annotated[int, Query(ge=1, le=200)] = 100) -> dict:
    return backend.feedback.changes(who, cursor, limit)


# -- the province's staff ------------------------------------------------------------------------------------------
@admin_router.get("/feedback", response_model=list[S.FeedbackItemOut], responses=ERRORS)
def list_feedback(backend: BackendDep, commune: Annotated[str, Query(pattern=r"^[0-9A-Z.]{0,20}$")] = "",
                  state: Annotated[str, Query(pattern="^(open|answered|all)$")] = "open") -> list[dict]:
    return backend.feedback.listing(commune, state)


@admin_router.post("/feedback/{code}/answer", response_model=S.FeedbackItemOut, responses=ERRORS)
def province_answer(code: FeedbackCode, body: S.AdminFeedbackAnswerIn, backend: BackendDep) -> dict:
    return backend.feedback.answer_by_province(code, body.answer, body.answered_by)


# -- citizens --------------------------------------------------------------------------------------------------------
@router.get(f"{API}/feedback/form", response_model=S.FeedbackFormOut)
def feedback_form(backend: BackendDep) -> dict:
    return {"form_token": backend.feedback.form_token(), "communes": backend.feedback.communes(),
            "categories": CATEGORIES}


@router.post(f"{API}/feedback", response_model=S.FeedbackPublicOut, status_code=201, responses=ERRORS)
def send_feedback(body: S.PublicFeedbackIn, request: Request, backend: BackendDep) -> dict:
    row = backend.feedback.add_from_web(body.model_dump(), client_address(request))
    return backend.feedback.public_view(row.code)


@router.get(f"{API}/feedback", response_model=list[S.FeedbackPublicOut])
def published_feedback(backend: BackendDep) -> list[dict]:
    return backend.feedback.published()


@router.get(f"{API}/feedback/{{code}}", response_model=S.FeedbackPublicOut, responses=ERRORS)
def feedback_json(code: FeedbackCode, backend: BackendDep) -> dict:
    return backend.feedback.public_view(code)


@router.get("/phan-anh", response_class=HTMLResponse)
def feedback_page(backend: BackendDep, ma_ho_so: Annotated[str, Query(max_length=100)] = "",
                  ma: Annotated[str, Query(max_length=100)] = "") -> Response:
    """The form (``ma_ho_so`` fills the dossier code: the tracking page links here); ``ma`` opens a feedback."""
    if ma.strip():
        return RedirectResponse(f"/phan-anh/{quote(normalise_code(ma), safe='')}", status_code=303,
                                headers=PAGE_HEADERS)
    page = feedback_form_page(backend.feedback.form_token(), backend.feedback.communes(),
                              {"dossier_code": normalise_code(ma_ho_so)})
    return HTMLResponse(page, headers=PAGE_HEADERS)


FIELDS = ("form_token", "website", "commune", "dossier_code", "category", "text", "citizen_name", "phone", "email")
FIELD_PROBLEMS = {
    "commune": "Vui lòng chọn xã, phường trong danh sách.",
    "dossier_code": "Mã hồ sơ có dạng 000.00.53.H16-261123-0001 (in trên giấy tiếp nhận); để trống nếu không có.",
    "category": "Vui lòng chọn loại phản ánh.",
    "text": f"Nội dung phản ánh cần từ {MIN_TEXT} đến {MAX_TEXT} ký tự.",
    "citizen_name": "Họ tên tối đa 200 ký tự.",
    "phone": "Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 (hoặc +84).",
    "email": "Địa chỉ thư điện tử chưa đúng, ví dụ ten@example.vn.",
}


@router.post("/phan-anh", response_class=HTMLResponse)
async def send_feedback_form(request: Request, backend: BackendDep) -> Response:
    """The form sent: to the feedback's page, or the form again with what to correct (400, 429)."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    values = {name: (form.get(name) or [""])[0].strip() for name in FIELDS}
    values["dossier_code"] = normalise_code(values["dossier_code"])
    values["phone"] = "".join(values["phone"].split()).replace(".", "").replace("-", "")
    kept = {k: v for k, v in values.items() if k not in ("form_token", "website")}
    try:
        data = S.PublicFeedbackIn(**values).model_dump()
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0]) if error.errors()[0]["loc"] else ""
        message = FIELD_PROBLEMS.get(field, "Không gửi được phản ánh. Vui lòng tải lại trang và gửi lại.")
        return await _form_again(backend, kept, message, 400)
    try:
        row = await run_in_threadpool(backend.feedback.add_from_web, data, client_address(request))
    except TooMany as refused:
        return await _form_again(backend, kept, refused.message, 429, headers_of(refused))
    except DomainError as refused:
        return await _form_again(backend, kept, refused.message, 400)
    return RedirectResponse(f"/phan-anh/{quote(row.code, safe='')}?moi=1", status_code=303, headers=PAGE_HEADERS)


async def _form_again(backend, values: dict, message: str, status: int, headers: dict | None = None) -> HTMLResponse:
    communes = await run_in_threadpool(backend.feedback.communes)
    page = feedback_form_page(backend.feedback.form_token(), communes, values, message)
    return HTMLResponse(page, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})


@router.get("/phan-anh/{code}", response_class=HTMLResponse)
def feedback_status(code: Annotated[str, Path(max_length=60)], backend: BackendDep,
                    moi: Annotated[str, Query(max_length=2)] = "") -> HTMLResponse:
    code = normalise_code(code)
    try:
        view = backend.feedback.public_view(code)
    except NotFound as missing:
        return HTMLResponse(feedback_missing_page(code, missing.message), status_code=404, headers=PAGE_HEADERS)
    return HTMLResponse(feedback_status_page(view, just_sent=moi == "1"), headers=PAGE_HEADERS)
