"""The app factory in process: dependencies a test can replace, the lifespan, errors said in one place."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from provincial import errors
from provincial.api import create_app
from provincial.cli import build_parser, settings_from
from provincial.dependencies import current_desk, public_rate_limit, require_admin
from provincial.http_errors import STATUS, headers_of, status_of
from provincial.service import Backend, DeskIdentity, open_backend
from provincial.settings import Settings
from tests.e2e.test_provincial_server import RECORD

A = "000.00.53.H16"
ADMIN = {"Authorization": "Bearer admin-token-for-tests"}
COMMUNE = {"agency_code": A, "name": "Xã Ea Kar", "parent_authority": "UBND TỈNH ĐẮK LẮK"}


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app started (its lifespan) and a client talking to it in process."""
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://province") as client:
            yield client


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, admin_token=ADMIN["Authorization"].removeprefix("Bearer "), public_per_minute=2)


@pytest.fixture
def backend(settings):
    backend = open_backend(settings)
    backend.enrollment.create_commune(**COMMUNE)
    yield backend
    backend.close()


def test_the_current_desk_can_be_replaced_by_a_test(settings, backend: Backend):
    assert backend.enrollment.list_desks() == []  # no desk enrolled: only the override can say who is asking
    online = backend.simulator.apply_online(A, {**RECORD, "received_at": "2026-11-23T08:00:00+07:00",
                                                "appointment_at": None})
    app = create_app(settings, backend)

    async def ask() -> tuple[httpx.Response, httpx.Response]:
        async with running(app) as client:
            anonymous = await client.get("/api/v1/inbox")
            app.dependency_overrides[current_desk] = lambda: DeskIdentity(1, "desk-test", online.commune_id, A)
            return anonymous, await client.get("/api/v1/inbox")

    anonymous, inbox = asyncio.run(ask())
    assert anonymous.json()["error"] == "no_token" and inbox.status_code == 200
    assert [(d["code"], d["status"], d["status_label"]) for d in inbox.json()] == [(online.code, 1, "Mới đăng ký")]


def test_the_rate_limit_can_be_lifted_by_a_test(settings, backend: Backend):
    app = create_app(settings, backend)

    async def three_times(client: httpx.AsyncClient) -> list[int]:
        return [(await client.get("/api/v1/feedback")).status_code for _ in range(3)]

    async def ask() -> tuple[list[int], list[int]]:
        async with running(app) as client:
            limited = await three_times(client)
            app.dependency_overrides[public_rate_limit] = lambda: None
            return limited, await three_times(client)

    assert asyncio.run(ask()) == ([200, 200, 429], [200, 200, 200])


def test_the_admin_check_can_be_replaced_by_a_test(settings, backend: Backend):
    app = create_app(settings, backend)

    async def ask() -> tuple[httpx.Response, httpx.Response]:
        async with running(app) as client:
            refused = await client.get("/api/v1/admin/desks")
            app.dependency_overrides[require_admin] = lambda: None
            return refused, await client.get("/api/v1/admin/desks")

    refused, listed = asyncio.run(ask())
    assert (refused.status_code, refused.json()["error"]) == (401, "not_admin")
    assert (listed.status_code, listed.json()) == (200, [])


def test_the_app_opens_its_backend_when_it_starts_and_closes_it_when_it_stops(settings):
    app = create_app(settings)

    async def create_the_commune(app: FastAPI) -> httpx.Response:
        async with running(app) as client:
            assert app.state.backend.feed.on_committed == app.state.change_signal.notify  # commits wake long-polls
            return await client.post("/api/v1/admin/communes", headers=ADMIN, json=COMMUNE)

    created = asyncio.run(create_the_commune(app))
    assert created.status_code == 201 and created.json()["agency_code"] == A
    assert app.state.backend.feed.on_committed != app.state.change_signal.notify
    again = asyncio.run(create_the_commune(create_app(settings)))  # the same data directory, opened again
    assert again.status_code == 409 and again.json()["error"] == "commune_exists"


def test_every_kind_of_refusal_has_one_status_and_says_what_to_do_next():
    assert {kind: status_of(kind("code", "message")) for kind in (errors.Malformed, errors.Forbidden,
                                                                  errors.NotFound, errors.TooLarge)} == {
        errors.Malformed: 400, errors.Forbidden: 403, errors.NotFound: 404, errors.TooLarge: 413}
    assert set(STATUS) == {cls for cls in vars(errors).values()
                           if isinstance(cls, type) and issubclass(cls, errors.DomainError)} - {errors.DomainError}
    assert headers_of(errors.TooMany("rate_limited", "…", retry_after=7)) == {"Retry-After": "7"}
    assert headers_of(errors.Conflict("offset_mismatch", "…", upload_offset=100)) == {"Upload-Offset": "100"}
    assert headers_of(errors.Invalid("hash_mismatch", "…", upload_offset=0)) == {"Upload-Offset": "0"}
    assert headers_of(errors.Unauthorized("no_token", "…", challenge="Bearer")) == {"WWW-Authenticate": "Bearer"}
    assert headers_of(errors.Unauthorized("bad_credentials", "…")) == {}


def test_settings_out_of_range_are_refused_before_the_server_starts(tmp_path):
    with pytest.raises(ValidationError, match="public_per_minute"):
        Settings(public_per_minute=0)
    with pytest.raises(ValidationError):
        Settings(max_file_bytes=-1)
    with pytest.raises(ValidationError):  # frozen: what the app was built with stays what it runs with
        Settings().admin_token = "changed"
    parse = build_parser().parse_args
    served = settings_from(parse(["--data-dir", str(tmp_path), "serve", "--admin-token", "t", "--max-file-mb", "2",
                                  "--long-polls-per-desk", "0"]))
    assert (served.admin_token, served.max_file_bytes, served.long_polls_per_desk) == ("t", 2 * 1024 * 1024, 0)
    assert settings_from(parse(["--data-dir", str(tmp_path), "list-desks"])) == Settings(data_dir=tmp_path)
    with pytest.raises(ValidationError, match="token_ttl_s"):
        settings_from(parse(["--data-dir", str(tmp_path), "serve", "--admin-token", "t", "--token-ttl", "0"]))
