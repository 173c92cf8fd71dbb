"""Errors a person can act on. Their message is Vietnamese and shown as is."""


class DomainError(ValueError):
    """Input that breaks a rule; ``str(error)`` is the message for the clerk."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class Problems(DomainError):
    """Every problem of a form at once, each naming its field, so a person fixes them in one pass.

    ``str()`` is the first problem (and how many more); ``problems`` holds them all in the form's order."""

    def __init__(self, problems: list[DomainError]):
        first = problems[0]
        super().__init__(str(first) if len(problems) == 1 else f"{first} (và {len(problems) - 1} lỗi khác)",
                         field=first.field)
        self.problems = tuple(problems)

