"""The HTTP face of the backend (FastAPI). Versioned under /api/v1; the tracking page at /tra-cuu.

``create_app`` puts together the routers (routers/, one per area), the request limits (limits.py), the error
handlers (http_errors.py) and the lifespan that opens and closes the backend.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .database import libpq_url
from .dependencies import RequestLimits
from .http_errors import install_error_handlers
from .limits import LimitAndLog
from .longpoll import ChangeSignal
from .metrics import Metrics, SnapshotFolder
from .routers import (
    admin,
    auth,
    catalog,
    changes,
    dashboard,
    dossiers,
    feedback,
    files,
    health,
    inbox,
    intake_outcomes,
    public,
    recovery,
)
from .routers.health import gauges
from .service import Backend, open_backend
from .settings import Settings
from .shared import ChangeListener

SNAPSHOT_EVERY_S = 5.0  # each process's figures for /metrics (metrics.py)
# A new area is one more entry here (and in the import above). Requests try the routers in this order, and
# each router tried costs time: the sync's hot path (a desk pushing dossiers) comes first. No two routers
# share a path, so the order decides nothing else.
ROUTERS = (
    dossiers.router,
    health.router,
    auth.router,
    catalog.router,
    intake_outcomes.router,
    inbox.router,
    changes.router,
    files.router,
    recovery.router,
    public.router,
    feedback.router,
    feedback.desk_router,
    admin.router,
    feedback.admin_router,
    dashboard.router,
)


def create_app(settings: Settings, backend: Backend | None = None) -> FastAPI:
    """The app for ``settings``; it opens the backend of ``settings.data_dir`` when it starts, unless given one
    (then the caller keeps it, and closes it)."""
    app = FastAPI(title="Một Cửa — provincial online-services backend", version="1.0.0",
                  description="REST contract between commune counter desks and the province (see docs/REST.md).",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.given_backend = backend
    app.state.limits = RequestLimits(settings)
    app.state.change_signal = ChangeSignal()
    app.state.metrics = Metrics()
    app.add_middleware(LimitAndLog, max_json_bytes=settings.max_json_bytes, max_chunk_bytes=settings.max_chunk_bytes,
                       metrics=app.state.metrics)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


async def _write_snapshots(app: FastAPI, backend: Backend) -> None:
    while True:
        await asyncio.sleep(SNAPSHOT_EVERY_S)
        app.state.metrics_folder.write(app.state.metrics.snapshot(gauges(app, backend)))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    backend = app.state.given_backend or open_backend(app.state.settings)
    app.state.backend = backend
    unheard = backend.feed.on_committed
    backend.feed.on_committed = app.state.change_signal.notify  # wakes the long-polls (longpoll.py)
    listener, snapshots = None, None
    app.state.metrics_folder = None
    if not backend.db.is_sqlite:
        # Shared by every process on the database (shared.py): the rate limits, and the wake-ups of changes
        # any process commits (LISTEN/NOTIFY, on a direct connection: not through pgBouncer's transaction mode).
        app.state.limits = RequestLimits(app.state.settings, db=backend.db)
        await backend.db.open_async_pool(app.state.settings.db_pool_size)
        listener = ChangeListener(libpq_url(app.state.settings.listen_database_url or backend.db.url),
                                  app.state.change_signal.notify).start()
        # Several processes may serve this host: each leaves its figures where the one scraped adds them up.
        app.state.metrics_folder = SnapshotFolder(app.state.settings.data_dir / "metrics" / socket.gethostname())
        snapshots = asyncio.create_task(_write_snapshots(app, backend))
    app.state.change_listener = listener
    try:
        yield
    finally:
        if snapshots is not None:
            snapshots.cancel()
        if listener is not None:
            listener.stop()
            await backend.db.close_async_pool()
        backend.feed.on_committed = unheard
        if app.state.given_backend is None:
            backend.close()
