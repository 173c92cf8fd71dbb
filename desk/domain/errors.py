"""Errors a person can act on. Their message is Vietnamese and shown as is."""


class DomainError(ValueError):
    """Input that breaks a rule; ``str(error)`` is the message for the clerk."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
