"""The one error the backend raises: an HTTP status, a machine code and a Vietnamese message."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.headers = status, error, message, headers or {}
