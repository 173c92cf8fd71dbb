"""The province dashboard (issue 18): /bang-dieu-khien for the whole province, /bang-dieu-khien/xa/<agency> for a
commune and its late dossiers. For province staff only: they sign in with the admin token (the one credential
the server has for people, Settings.admin_token) on a form, and get a session cookie (8 hours, HttpOnly,
SameSite=Strict, Secure over HTTPS) that is an HMAC of its expiry under a key derived from that token, so
changing the token signs everyone out. A script may send the token as a bearer instead. Nothing here is public.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from datetime import date
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from contract.periods import Period, PeriodKind

from ..dashboard_pages import BASE, STYLE, commune_page, login_page, not_found_page, province_page
from ..dependencies import BackendDep, LimitsDep, SettingsDep, client_address
from ..services.indicators import ProvinceIndicators
from ..settings import Settings

router = APIRouter(tags=["dashboard"], include_in_schema=False)
COOKIE = "mc_tinh"
SESSION_S = 8 * 3600
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; img-src 'self'; "
                                      "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}
WRONG = "Mã quản trị không đúng."
Day = Annotated[date | None, Query()]


def _key(settings: Settings) -> bytes:
    return hashlib.sha256(b"mot-cua dashboard session\0" + settings.admin_token.encode()).digest()


def session_value(settings: Settings, now: float | None = None) -> str:
    expires = str(int((now or time.time()) + SESSION_S))
    return f"{expires}.{hmac.new(_key(settings), expires.encode(), hashlib.sha256).hexdigest()}"


def _valid_session(settings: Settings, value: str) -> bool:
    expires, _, mac = value.partition(".")
    if not settings.admin_token or not expires.isdigit() or int(expires) < time.time():
        return False
    return hmac.compare_digest(mac, hmac.new(_key(settings), expires.encode(), hashlib.sha256).hexdigest())


def _valid_token(settings: Settings, typed: str) -> bool:
    expected = settings.admin_token.encode()
    return bool(expected) and hmac.compare_digest(typed.encode(), expected)


async def staff(request: Request, settings: SettingsDep) -> bool:
    """A signed-in session cookie, or the admin token as a bearer: the pages answer the login page otherwise."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and _valid_token(settings, token.strip()):
        return True
    return _valid_session(settings, request.cookies.get(COOKIE, ""))


SignedIn = Annotated[bool, Depends(staff)]
TO_LOGIN = RedirectResponse(f"{BASE}/dang-nhap", status_code=303, headers=HEADERS)


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def chosen_period(ky: str, ngay: date | None, tu: date | None, den: date | None, today: date) -> Period:
    """The period of the query (?ky=month|quarter|year&ngay=… or ?ky=custom&tu=…&den=…); this month by default."""
    if ky == "custom" and tu and den:
        return Period.custom(min(tu, den), max(tu, den))
    kind = ky if ky in ("month", "quarter", "year") else "month"
    return Period.of(PeriodKind(kind), ngay or today)


@router.get(f"{BASE}/dang-nhap", response_class=HTMLResponse)
def login_form() -> HTMLResponse:
    return _html(login_page())


@router.post(f"{BASE}/dang-nhap", response_class=HTMLResponse)
async def login(request: Request, settings: SettingsDep, limits: LimitsDep) -> Response:
    address = client_address(request)
    await run_in_threadpool(limits.auth.by_address.check, address)
    typed = parse_qs((await request.body()).decode("utf-8", "replace")).get("ma", [""])[0]
    if not _valid_token(settings, typed):
        await run_in_threadpool(limits.auth.by_address.note_failure, address)
        return _html(login_page(WRONG), status=401)
    response = RedirectResponse(BASE, status_code=303, headers=HEADERS)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(COOKIE, session_value(settings), max_age=SESSION_S, path=BASE, httponly=True,
                        samesite="strict", secure=secure)
    return response


@router.post(f"{BASE}/dang-xuat")
def logout() -> Response:
    response = RedirectResponse(f"{BASE}/dang-nhap", status_code=303, headers=HEADERS)
    response.delete_cookie(COOKIE, path=BASE)
    return response


@router.get(BASE, response_class=HTMLResponse)
def province(signed_in: SignedIn, backend: BackendDep, ky: str = "month", ngay: Day = None, tu: Day = None,
             den: Day = None) -> Response:
    if not signed_in:
        return TO_LOGIN
    figures = ProvinceIndicators(backend.db)
    period = chosen_period(ky, ngay, tu, den, figures.clock().date())
    trend = figures.trend(period)  # refreshes the facts once for everything below
    return _html(province_page(period, figures.counts(period, fresh=True), figures.communes(),
                               figures.counts_by(period, "commune", fresh=True),
                               figures.counts_by(period, "sector", fresh=True), trend,
                               backend.feedback_counts(None, period.first, period.last)))


@router.get(f"{BASE}/xa/{{agency_code}}", response_class=HTMLResponse)
def commune(signed_in: SignedIn, agency_code: Annotated[str, Path(max_length=20)], backend: BackendDep,
            ky: str = "month", ngay: Day = None, tu: Day = None, den: Day = None) -> Response:
    if not signed_in:
        return TO_LOGIN
    figures = ProvinceIndicators(backend.db)
    found = figures.commune(agency_code)
    if found is None:
        return _html(not_found_page(agency_code), 404)
    period = chosen_period(ky, ngay, tu, den, figures.clock().date())
    late = figures.late_list(period, found.id)
    return _html(commune_page(found, period, figures.counts(period, found.id, fresh=True), late,
                              _commune_trend(figures, period, found.id),
                              backend.feedback_counts(found.id, period.first, period.last)))


def _commune_trend(figures: ProvinceIndicators, period: Period, commune_id: int) -> list:
    months = []
    for back in range(11, -1, -1):
        year, month = divmod(period.last.year * 12 + period.last.month - 1 - back, 12)
        p = Period.of(PeriodKind.MONTH, date(year, month + 1, 1))
        months.append((p, figures.counts(p, commune_id, fresh=True)))
    return months
