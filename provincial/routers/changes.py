"""The changes feed, read at once or long-polled (longpoll.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from .. import schemas as S
from ..dependencies import BackendDep, ChangeSignalDep, CurrentDesk, LimitsDep
from ..errors import TooMany
from ..longpoll import FALLBACK_S, wait_for_changes
from .common import API, ERRORS

router = APIRouter(prefix=API, tags=["changes"])


@router.get("/changes", response_model=S.ChangesPage, responses=ERRORS)
async def changes(request: Request, who: CurrentDesk, backend: BackendDep, limits: LimitsDep,
                  signal: ChangeSignalDep, cursor: Annotated[str, Query(max_length=100)] = "",
                  limit: Annotated[int, Query(ge=1, le=500)] = 100,
                  wait: Annotated[int, Query(ge=0, le=25, description="long-poll seconds")] = 0) -> JSONResponse:
    # A coroutine: a long-poll waits on the event loop (longpoll.py), the reads run briefly in the pool. The
    # first read may go to the read replica; a read after a wake-up goes to the primary, where the commit is.
    reads = 0

    def read_page() -> dict:
        return backend.feed.page(who, cursor, limit, primary=reads > 1).model_dump(mode="json")

    async def read() -> dict:
        nonlocal reads
        reads += 1
        return await run_in_threadpool(read_page)

    if wait == 0:
        return JSONResponse(await read())
    long_polls = limits.long_polls
    if not long_polls.take(who.desk_id):
        # Beyond the desk's long-polls: answered at once, without even reading the feed, with the time to
        # wait before the next one (a held long-poll whose client went away frees its slot within that).
        raise TooMany("too_many_long_polls", f"Máy quầy này đã có {long_polls.per_desk} yêu cầu chờ thay đổi đang "
                      "mở; hãy dùng kết quả của chúng.", retry_after=int(FALLBACK_S) + 1)
    try:
        return JSONResponse(await wait_for_changes(signal, read, wait, request.is_disconnected))
    finally:
        long_polls.give_back(who.desk_id)
