"""The desk's services as the GUI holds them: opened on the worker thread after the window shows.

The window appears before SQLAlchemy is even imported; the first job of the single worker
opens the database (migrating and seeding on first start), and every later job, queued
behind it, finds the services ready. The GUI thread itself only reads ``paths`` and
``settings`` and never touches the database; settings change through the services, on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.domain.users import Actor
    from desk.paths import DeskPaths
    from desk.services.desk import DeskServices
    from desk.settings import CounterSettings, SettingsStore


class DeskRef:
    def __init__(self, paths: DeskPaths, settings: SettingsStore, opener: Callable[[], DeskServices]):
        self.paths = paths
        self.settings_store = settings
        self._opener = opener
        self._services: DeskServices | None = None
        self.actor: Actor | None = None  # who is signed in; None until the sign-in screen is passed

    def sign_in(self, actor: Actor) -> None:
        """Make ``actor`` the person at this desk: every change the window asks for is made in their name
        (the services are given the actor; the settings never hold who is signed in)."""
        self.actor = actor

    @classmethod
    def of(cls, services: DeskServices) -> DeskRef:
        """A reference to services that are already open (tests, tools)."""
        ref = cls(services.paths, services.settings_store, lambda: services)
        ref._services = services
        return ref

    @property
    def settings(self) -> CounterSettings:
        """This counter's settings now (a value; read it again after a change)."""
        return self.settings_store.current

    @property
    def is_open(self) -> bool:
        return self._services is not None

    @property
    def services(self) -> DeskServices:
        if self._services is None:
            raise RuntimeError("Cơ sở dữ liệu chưa mở xong.")
        return self._services

    def open(self) -> DeskServices:
        """Run on the worker thread: open the database, migrate, seed."""
        if self._services is None:
            self._services = self._opener()
        return self._services
