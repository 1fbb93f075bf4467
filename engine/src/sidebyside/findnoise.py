"""Noise found rather than declared: what differs between two answers of the reference to one
request, each from a fresh app, cannot be a difference between the sides (as Diffy finds it).

Each finding is a proposed rule, as precise as the answers allow: a header, or one key of a
JSON body (`body $.items[*].created_at`), with the data-file line that would declare it.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from sidebyside.observe import Observation, differing_aspects

_MISSING = object()


@dataclass(frozen=True)
class ProposedNoise:
    """One place in which two answers of the reference to one request differed."""

    # header:NAME, status, content-type, body, or `body $.path.to.key` in a JSON body.
    aspect: str
    request: str
    first: object
    second: object

    def declaration(self) -> str:
        """The [[noise]] key that would declare it, for a data file."""
        if self.aspect.startswith("header:"):
            return f'mask_header_values = ["{self.aspect.removeprefix("header:")}"]'
        key = self.aspect.rpartition(".")[2]
        if self.aspect.startswith("body $") and key and not key.startswith("$"):
            return f'mask_json_keys = ["{key.removesuffix("[*]")}"]'
        return 'pattern = "..." (a regular expression for the varying part)'


def json_paths(first: object, second: object, path: str = "$") -> Iterator[str]:
    """The paths at which two JSON values differ; list items share one path, `[*]`."""
    if isinstance(first, dict) and isinstance(second, dict):
        for key in dict.fromkeys([*first, *second]):
            yield from json_paths(
                first.get(key, _MISSING), second.get(key, _MISSING), f"{path}.{key}"
            )
    elif isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        for left, right in zip(first, second, strict=True):
            yield from json_paths(left, right, f"{path}[*]")
    elif first != second:
        yield path


def noise_between(first: Observation, second: Observation, request: str) -> list[ProposedNoise]:
    """What differs between two answers of the reference, each place once."""
    found: list[ProposedNoise] = []
    for aspect in differing_aspects(first, second):
        if aspect == "body" and isinstance(first.body, dict | list):
            paths = dict.fromkeys(json_paths(first.body, second.body))
            found += [
                ProposedNoise(f"body {path}", request, first.body, second.body) for path in paths
            ]
            continue
        first_value, second_value = first.aspects().get(aspect), second.aspects().get(aspect)
        found.append(ProposedNoise(aspect, request, first_value, second_value))
    return found
