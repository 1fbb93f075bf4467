"""Verdicts: two observations judged against the accepted differences a probe names.

Strict both ways: every accepted difference that applies to the pair must still show (in at
least one of the aspects it may change), and nothing may differ beyond what those entries
cover. An entry that does not apply to the pair is not expected there, so a difference it
would have covered is unexpected on that pair.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from importlib.metadata import PackageNotFoundError, version
from typing import Literal, Protocol, TypeVar

from packaging.requirements import Requirement

from sidebyside.jsonpath import PathDifference, differences, is_json, is_pattern, matches
from sidebyside.observe import Observation, differing_aspects
from sidebyside.probes import Probe

Verdict = Literal["same", "documented", "unexpected"]


class Accepted(Protocol):
    """What the judge needs of an accepted difference; a registry entry of any shape that has
    these (the twins' `Difference`, or `AcceptedDifference` below) will do."""

    @property
    def id(self) -> str: ...

    # The parts of a response it may change: status, content-type, body, header:NAME, or a
    # place in a JSON body: `body $.user.token` (or just `$.user.token`), `$[*].createdAt`.
    @property
    def aspects(self) -> frozenset[str]: ...

    def applies_to(self, pair: str) -> bool: ...


def pair_matches(pairs: frozenset[str] | None, pair: str) -> bool:
    """Whether `pair` (REFERENCE:CANDIDATE) is one of `pairs` (shell-style patterns such as
    "flask:strangler*"); None means every pair."""
    return pairs is None or any(fnmatchcase(pair, pattern) for pattern in pairs)


def installed_version(package: str) -> str | None:
    """The version of `package` installed beside the engine, or None."""
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def versions_hold(
    requirements: Iterable[str], installed: Callable[[str], str | None] = installed_version
) -> bool:
    """Whether every requirement (`starlette<0.47`, `flask>=2.3,<3`) holds of the installed
    packages; a package that is not installed satisfies none."""
    for text in requirements:
        requirement = Requirement(text)
        found = installed(requirement.name)
        if found is None or not requirement.specifier.contains(found, prereleases=True):
            return False
    return True


@dataclass(frozen=True)
class AcceptedDifference:
    """One accepted difference of a project: what each side does, why, and a reference; and,
    for a migration, what it means to a client and how to bridge it."""

    id: str
    title: str
    aspects: frozenset[str]
    reference_does: str = ""
    candidate_does: str = ""
    why: str = ""
    link: str = ""
    # The pairs (REFERENCE:CANDIDATE, shell-style patterns such as "old:new*") where it
    # shows; None: every pair. Where it applies it must show (strict); where it does not, it
    # is not expected, and a response that shows it anyway is unexpected.
    pairs: frozenset[str] | None = None
    # The releases where it shows, as requirements on the installed packages (for example
    # "starlette>=0.47"); empty: every release. Outside them it is not expected, as off its pairs.
    versions: frozenset[str] = frozenset()
    # How to make the candidate answer as the reference does, in words.
    bridge: str = ""
    # What a client of the reference would notice after a move to the candidate: one of the
    # project's impact classes (see `most_serious`), and why the entry is in that class.
    impact: str = ""
    impact_reason: str = ""
    # The code that removes the difference (module.name in a compatibility layer), or why
    # none does; a project that keeps such a layer sets exactly one of the two.
    bridged_by: str = ""
    unbridged: str = ""

    def applies_to(self, pair: str) -> bool:
        return pair_matches(self.pairs, pair) and versions_hold(self.versions)


class DuplicateIdError(ValueError):
    """Two accepted differences share an id: the second would silently replace the first."""


AcceptedT = TypeVar("AcceptedT", bound=Accepted)


def registry_of(entries: Iterable[AcceptedT]) -> dict[str, AcceptedT]:
    """Entries by id, refusing a repeated id."""
    registry: dict[str, AcceptedT] = {}
    for entry in entries:
        if entry.id in registry:
            raise DuplicateIdError(f"two accepted differences have the id {entry.id!r}")
        registry[entry.id] = entry
    return registry


class UnknownDifferenceError(LookupError):
    """A probe names an accepted difference that no registry has."""


def applicable(
    names: Iterable[str], registry: Mapping[str, Accepted], pair: str
) -> tuple[str, ...]:
    """Of the entries named, those the pair is expected to show."""
    missing = [name for name in names if name not in registry]
    if missing:
        raise UnknownDifferenceError(f"no accepted difference named {', '.join(missing)}")
    return tuple(name for name in names if registry[name].applies_to(pair))


def body_place(aspect: str) -> str | None:
    """The JSON path an aspect names (`body $.a.b` or `$.a.b`), or None for a whole aspect."""
    text = aspect.removeprefix("body ").strip()
    return text if is_pattern(text) else None


def covers(aspect: str, item: str) -> bool:
    """Whether an accepted difference's aspect covers one differing item: an aspect, or a
    place in the body (`body $.user.token`). `body` covers every place in it; a path covers
    itself and what is under it, [*] standing for any index."""
    if aspect == item or (aspect.startswith("header:") and aspect.lower() == item.lower()):
        return True
    place = body_place(item)
    if place is None:
        return False
    if aspect == "body":
        return True
    pattern = body_place(aspect)
    return pattern is not None and matches(pattern, place, under=True)


def differing_items(differing: Sequence[str], paths: Sequence[PathDifference]) -> list[str]:
    """What must be covered: each aspect that differs, the body replaced by its places when
    it was compared key by key."""
    items = [aspect for aspect in differing if aspect != "body" or not paths]
    return items + [f"body {difference.path}" for difference in paths]


def verdict_of(
    differing: Sequence[str], entries: Sequence[Accepted], paths: Sequence[PathDifference] = ()
) -> Verdict:
    """The verdict on what differs (aspects, and the places in a JSON body), given the entries
    expected to show."""
    items = differing_items(differing, paths)
    if not entries:
        return "unexpected" if items else "same"

    def covered(item: str) -> bool:
        return any(covers(aspect, item) for entry in entries for aspect in entry.aspects)

    every_entry_seen = all(
        any(covers(aspect, item) for aspect in entry.aspects for item in items) for entry in entries
    )
    return "documented" if every_entry_seen and all(map(covered, items)) else "unexpected"


def body_differences(reference: Observation, candidate: Observation) -> tuple[PathDifference, ...]:
    """Where two JSON bodies differ, place by place; nothing unless both bodies are JSON
    objects or arrays."""
    if reference.body == candidate.body or not (
        is_json(reference.body) and is_json(candidate.body)
    ):
        return ()
    return tuple(differences(reference.body, candidate.body))


@dataclass(frozen=True)
class CaseResult:
    """One probe's two answers and the verdict on them: one row of the report."""

    feature: str
    title: str
    request: str
    reference: Observation
    candidate: Observation
    differing: tuple[str, ...]
    # The accepted differences expected on this pair: those the probe names that apply to it.
    differences: tuple[str, ...]
    verdict: Verdict
    # The pair compared, as REFERENCE:CANDIDATE.
    pair: str = "reference:candidate"
    # Seconds each side took to answer, when measured.
    latency: tuple[float, float] | None = field(default=None, compare=False)
    # Where the two JSON bodies differ, place by place (empty when the body is the same, or
    # is not JSON on either side).
    paths: tuple[PathDifference, ...] = ()

    def side(self, name: str) -> Observation:
        """The observation of the side called `name` in the pair, for code about one side."""
        reference, _, candidate = self.pair.partition(":")
        if name == reference:
            return self.reference
        if name == candidate:
            return self.candidate
        raise LookupError(f"the pair {self.pair} has no side named {name!r}")


def judge(
    probe: Probe,
    reference: Observation,
    candidate: Observation,
    registry: Mapping[str, Accepted],
    pair: str = "reference:candidate",
    latency: tuple[float, float] | None = None,
    request: str | None = None,
) -> CaseResult:
    """The verdict on one probe's two observations, against the entries that apply to `pair`.

    `request` is the request as the report shows it, for a project that shows requests its
    own way (masking its generated test data); by default `probe.request_line()`."""
    differing = tuple(differing_aspects(reference, candidate))
    paths = body_differences(reference, candidate)
    names = applicable(probe.differences, registry, pair)
    verdict = verdict_of(differing, [registry[name] for name in names], paths)
    shown = probe.request_line() if request is None else request
    return CaseResult(
        probe.feature,
        probe.title,
        shown,
        reference,
        candidate,
        differing,
        names,
        verdict,
        pair,
        latency,
        paths,
    )


class Ranked(Protocol):
    @property
    def impact(self) -> str: ...


def most_serious(
    result: CaseResult, registry: Mapping[str, Ranked], ranking: Iterable[str]
) -> str | None:
    """The most serious impact class (first in `ranking`) among the accepted differences a
    documented case shows; None when it shows none."""
    if result.verdict != "documented":
        return None
    impacts = {registry[name].impact for name in result.differences}
    return next((impact for impact in ranking if impact in impacts), None)


def explain(result: CaseResult, registry: Mapping[str, Accepted]) -> str:
    """Why a case is unexpected, line by line, for a test failure."""
    lines = [f"{result.feature}: {result.title} ({result.request}) on {result.pair}"]
    if result.differences and not result.differing:
        lines.append(f"registered as {', '.join(result.differences)} but both apps now agree")
    items = differing_items(result.differing, result.paths)
    for name in result.differences:
        aspects = registry[name].aspects
        if items and not any(covers(aspect, item) for aspect in aspects for item in items):
            lines.append(f"registered as {name}, which no longer shows")
    reference_name, _, candidate_name = result.pair.partition(":")
    reference, candidate = result.reference.aspects(), result.candidate.aspects()
    for aspect in result.differing:
        if aspect == "body" and result.paths:
            lines += [
                path_line(difference, (reference_name, candidate_name))
                for difference in result.paths
            ]
            continue
        left, right = reference.get(aspect), candidate.get(aspect)
        lines.append(f"{aspect}: {reference_name}={left!r:.300} {candidate_name}={right!r:.300}")
    return "\n".join(lines)


def path_line(difference: PathDifference, names: tuple[str, str]) -> str:
    """One place that differs, for a failure: `body $.user.email: reference='x@y'
    candidate=<absent> (missing from candidate)`."""
    return (
        f"body {difference.path}: {names[0]}={difference.reference!r:.200} "
        f"{names[1]}={difference.candidate!r:.200} ({difference.describe(names)})"
    )
