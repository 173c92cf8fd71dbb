"""Long-polls on the changes feed without holding a worker thread.

A long-poll used to sleep in the thread pool: 45 of them left /healthz, /token and the tracking page waiting
23 s. Now the route is a coroutine: it reads the feed in the pool (a few milliseconds), then awaits a signal
that the backend fires after committing changes. Changes committed by another process (the admin CLI, another
server worker) fire no signal here: the wait is re-checked every ``FALLBACK_S`` seconds, and so is whether the
client is still there. Each desk gets at most ``per_desk`` long-polls at a time; more are answered at once
(429 too_many_long_polls with Retry-After), without a read of the feed: cheap, however many a desk sends.
"""

from __future__ import annotations

import asyncio
from collections import Counter

FALLBACK_S = 3.0


class ChangeSignal:
    """Set from any thread when changes are committed; awaited on the event loop.

    Each wait takes the current generation (an asyncio.Event) *before* reading the feed, so a change committed
    between the read and the wait still wakes it."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def generation(self) -> asyncio.Event:
        """On the event loop: the event the next notification sets."""
        loop = asyncio.get_running_loop()
        if self._event is None or self._loop is not loop:  # first use, or the app now runs on another loop
            self._loop, self._event = loop, asyncio.Event()
        return self._event

    def notify(self) -> None:
        """From any thread, after a commit."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._fire)

    def _fire(self) -> None:
        fired, self._event = self._event, asyncio.Event()
        if fired is not None:
            fired.set()


class LongPollSlots:
    """How many long-polls each desk holds; touched only on the event loop (no lock needed)."""

    def __init__(self, per_desk: int = 2):
        self.per_desk = per_desk
        self.held: Counter[int] = Counter()

    def take(self, desk_id: int) -> bool:
        if self.held[desk_id] >= self.per_desk:
            return False
        self.held[desk_id] += 1
        return True

    def give_back(self, desk_id: int) -> None:
        self.held[desk_id] -= 1
        if self.held[desk_id] <= 0:
            del self.held[desk_id]


async def wait_for_changes(signal: ChangeSignal, read, wait_s: float, disconnected) -> dict:
    """``read()`` (a coroutine: the feed page) until it has changes, ``wait_s`` passes or the client left."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    while True:
        woken = signal.generation()
        page = await read()
        remaining = deadline - loop.time()
        if page["changes"] or remaining <= 0 or await disconnected():
            return page
        try:
            await asyncio.wait_for(woken.wait(), timeout=min(remaining, FALLBACK_S))
        except TimeoutError:
            pass
