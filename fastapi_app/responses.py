"""The answers an operation can give besides its success and 422, declared for the schema.

FastAPI declares what it can see: the return type and the 422 of a validated parameter. These
come from elsewhere (a domain error, a middleware, the body parser), so each operation lists
them, and /openapi.json is the whole contract, the one the fuzzer holds both apps to.
"""

from typing import Any

from shared.schemas import ErrorOut

Responses = dict[int | str, dict[str, Any]]

_PLAIN_TEXT = {"text/plain": {"schema": {"type": "string"}}}
_HOST_REFUSED = "or, as text/plain, the Host header names a host not in ALLOWED_HOSTS"

# Every operation: TrustedHostMiddleware answers before routing.
HOST_REFUSED: Responses = {
    400: {"description": f"Bad request: {_HOST_REFUSED}.", "content": _PLAIN_TEXT}
}
# Operations that read a body.
WITH_BODY: Responses = {
    400: {
        "model": ErrorOut,
        "description": f"The body cannot be parsed (not UTF-8, broken multipart); {_HOST_REFUSED}.",
        "content": _PLAIN_TEXT,
    },
    413: {"model": ErrorOut, "description": "The body is larger than MAX_BODY_BYTES."},
}
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "Nothing has this id."}}
CONFLICT: Responses = {409: {"model": ErrorOut, "description": "Another employee has this email."}}
UNAUTHORIZED: Responses = {401: {"model": ErrorOut, "description": "Wrong or missing credentials."}}
