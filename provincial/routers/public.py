"""What citizens reach without a desk: the tracking page and its JSON twin, ratings (feedback: feedback.py).

Every route here is rate-limited per client address. The pages run no script at all; their one stylesheet
is inline, allowed by its hash (no 'unsafe-inline').
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import schemas as S
from ..dependencies import BackendDep, public_rate_limit
from ..errors import TooMany
from ..http_errors import headers_of
from ..pages import STYLE, search_page, tracking_page
from .common import API, ERRORS, DossierCode

router = APIRouter(tags=["public"], dependencies=[Depends(public_rate_limit)])

# The proofs a citizen may give on the tracking page (docs/REST.md): long enough for anything typed by hand.
Signature = Annotated[str, Query(max_length=200, description="the receipt QR's signature")]
CheckCode = Annotated[str, Query(max_length=100, description="the check code printed on the receipt (ABCD-EFGH)")]
IdLast4 = Annotated[str, Query(max_length=100, description="the last 4 digits of the owner's ID number, for a "
                                                           "receipt printed without signature")]
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
PAGE_POLICY = (f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'; base-uri 'none'; "
               "frame-ancestors 'none'")
PAGE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Content-Security-Policy": PAGE_POLICY}
WRONG_DOSSIER_CODE = ("Mã hồ sơ chưa đúng. Vui lòng nhập đúng mã in trên giấy tiếp nhận, "
                      "ví dụ 000.00.53.H16-261123-0001.")


@router.get(f"{API}/tracking/{{code}}", response_model=S.TrackingOut, responses=ERRORS)
def tracking_json(code: Annotated[str, Path(max_length=40)], backend: BackendDep, sig: Signature = "",
                  ma: CheckCode = "", so: IdLast4 = "") -> dict:
    return backend.tracking.look_up(code, signature=sig, check=ma, id_last4=so)


@router.get("/tra-cuu", response_class=HTMLResponse)
def tracking_search(ma_ho_so: Annotated[str, Query(max_length=100)] = "", ma: CheckCode = "") -> Response:
    """The form for a receipt in hand: dossier code and check code, answered at /tra-cuu/<code>?ma=…"""
    if not ma_ho_so.strip():
        return HTMLResponse(search_page(), headers=PAGE_HEADERS)
    dossier_code = "".join(ma_ho_so.split()).upper()
    if not re.fullmatch(S.DOSSIER_CODE_PATTERN, dossier_code):
        return HTMLResponse(search_page(WRONG_DOSSIER_CODE, ma_ho_so, ma), headers=PAGE_HEADERS)
    query = f"?{urlencode({'ma': ma.strip()})}" if ma.strip() else ""
    return RedirectResponse(f"/tra-cuu/{dossier_code}{query}", status_code=303, headers=PAGE_HEADERS)


@router.get("/tra-cuu/{code}", response_class=HTMLResponse)
def tracking_html(code: Annotated[str, Path(max_length=40)], backend: BackendDep, sig: Signature = "",
                  ma: CheckCode = "", so: IdLast4 = "") -> HTMLResponse:
    try:
        data = backend.tracking.look_up(code, signature=sig, check=ma, id_last4=so)
    except TooMany as error:
        # Too many wrong codes for this dossier: the page says so in plain words, with the HTTP status.
        data = {"code": code, "verified": False, "message": error.message, "needs": None}
        return HTMLResponse(tracking_page(data), status_code=429, headers={**PAGE_HEADERS, **headers_of(error)})
    return HTMLResponse(tracking_page(data, typed_check=ma), headers=PAGE_HEADERS)


@router.post(f"{API}/tracking/{{code}}/rating", response_model=S.RatingOut, status_code=201, responses=ERRORS)
def public_rating(code: DossierCode, body: S.PublicRatingIn, backend: BackendDep) -> dict:
    return backend.feedback.rate(code, body.sig, body.level)
