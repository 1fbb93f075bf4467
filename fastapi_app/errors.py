"""Domain errors mapped to HTTP at the edge."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shared.errors import Conflict, DomainError, NotFound

STATUS_BY_ERROR: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409}


async def domain_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    return JSONResponse({"detail": error.message}, status_code=STATUS_BY_ERROR[type(error)])


def init_app(app: FastAPI) -> None:
    for error_class in STATUS_BY_ERROR:
        app.add_exception_handler(error_class, domain_error)
