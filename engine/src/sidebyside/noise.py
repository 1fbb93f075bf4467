"""Noise rules a project declares without writing a function: each says what it removes and why.

    drop_headers("request id", "a fresh UUID per request", "x-request-id")
    mask_header_values("timing", "measures this run", "x-process-time")
    mask_json_keys("row ids", "each side numbers its own rows", "id")
    mask_json_paths("tokens", "random per login", "$.user.token")
    mask_json_paths("times", "when each side stored it", "$.notes[*].createdAt", keep="format")
    mask_pattern("tokens", "random per login", r"tok_[0-9a-f]+")

A rule that masks keeps what a client could still tell apart: a masked JSON value keeps its
type (1 against "1" still differs), a masked header stays present. With `keep="format"` a
masked string keeps its format too: every digit becomes 9, everything else stays, so
`2026-12-06T21:45:00+00:00` and `2026-12-06T21:45:00Z` still differ, and so do an empty
string and a filled one.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from sidebyside.jsonpath import map_at
from sidebyside.observe import Body, Observation, Rule

Keep = Literal["type", "format"]
_DIGIT = re.compile(r"[0-9]")


def map_values(body: Body, keys: frozenset[str], transform: Callable[[Any], Any]) -> Body:
    """The JSON body with `transform` applied to every non-null value under one of `keys`."""
    if isinstance(body, dict):
        return {
            key: transform(value)
            if key in keys and value is not None
            else map_values(value, keys, transform)
            for key, value in body.items()
        }
    if isinstance(body, list):
        return [map_values(item, keys, transform) for item in body]
    return body


def mask_strings(body: Body, pattern: re.Pattern[str], placeholder: str) -> Body:
    """Every string in the body (or the text body itself) with `pattern` replaced."""
    if isinstance(body, str):
        return pattern.sub(placeholder, body)
    if isinstance(body, dict):
        return {key: mask_strings(value, pattern, placeholder) for key, value in body.items()}
    if isinstance(body, list):
        return [mask_strings(item, pattern, placeholder) for item in body]
    return body


def typed_mask(value: Any) -> str:
    """A value masked, its JSON type kept: a client that parses it sees the type."""
    return f"<{type(value).__name__}>"


def value_format(value: Any) -> str:
    """A string's format (every digit written 9, so a timestamp keeps its separators, its
    zone suffix and its precision); any other value's JSON type."""
    if isinstance(value, str):
        return f"<format {_DIGIT.sub('9', value)!r}>"
    return typed_mask(value)


MASKS: dict[str, Callable[[Any], str]] = {"type": typed_mask, "format": value_format}


def drop_headers(name: str, reason: str, *headers: str) -> Rule:
    """Leave these headers out of the comparison altogether."""
    dropped = frozenset(header.lower() for header in headers)

    def apply(observation: Observation) -> Observation:
        kept = {key: value for key, value in observation.headers.items() if key not in dropped}
        return observation.with_headers(kept)

    return Rule(name, reason, apply)


def mask_header_values(name: str, reason: str, *headers: str) -> Rule:
    """Compare that these headers are present, not what they say."""
    masked = frozenset(header.lower() for header in headers)

    def apply(observation: Observation) -> Observation:
        values: Mapping[str, str] = {
            key: f"<{key}>" if key in masked else value
            for key, value in observation.headers.items()
        }
        return observation.with_headers(values)

    return Rule(name, reason, apply)


def mask_json_keys(name: str, reason: str, *keys: str, keep: Keep = "type") -> Rule:
    """Mask the value under any of these keys, at any depth of a JSON body (its type kept,
    or with keep="format" its format)."""
    key_set, mask = frozenset(keys), MASKS[keep]
    return Rule(name, reason, lambda o: o.with_body(map_values(o.body, key_set, mask)))


def mask_json_paths(name: str, reason: str, *paths: str, keep: Keep = "type") -> Rule:
    """Mask the value at each of these places of a JSON body (`$.user.token`,
    `$.notes[*].createdAt`, [*] for any index), its type kept, or with keep="format" its
    format."""
    patterns, mask = tuple(paths), MASKS[keep]
    return Rule(name, reason, lambda o: o.with_body(map_at(o.body, patterns, mask)))


def mask_pattern(name: str, reason: str, pattern: str, placeholder: str = "<masked>") -> Rule:
    """Replace a regular expression in every string of the body and in every header value."""
    compiled = re.compile(pattern)

    def apply(observation: Observation) -> Observation:
        headers = {
            key: compiled.sub(placeholder, value) for key, value in observation.headers.items()
        }
        body = mask_strings(observation.body, compiled, placeholder)
        return observation.with_headers(headers).with_body(body)

    return Rule(name, reason, apply)
