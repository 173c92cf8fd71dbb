"""Everything an operator may set for one provincial server, in one frozen, validated object.

The command line builds it (cli.py, ``python -m provincial serve --help``), and so does the environment
(``Settings.from_env``: ``PROVINCIAL_<FIELD>``, the 12-factor way, for worker processes started by uvicorn or
gunicorn, docs/DEPLOYMENT.md); the app keeps it on its state and hands it to routes through
``dependencies.get_settings``; ``open_backend`` opens the data it names. A value out of range (a rate of 0 a
minute, a negative size) is refused when the object is built, not at the first request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024
Positive = Annotated[int, Field(ge=1)]
ENV_PREFIX = "PROVINCIAL_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path("provincial-data")
    # PostgreSQL; None: SQLite in the data directory. Neither it (it may carry a password) nor the admin token
    # shows in the settings' repr.
    database_url: str | None = Field(default=None, repr=False)
    # A read-only PostgreSQL (a streaming replica) for the reads the public and the desks make most: the
    # tracking page, the changes feed, the catalog. None: everything reads the primary.
    read_database_url: str | None = Field(default=None, repr=False)
    # A direct connection to the primary for LISTEN (long-poll wake-ups), when database_url goes through a
    # pgBouncer in transaction mode (which cannot hold a LISTEN). None: database_url itself.
    listen_database_url: str | None = Field(default=None, repr=False)
    # database_url is a pgBouncer in transaction mode: no server-side prepared statements.
    pgbouncer: bool = False
    # Connections each process keeps to PostgreSQL (and may open beyond, for bursts); waits at most
    # db_pool_timeout_s for one. The sum over all processes must stay under max_connections (docs/DEPLOYMENT.md).
    db_pool_size: Positive = 5
    db_max_overflow: Annotated[int, Field(ge=0)] = 5
    db_pool_timeout_s: Positive = 10
    # The admin and simulator routes' bearer token; empty: those routes refuse everyone.
    admin_token: str = Field(default="", repr=False)
    token_ttl_s: Positive = 900  # a desk's bearer token
    max_file_bytes: Positive = 50 * MB  # one uploaded file
    max_json_bytes: Positive = 1_000_000  # one JSON body
    max_chunk_bytes: Positive = 8 * MB  # one chunk of a file upload
    public_per_minute: Positive = 60  # tracking and feedback requests per client address
    auth_per_minute: Positive = 30  # failed /enroll and /token attempts per client address
    token_per_desk_per_minute: Positive = 10  # failed /token attempts per desk id
    long_polls_per_desk: Annotated[int, Field(ge=0)] = 2  # long-polls a desk may hold at once on /changes
    # Retention (services/retention.py): stored answers of desk writes, and the changes feed. A desk resends an
    # unanswered write within minutes or days, never after a month; a desk offline longer than the feed's
    # window rebuilds from the export (docs/DEPLOYMENT.md, "Retention").
    idempotency_retention_days: Positive = 30
    changes_retention_days: Positive = 90

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **given) -> Settings:
        """The settings of ``PROVINCIAL_<FIELD>`` variables (``PROVINCIAL_DATABASE_URL``,
        ``PROVINCIAL_DB_POOL_SIZE``…), ``given`` values first. An empty variable counts as unset."""
        environ = os.environ if environ is None else environ
        values = {name: environ[ENV_PREFIX + name.upper()] for name in cls.model_fields
                  if environ.get(ENV_PREFIX + name.upper())}
        return cls(**{**values, **given})

    def to_env(self) -> dict[str, str]:
        """The variables ``from_env`` reads back into these settings (values that differ from the defaults)."""
        defaults = Settings()
        return {ENV_PREFIX + name.upper(): _env_text(getattr(self, name)) for name in type(self).model_fields
                if getattr(self, name) != getattr(defaults, name)}

    @property
    def is_postgresql(self) -> bool:
        return bool(self.database_url)


def _env_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


DEFAULTS = Settings()
