"""Which registered differences a pair of generated responses shows.

A probe names its expected differences by hand; a generated case cannot, so each entry the
fuzzer can meet has a recogniser here: a precise test on the request and the two responses.
The engine's own judge then checks that the recognised entries cover every difference seen
(sidebyside.judge), so a recogniser that matches too much cannot hide anything its
entry does not cover. A difference no recogniser names is unexpected, and fails the run.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from parity_tests.converters import Conversion, integer_segment, uuid_segment
from parity_tests.fuzz.cases import SentRequest
from parity_tests.normalise import Observation
from shared.schemas import MAX_ID

NON_OBJECT_DETAIL = "The request body must be a JSON object."
FILE_MISSING_DETAIL = "Send the file as multipart/form-data in a field named 'file'."

Recogniser = Callable[[SentRequest, Observation, Observation], bool]


def _errors(observation: Observation) -> list[dict[str, Any]]:
    """FastAPI's 422 error list, or nothing."""
    body = observation.body
    if observation.status != 422 or not isinstance(body, dict):
        return []
    detail = body.get("detail")
    return (
        [error for error in detail if isinstance(error, dict)] if isinstance(detail, list) else []
    )


def _types(observation: Observation) -> set[str]:
    return {str(error.get("type")) for error in _errors(observation)}


def _is_html(observation: Observation) -> bool:
    return observation.content_type.startswith("text/html")


def _is_json(observation: Observation) -> bool:
    return observation.content_type.startswith("application/json")


def _detail(observation: Observation) -> object:
    body = observation.body
    return body.get("detail") if isinstance(body, dict) else None


def _flask_pydantic_error(observation: Observation) -> bool:
    return (
        observation.status == 400
        and isinstance(observation.body, dict)
        and "validation_error" in observation.body
    )


def _conversion(request: SentRequest) -> tuple[str, Conversion] | None:
    """The resource a path names and what the Flask twin's converter makes of its id, for a
    path of one id (flask_app/routes: <int(max=MAX_ID)> and <uuid>)."""
    segments = unquote(urlsplit(request.url).path).strip("/").split("/")
    if len(segments) != 2:
        return None
    resource, identifier = segments
    if resource == "employees":
        return resource, integer_segment(identifier, MAX_ID)
    if resource == "uploads":
        return resource, uuid_segment(identifier)
    return None


def _flask_cannot_route(request: SentRequest) -> bool:
    """Whether the id in the path is one Flask's converters refuse: no Flask view is called,
    while FastAPI's route takes any segment and then validates it (or the body first)."""
    found = _conversion(request)
    return found is not None and found[1] is not Conversion.ACCEPTED


def _read_by_fastapi_only(request: SentRequest, resource: str, flask: Observation) -> bool:
    """A spelling of an id that Flask's converter does not match and FastAPI read."""
    found = _conversion(request)
    return found == (resource, Conversion.UNMATCHED) and flask.status == 404 and _is_html(flask)


def _non_ascii_digits(request: SentRequest) -> bool:
    """An employee id in digits other than ASCII ones, which Flask's converter reads."""
    found = _conversion(request)
    identifier = unquote(urlsplit(request.url).path).rsplit("/", 1)[-1]
    return found == ("employees", Conversion.ACCEPTED) and not identifier.isascii()


def _refused_by_fastapi(observation: Observation) -> bool:
    # A path parameter's 422, or the body's own 400 or 422 when FastAPI reads it first.
    return observation.status in (400, 422) and _is_json(observation)


def _static_file(request: SentRequest) -> bool:
    """A file both apps send from disk: the static folder, or the favicon."""
    path = urlsplit(request.url).path
    return request.method in ("GET", "HEAD") and (
        path.startswith("/static/") or path == "/favicon.ico"
    )


def _repeated_key(request: SentRequest) -> bool:
    keys = [key for key, _value in request.query]
    return len(keys) != len(set(keys))


RECOGNISERS: dict[str, Recogniser] = {
    "validation-error-format": lambda _r, flask, fastapi: (
        _flask_pydantic_error(flask) and bool(_errors(fastapi))
    ),
    "malformed-json": lambda _r, flask, fastapi: (
        flask.status == 400 and _is_html(flask) and "json_invalid" in _types(fastapi)
    ),
    "json-content-type-required": lambda _r, flask, fastapi: (
        flask.status == 415 and bool(_errors(fastapi))
    ),
    "non-object-body": lambda _r, flask, fastapi: (
        flask.status == 400 and _detail(flask) == NON_OBJECT_DETAIL and bool(_errors(fastapi))
    ),
    "path-converter-mismatch": lambda request, flask, fastapi: (
        flask.status == 404
        and _is_html(flask)
        and _flask_cannot_route(request)
        and _refused_by_fastapi(fastapi)
    ),
    "converter-rejection-method-not-allowed": lambda request, flask, fastapi: (
        request.method not in ("GET", "HEAD")
        and flask.status == 405
        and _flask_cannot_route(request)
        and _refused_by_fastapi(fastapi)
    ),
    "path-integer-spellings": lambda request, flask, fastapi: (
        _read_by_fastapi_only(request, "employees", flask) and not _refused_by_fastapi(fastapi)
    ),
    "path-uuid-spellings": lambda request, flask, fastapi: (
        _read_by_fastapi_only(request, "uploads", flask) and not _refused_by_fastapi(fastapi)
    ),
    "path-non-ascii-digits": lambda request, _f, fastapi: (
        _non_ascii_digits(request) and "int_parsing" in _types(fastapi)
    ),
    "multipart-file-missing": lambda _r, flask, fastapi: (
        flask.status == 400
        and _detail(flask) == FILE_MISSING_DETAIL
        and any(error.get("loc") == ["body", "file"] for error in _errors(fastapi))
    ),
    "multipart-parse-error": lambda _r, flask, fastapi: (
        flask.status == fastapi.status == 400
        and _detail(flask) == FILE_MISSING_DETAIL
        and isinstance(_detail(fastapi), str)
    ),
    "werkzeug-html-errors": lambda _r, flask, fastapi: (
        flask.status == fastapi.status and _is_html(flask) and _is_json(fastapi)
    ),
    "allow-header-per-route": lambda _r, flask, fastapi: (
        flask.status == fastapi.status == 405
        and flask.headers.get("allow") != fastapi.headers.get("allow")
    ),
    "repeated-query-parameter": lambda request, _f, _a: _repeated_key(request),
    "static-file-headers": lambda request, flask, fastapi: (
        _static_file(request) and flask.status == fastapi.status and flask.status < 400
    ),
    "automatic-head": lambda request, flask, fastapi: (
        request.method == "HEAD" and flask.status == 200 and fastapi.status == 405
    ),
    "automatic-options": lambda request, flask, fastapi: (
        request.method == "OPTIONS" and flask.status == 200 and fastapi.status == 405
    ),
    "basic-challenge-realm": lambda _r, flask, fastapi: (
        flask.status == fastapi.status == 401
        and str(flask.headers.get("www-authenticate", "")).startswith("Basic realm=")
        and fastapi.headers.get("www-authenticate") == "Basic"
    ),
}


def recognised(request: SentRequest, flask: Observation, fastapi: Observation) -> tuple[str, ...]:
    """The registry entries whose recogniser matches, in registry order."""
    return tuple(name for name, matches in RECOGNISERS.items() if matches(request, flask, fastapi))
