"""Domain errors mapped to HTTP at the edge."""

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from shared.db import RETRY_AFTER_SECONDS, UNAVAILABLE_DETAIL, UNAVAILABLE_ERRORS
from shared.errors import STATUS_BY_ERROR, DomainError, http_status
from shared.jobs import JobQueueUnavailable
from shared.validation import public_errors


async def domain_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    return JSONResponse({"detail": error.message}, status_code=http_status(error))


async def validation_failed(_request: Request, error: Exception) -> JSONResponse:
    # FastAPI's own 422 body, made public by the shared rules: no secrets, bounded, and strict
    # JSON (the default handler answers a NaN or a lone surrogate in the input with a 500).
    assert isinstance(error, RequestValidationError)
    return JSONResponse({"detail": jsonable_encoder(public_errors(error.errors()))}, 422)


async def database_unavailable(_request: Request, _error: Exception) -> JSONResponse:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return JSONResponse({"detail": UNAVAILABLE_DETAIL}, status_code=503, headers=headers)


async def job_queue_unavailable(_request: Request, error: Exception) -> JSONResponse:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return JSONResponse({"detail": str(error)}, status_code=503, headers=headers)


def init_app(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_failed)
    for error_class in STATUS_BY_ERROR:
        app.add_exception_handler(error_class, domain_error)
    for unavailable in UNAVAILABLE_ERRORS:
        app.add_exception_handler(unavailable, database_unavailable)
    app.add_exception_handler(JobQueueUnavailable, job_queue_unavailable)
