"""Whether the server answers at all (load balancers, the tests' start-up wait)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict:  # on the event loop: answers even when every worker thread is busy
    return {"status": "ok"}
