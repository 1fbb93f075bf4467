"""Domain errors and flask-pydantic's body errors, mapped to HTTP at the edge."""

from flask import Flask, Response, jsonify
from flask_pydantic.exceptions import JsonBodyParsingError
from flask_pydantic.exceptions import ValidationError as FlaskPydanticValidationError

from shared.db import RETRY_AFTER_SECONDS, UNAVAILABLE_DETAIL, UNAVAILABLE_ERRORS
from shared.errors import STATUS_BY_ERROR, DomainError, http_status
from shared.jobs import JobQueueUnavailable
from shared.validation import public_errors


def domain_error(error: DomainError) -> tuple[Response, int]:
    return jsonify(detail=error.message), http_status(error)


def body_not_an_object(_error: JsonBodyParsingError) -> tuple[Response, int]:
    # flask-pydantic raises this (a 500 by default) when the JSON body is null, a list or a
    # scalar: the request is wrong, not the server.
    return jsonify(detail="The request body must be a JSON object."), 400


def validation_failed(error: FlaskPydanticValidationError) -> tuple[Response, int]:
    # flask-pydantic's own body and status, made public by the shared rules: no secrets,
    # bounded, and strict JSON.
    locations = ("path_params", "query_params", "body_params", "form_params")
    found = {where: getattr(error, where) for where in locations if getattr(error, where)}
    body = {where: public_errors(errors) for where, errors in found.items()}
    return jsonify(validation_error=body), 400


def database_unavailable(_error: Exception) -> tuple[Response, int, dict[str, str]]:
    return jsonify(detail=UNAVAILABLE_DETAIL), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def job_queue_unavailable(error: JobQueueUnavailable) -> tuple[Response, int, dict[str, str]]:
    return jsonify(detail=str(error)), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_app(app: Flask) -> None:
    # Raise instead of answering, so that the handler below writes the response.
    app.config["FLASK_PYDANTIC_VALIDATION_ERROR_RAISE"] = True
    app.register_error_handler(FlaskPydanticValidationError, validation_failed)
    for error_class in STATUS_BY_ERROR:
        app.register_error_handler(error_class, domain_error)
    app.register_error_handler(JsonBodyParsingError, body_not_an_object)
    for unavailable in UNAVAILABLE_ERRORS:
        app.register_error_handler(unavailable, database_unavailable)
    app.register_error_handler(JobQueueUnavailable, job_queue_unavailable)
