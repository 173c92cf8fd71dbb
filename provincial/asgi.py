"""The app factory for worker processes: ``uvicorn --factory provincial.asgi:create_app_from_env --workers 4``
(or ``python -m provincial serve --workers 4``, which sets the environment and runs just that).

Each process reads its settings from ``PROVINCIAL_<FIELD>`` variables (settings.py), opens its own connection
pool when it starts, and shares everything else through PostgreSQL (shared.py): any number of them, on one
host or several, answer the same desks (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import asyncio
import socket

from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from .api import create_app
from .cli import return_large_blocks_to_the_system, setup_logging
from .settings import Settings


def create_app_from_env() -> FastAPI:
    setup_logging()
    return_large_blocks_to_the_system()
    return create_app(Settings.from_env())


class H11NoDelay(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

    With ``workers`` > 1 uvicorn (0.54) binds the listening socket itself with protocol number 0, and asyncio
    only sets TCP_NODELAY on sockets whose protocol is IPPROTO_TCP: each answer (headers, then body) then waits
    for the client's delayed ACK, ≈ 40 ms, and 4 workers served 22 requests a second where one served 1,000.
    ``python -m provincial serve --workers N`` runs with this protocol (bench/provincial_scaling.py)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
