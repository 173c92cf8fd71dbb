"""What the routes ask FastAPI for: the backend, the settings, the desk behind a token, the admin check and the
rate limits. Each is a dependency, so a test can replace it (``app.dependency_overrides[current_desk] = …``).

They are coroutines on purpose: a plain function dependency would hop to the thread pool on every request,
and the sync hot path (a desk pushing dossiers) cannot afford that hop.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from .database import ServerDatabase
from .errors import Unauthorized
from .limits import AuthLimits, RateLimiter
from .longpoll import ChangeSignal, LongPollSlots
from .service import Backend, DeskIdentity
from .services.enrollment import Enrollment
from .settings import Settings
from .shared import SharedRateLimiter


class RequestLimits:
    """The app's counters: public pages per address, failed enrollments and tokens, long-polls per desk.

    Given a PostgreSQL database, the rates are counted in it, over every process that serves it (shared.py);
    otherwise in this process. Long-polls are counted per process (each holds its own)."""

    def __init__(self, settings: Settings, db: ServerDatabase | None = None):
        self.shared = db is not None and not db.is_sqlite
        self.public: RateLimiter | SharedRateLimiter
        if db is not None and self.shared:
            self.public = SharedRateLimiter(db, "public", settings.public_per_minute)
            self.auth = AuthLimits(settings.auth_per_minute, settings.token_per_desk_per_minute, db=db)
        else:
            self.public = RateLimiter(settings.public_per_minute)
            self.auth = AuthLimits(settings.auth_per_minute, settings.token_per_desk_per_minute)
        self.long_polls = LongPollSlots(settings.long_polls_per_desk)


async def get_backend(request: Request) -> Backend:
    return request.app.state.backend


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_limits(request: Request) -> RequestLimits:
    return request.app.state.limits


async def get_change_signal(request: Request) -> ChangeSignal:
    return request.app.state.change_signal


BackendDep = Annotated[Backend, Depends(get_backend)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimitsDep = Annotated[RequestLimits, Depends(get_limits)]
ChangeSignalDep = Annotated[ChangeSignal, Depends(get_change_signal)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


async def public_rate_limit(request: Request, limits: LimitsDep) -> None:
    if limits.shared:  # a statement on PostgreSQL: off the event loop
        await run_in_threadpool(limits.public.check, client_address(request))
    else:
        limits.public.check(client_address(request))


class DeskBearer(HTTPBearer):
    """The desk behind a bearer token; documented as the same HTTPBearer scheme.

    It depends on nothing: it reads the header itself, not through HTTPBearer's own call, and the app's backend
    itself, not through get_backend (each level FastAPI solves costs ≈ 10 µs on every request of the sync hot
    path). A test that replaces get_backend replaces this one too, or passes its backend to create_app."""

    async def __call__(self, request: Request) -> DeskIdentity:  # type: ignore[override]
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("no_token", "Thiếu mã truy cập.", challenge="Bearer")
        token = token.strip()
        desks: Enrollment = request.app.state.backend.enrollment
        identity = desks.cached_identity(token)
        if identity is None:  # not seen in the last seconds: its signature checked, the desk read (a thread)
            identity = await run_in_threadpool(desks.authenticate, token)
        return identity


current_desk = DeskBearer(auto_error=False, scheme_name="HTTPBearer")
CurrentDesk = Annotated[DeskIdentity, Depends(current_desk)]
admin_bearer = HTTPBearer(auto_error=False)


async def require_admin(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer)],
                        settings: SettingsDep) -> None:
    expected = settings.admin_token.encode()
    if credentials is None or not expected or not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise Unauthorized("not_admin", "Cần mã quản trị.", challenge="Bearer")
