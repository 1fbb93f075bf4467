"""Noise found rather than declared: what differs between two answers of the reference to one
request, each from a fresh instance, cannot be a difference between the sides (as Diffy finds
it).

Each finding is a proposed rule, the narrowest the answers allow: a header, or one place in a
JSON body (`body $.items[*].created_at`); a string whose format stayed the same while its
value varied is masked keeping its format, so that a difference of format still shows.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sidebyside.jsonpath import differences, folded, is_json
from sidebyside.noise import value_format
from sidebyside.observe import Observation, differing_aspects


@dataclass(frozen=True)
class ProposedNoise:
    """One place in which two answers of the reference to one request differed."""

    # header:NAME, status, content-type, body, or `body $.path.to.key` in a JSON body.
    aspect: str
    request: str
    # The two values at that place.
    first: object
    second: object

    @property
    def same_format(self) -> bool:
        """Two strings that differ but share a format (a time, a fixed-length hex id)."""
        return (
            isinstance(self.first, str)
            and isinstance(self.second, str)
            and value_format(self.first) == value_format(self.second)
        )

    def declaration(self) -> str:
        """The [[noise]] keys that would declare it, for a data file."""
        return declaration([self])


def declaration(found: Sequence[ProposedNoise]) -> str:
    """The [[noise]] keys that declare one place, the narrowest that explains every value it
    took: a format-keeping mask when each pair of values shared a format."""
    aspect = found[0].aspect
    if aspect.startswith("header:"):
        return f'mask_header_values = ["{aspect.removeprefix("header:")}"]'
    if aspect.startswith("body $"):
        path = aspect.removeprefix("body ")
        keep = ' with keep = "format"' if all(item.same_format for item in found) else ""
        return f'mask_json_paths = ["{path}"]{keep}'
    return 'pattern = "..." (a regular expression for the varying part)'


def by_place(found: Iterable[ProposedNoise]) -> dict[str, list[ProposedNoise]]:
    """The proposals grouped by the place that varied, in the order first seen."""
    grouped: dict[str, list[ProposedNoise]] = {}
    for item in found:
        grouped.setdefault(item.aspect, []).append(item)
    return grouped


def json_paths(first: object, second: object) -> Iterator[str]:
    """The places at which two JSON values differ; list items share one place, `[*]`."""
    for difference in differences(first, second):
        yield folded(difference.path)


def noise_between(first: Observation, second: Observation, request: str) -> list[ProposedNoise]:
    """What differs between two answers of the reference, each place once per request."""
    found: list[ProposedNoise] = []
    for aspect in differing_aspects(first, second):
        if aspect == "body" and is_json(first.body) and is_json(second.body):
            places: dict[str, ProposedNoise] = {}
            for difference in differences(first.body, second.body):
                place = f"body {folded(difference.path)}"
                item = ProposedNoise(place, request, difference.reference, difference.candidate)
                # One per place; an item whose format varied decides for all of them.
                if place not in places or not item.same_format:
                    places[place] = places.get(place, item) if item.same_format else item
            found += places.values()
            continue
        first_value, second_value = first.aspects().get(aspect), second.aspects().get(aspect)
        found.append(ProposedNoise(aspect, request, first_value, second_value))
    return found
