"""Whether the server can answer (load balancers, the tests' start-up wait) and what it is doing (Prometheus)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from ..dependencies import BackendDep
from ..metrics import SnapshotFolder, render
from ..service import Backend

router = APIRouter(tags=["health"])
HEALTH_TIMEOUT_S = 2.0


@router.get("/healthz", response_model=dict, responses={503: {"description": "the database does not answer"}})
async def healthz(backend: BackendDep) -> JSONResponse:
    """200 when the database answers a statement within 2 s, else 503: a load balancer takes the process out
    (a process whose database is gone cannot serve anything)."""
    try:
        await asyncio.wait_for(run_in_threadpool(backend.db.ping), HEALTH_TIMEOUT_S)
    except Exception:  # any failure is the answer: unavailable
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


@router.get("/metrics", include_in_schema=False, response_class=PlainTextResponse)
async def metrics(request: Request, backend: BackendDep) -> PlainTextResponse:
    """Prometheus' text format: this host's processes added up (metrics.py)."""
    snapshot = request.app.state.metrics.snapshot(gauges(request.app, backend))
    folder: SnapshotFolder | None = request.app.state.metrics_folder
    if folder is None:
        snapshots = [snapshot]
    else:
        folder.write(snapshot)
        snapshots = folder.read_fresh()
    return PlainTextResponse(render(snapshots), media_type="text/plain; version=0.0.4")


def gauges(app: FastAPI, backend: Backend) -> dict[str, float]:
    """What is queued and what the pools hold, now, in this process."""
    from anyio.to_thread import current_default_thread_limiter

    threads = current_default_thread_limiter()
    pool = backend.db.engine.pool
    async_pool = backend.db.async_pool
    return {"threadpool_busy": threads.borrowed_tokens, "threadpool_size": threads.total_tokens,
            "long_polls": sum(app.state.limits.long_polls.held.values()),
            "db_pool_checked_out": getattr(pool, "checkedout", lambda: 0)(),
            "db_pool_size": getattr(pool, "size", lambda: 0)(),
            "db_pool_overflow": max(0, getattr(pool, "overflow", lambda: 0)()),
            "db_async_connections": async_pool.opened if async_pool is not None else 0}
