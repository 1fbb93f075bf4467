"""Validation errors as clients see them: useful, bounded, JSON-safe, and never a secret.

Pydantic reports each error with where it is (loc), what is wrong (msg, type, ctx) and the
input it refused. Both frameworks send that list back as it is, which has three problems that
this module removes for both apps alike:

- the input can be a secret (a password too long) or hold one (the whole body, echoed with a
  missing field), so the input of a secret field is replaced by REDACTED and a container or a
  whole body is not echoed at all: only the value of one named field is. A model that holds a
  secret goes further itself (shared/withheld.py): none of its errors carries any input, since
  the client may send the secret under any key;
- the list grows with the input (10,000 unknown keys, 10,000 errors), so only the first
  MAX_ERRORS are listed, then one entry that counts the rest, and every text is clipped;
- NaN, infinity and lone surrogates cannot be written as strict UTF-8 JSON, so they are
  echoed as their escaped text.
"""

import math
from collections.abc import Iterable, Mapping
from typing import Any

from shared.schemas import SECRET_FIELDS
from shared.withheld import REDACTED

MAX_ERRORS = 20
MAX_ECHO_CHARACTERS = 100  # an echoed input, or one part of a location
MAX_TEXT_CHARACTERS = 500  # a message or a value in its context
# The first part of a location in FastAPI's errors: a loc that is only this names no field.
_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
_SCALARS = (str, int, float, bool, type(None))


def _clip(text: str, limit: int) -> str:
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_safe(value: Any, limit: int) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _clip(value, limit)
    if isinstance(value, Mapping):
        return {_clip(str(key), limit): _json_safe(item, limit) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item, limit) for item in value]
    return value


def _names_one_field(loc: tuple[Any, ...]) -> bool:
    return bool(loc) and not (isinstance(loc[-1], str) and loc[-1] in _LOCATIONS)


def _public_input(loc: tuple[Any, ...], value: Any) -> tuple[bool, Any]:
    """Whether to echo the refused input, and what to echo."""
    if any(isinstance(part, str) and part in SECRET_FIELDS for part in loc):
        return True, REDACTED
    if _names_one_field(loc) and isinstance(value, _SCALARS):
        return True, _json_safe(value, MAX_ECHO_CHARACTERS)
    return False, None


def _public_error(error: Mapping[str, Any]) -> dict[str, Any]:
    loc = tuple(error.get("loc", ()))
    public: dict[str, Any] = {}
    for key, value in error.items():
        if key == "input":
            echoed, shown = _public_input(loc, value)
            if echoed:
                public[key] = shown
        elif key == "loc":
            public[key] = _json_safe(list(loc), MAX_ECHO_CHARACTERS)
        else:
            public[key] = _json_safe(value, MAX_TEXT_CHARACTERS)
    return public


def public_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The first MAX_ERRORS errors made public, and an entry counting any that were left out."""
    errors = list(errors)
    shown = [_public_error(error) for error in errors[:MAX_ERRORS]]
    left_out = len(errors) - len(shown)
    if left_out:
        shown.append(
            {
                "type": "too_many_errors",
                "loc": [],
                "msg": f"{left_out} more errors were found and not listed",
                "ctx": {"listed": len(shown), "left_out": left_out},
            }
        )
    return shown
