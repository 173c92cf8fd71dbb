"""Everything an operator may set for one provincial server, in one frozen, validated object.

The command line builds it (cli.py, ``python -m provincial serve --help``); the app keeps it on its state and hands
it to routes through ``dependencies.get_settings``; ``open_backend`` opens the data it names. A value out of range
(a rate of 0 a minute, a negative size) is refused when the object is built, not at the first request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024
Positive = Annotated[int, Field(ge=1)]


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path("provincial-data")
    # PostgreSQL; None: SQLite in the data directory. Neither it (it may carry a password) nor the admin token
    # shows in the settings' repr.
    database_url: str | None = Field(default=None, repr=False)
    # The bearer token of the admin and simulator routes; empty: those routes refuse everyone.
    admin_token: str = Field(default="", repr=False)
    token_ttl_s: Positive = 900  # a desk's bearer token
    max_file_bytes: Positive = 50 * MB  # one uploaded file
    max_json_bytes: Positive = 1_000_000  # one JSON body
    max_chunk_bytes: Positive = 8 * MB  # one chunk of a file upload
    public_per_minute: Positive = 60  # tracking and feedback requests per client address
    auth_per_minute: Positive = 30  # failed /enroll and /token attempts per client address
    token_per_desk_per_minute: Positive = 10  # failed /token attempts per desk id
    long_polls_per_desk: Annotated[int, Field(ge=0)] = 2  # long-polls a desk may hold at once on /changes


DEFAULTS = Settings()
