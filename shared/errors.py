"""Domain errors. They say what went wrong in the domain's words; each app maps them to HTTP."""


class DomainError(Exception):
    """Base class: the message is safe to show to a client."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The thing asked for does not exist."""


class Conflict(DomainError):
    """The change would break a uniqueness rule."""
