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


class ServiceUnavailable(DomainError):
    """Something the request needs is away for now (the job queue); the client may try again."""


STATUS_BY_ERROR: dict[type[DomainError], int] = {
    NotFound: 404,
    Conflict: 409,
    ServiceUnavailable: 503,
}


def http_status(error: DomainError) -> int:
    """The status of the nearest class in the error's MRO that has one, so that a subclass
    (EmployeeGone(NotFound)) answers like its parent instead of failing the lookup."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    raise LookupError(f"{type(error).__name__} has no HTTP status: add it to STATUS_BY_ERROR")
