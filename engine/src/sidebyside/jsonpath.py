"""Two JSON bodies compared key by key: where they differ, how, and with which values.

A path reads `$.user.email`, `$.notes[0].createdAt` (a list item by index) or `$["odd key"]`.
A pattern is a path where `[*]` stands for any index: `$.notes[*].createdAt`. A pattern names
its place and everything under it (`$.user` covers `$.user.email`) when `under` is asked.

The same comparison serves verdicts (which keys differ between the sides) and noise finding
(which keys differ between two answers of the reference).
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["missing", "added", "type", "value"]


class _Absent:
    """The value at a path one body does not have."""

    def __repr__(self) -> str:
        return "<absent>"


ABSENT: Any = _Absent()
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_INDEX = re.compile(r"\[\d+\]")


def child(path: str, key: str) -> str:
    """The path of `key` under `path`."""
    if _KEY.fullmatch(key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'{path}["{escaped}"]'


def folded(path: str) -> str:
    """The path with every list index written [*]: one place for every item of a list."""
    return _INDEX.sub("[*]", path)


@dataclass(frozen=True)
class PathDifference:
    """One place where two JSON bodies differ."""

    path: str
    kind: Kind
    reference: Any
    candidate: Any

    def describe(self, names: tuple[str, str] = ("reference", "candidate")) -> str:
        """What differs, in words: missing (only the first side has it), added (only the
        second), of another type, or a different value."""
        return {
            "missing": f"missing from {names[1]}",
            "added": f"only {names[1]} has it",
            "type": f"{type_name(self.reference)} vs {type_name(self.candidate)}",
            "value": "different value",
        }[self.kind]


def type_name(value: object) -> str:
    """A value's JSON type."""
    if value is None:
        return "null"
    return {
        bool: "boolean",
        int: "number",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
    }.get(type(value), type(value).__name__)


def differences(reference: Any, candidate: Any, path: str = "$") -> Iterator[PathDifference]:
    """Every place where the two JSON values differ, deepest first found, in key order.

    Two lists are compared item by item; items only one list has are missing or added."""
    if isinstance(reference, dict) and isinstance(candidate, dict):
        for key in dict.fromkeys([*reference, *candidate]):
            yield from differences(
                reference.get(key, ABSENT), candidate.get(key, ABSENT), child(path, str(key))
            )
    elif isinstance(reference, list) and isinstance(candidate, list):
        for index in range(max(len(reference), len(candidate))):
            left = reference[index] if index < len(reference) else ABSENT
            right = candidate[index] if index < len(candidate) else ABSENT
            yield from differences(left, right, f"{path}[{index}]")
    elif reference is ABSENT and candidate is ABSENT:
        return
    elif reference is ABSENT:
        yield PathDifference(path, "added", reference, candidate)
    elif candidate is ABSENT:
        yield PathDifference(path, "missing", reference, candidate)
    elif type_name(reference) != type_name(candidate):
        yield PathDifference(path, "type", reference, candidate)
    elif reference != candidate:
        yield PathDifference(path, "value", reference, candidate)


def is_json(body: object) -> bool:
    """A parsed JSON object or array: a body compared key by key."""
    return isinstance(body, dict | list)


def _regex(pattern: str, under: bool) -> re.Pattern[str]:
    body = re.escape(pattern).replace(re.escape("[*]"), r"\[(?:\d+|\*)\]")
    return re.compile(body + (r"(?:[.\[].*)?" if under else ""))


def matches(pattern: str, path: str, under: bool = False) -> bool:
    """Whether `path` is the place `pattern` names ([*] any index), or, with `under`, a place
    inside it."""
    return _regex(pattern, under).fullmatch(path) is not None


def is_pattern(text: str) -> bool:
    return text == "$" or (text.startswith(("$.", "$[")) and "$" not in text[1:])


def map_at(
    body: Any, patterns: tuple[str, ...], transform: Callable[[Any], Any], path: str = "$"
) -> Any:
    """The JSON body with `transform` applied to every non-null value at a path one of
    `patterns` names."""
    if body is not None and any(matches(pattern, path) for pattern in patterns):
        return transform(body)
    if isinstance(body, dict):
        return {
            key: map_at(value, patterns, transform, child(path, str(key)))
            for key, value in body.items()
        }
    if isinstance(body, list):
        return [
            map_at(item, patterns, transform, f"{path}[{index}]") for index, item in enumerate(body)
        ]
    return body
