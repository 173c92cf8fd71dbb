"""What the province refuses, and why: raised by the services, said to the client by http_errors.py.

Each error carries a machine code (``error``, part of the contract: clients branch on it) and a Vietnamese message
for the person at the desk or the citizen. The kind of refusal is the class; which HTTP status it becomes is
decided in one place (http_errors.STATUS), not here.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, error: str, message: str):
        super().__init__(message)
        self.error, self.message = error, message


class Malformed(DomainError):
    """The request cannot be read as meant (a cursor the server never gave, a chunk past the file's end)."""


class Unauthorized(DomainError):
    """Who is asking is unknown: no credentials, or wrong ones. ``challenge``: how to authenticate, when the
    client should be told (the scheme, and why the token it sent is refused)."""

    def __init__(self, error: str, message: str, *, challenge: str | None = None):
        super().__init__(error, message)
        self.challenge = challenge


class Forbidden(DomainError):
    """Known, but not allowed: a revoked desk, another commune's code, a receipt that does not verify."""


class NotFound(DomainError):
    """Nothing there, or nothing there this client may know of."""


class Conflict(DomainError):
    """The request disagrees with what is stored (a transition, a replayed id, an upload's offset).
    ``upload_offset``: for a file upload, where the client should go on."""

    def __init__(self, error: str, message: str, *, upload_offset: int | None = None):
        super().__init__(error, message)
        self.upload_offset = upload_offset


class TooLarge(DomainError):
    """Over a size limit."""


class Invalid(DomainError):
    """Well-formed but not acceptable (a weak key, a procedure without code, bytes that fail their hash).
    ``upload_offset``: for a file upload, where the client should start again."""

    def __init__(self, error: str, message: str, *, upload_offset: int | None = None):
        super().__init__(error, message)
        self.upload_offset = upload_offset


class TooMany(DomainError):
    """Over a rate limit; ``retry_after``: seconds until the next attempt may succeed."""

    def __init__(self, error: str, message: str, *, retry_after: int):
        super().__init__(error, message)
        self.retry_after = retry_after
