"""Domain errors and flask-pydantic's body errors, mapped to HTTP at the edge."""

from flask import Flask, Response, jsonify
from flask_pydantic.exceptions import JsonBodyParsingError

from shared.errors import Conflict, DomainError, NotFound

STATUS_BY_ERROR: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409}


def domain_error(error: DomainError) -> tuple[Response, int]:
    return jsonify(detail=error.message), STATUS_BY_ERROR[type(error)]


def body_not_an_object(_error: JsonBodyParsingError) -> tuple[Response, int]:
    # flask-pydantic raises this (a 500 by default) when the JSON body is null, a list or a
    # scalar: the request is wrong, not the server.
    return jsonify(detail="The request body must be a JSON object."), 400


def init_app(app: Flask) -> None:
    for error_class in STATUS_BY_ERROR:
        app.register_error_handler(error_class, domain_error)
    app.register_error_handler(JsonBodyParsingError, body_not_an_object)
