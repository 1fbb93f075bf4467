"""Validation error details made safe to send back as strict UTF-8 JSON."""

import math
from collections.abc import Iterable, Mapping
from typing import Any


def _json_safe(value: Any) -> Any:
    # Pydantic echoes the offending input. A NaN or an infinity is not JSON (Flask would
    # write a bare NaN, Starlette refuses and answers 500), and a lone surrogate cannot be
    # encoded as UTF-8 at all: such inputs are echoed as their escaped text instead.
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, Mapping):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def json_safe_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each error with every value JSON-safe; the shape (loc, msg, type, input) is untouched."""
    return [{key: _json_safe(value) for key, value in error.items()} for error in errors]
