"""A project's pair described in one TOML file: the two sides, the noise, the accepted
differences, the probes and the recordings. docs/engine.md shows every key.

    reference = "shop.flask_app:create_app"     # an import string, or a base URL
    candidate = "shop.fastapi_app:create_app"
    python = ["shop.parity"]                    # modules whose NOISE and ACCEPTED are added

    [[noise]]
    name = "request ids"
    reason = "a fresh UUID per request"
    drop_headers = ["x-request-id"]             # or mask_header_values, mask_json_keys, pattern

    [[accepted]]
    id = "validation-status"
    title = "Validation errors: 400 vs 422"
    aspects = ["status", "body"]

    [[probe]]
    title = "list the items"
    method = "GET"
    path = "/items"
    expect = []

    [[har]]
    file = "recording.har"
    expect = { "POST /items" = ["validation-status"] }
"""

import importlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sidebyside.har import probes_from_har
from sidebyside.noise import drop_headers, mask_header_values, mask_json_keys, mask_pattern
from sidebyside.observe import Rule
from sidebyside.probes import Probe
from sidebyside.verdict import Accepted, AcceptedDifference, registry_of


class DataFileError(ValueError):
    """A data file with a key missing, misspelt or of the wrong type."""


@dataclass(frozen=True)
class Source:
    """Probes replayed in order against one fresh pair of apps: the file's own probes, or
    one recording."""

    name: str
    probes: tuple[Probe, ...]


@dataclass(frozen=True)
class Suite:
    path: Path
    reference: str
    candidate: str
    reference_name: str
    candidate_name: str
    noise: tuple[Rule, ...]
    accepted: Mapping[str, Accepted]
    sources: tuple[Source, ...]
    find_noise: bool = False
    report: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def pair(self) -> str:
        return f"{self.reference_name}:{self.candidate_name}"


NOISE_KINDS = {
    "drop_headers": drop_headers,
    "mask_header_values": mask_header_values,
    "mask_json_keys": mask_json_keys,
}


def noise_rule(table: Mapping[str, Any]) -> Rule:
    """One [[noise]] table: a name, a reason, and one kind of removal."""
    name, reason = _text(table, "name"), _text(table, "reason")
    kinds = [key for key in (*NOISE_KINDS, "pattern") if key in table]
    if len(kinds) != 1:
        raise DataFileError(
            f"noise rule {name!r} needs exactly one of {', '.join([*NOISE_KINDS, 'pattern'])}"
        )
    if kinds[0] == "pattern":
        return mask_pattern(
            name, reason, _text(table, "pattern"), table.get("placeholder", "<masked>")
        )
    return NOISE_KINDS[kinds[0]](name, reason, *_texts(table, kinds[0]))


def accepted_difference(table: Mapping[str, Any]) -> AcceptedDifference:
    pairs = table.get("pairs")
    return AcceptedDifference(
        id=_text(table, "id"),
        title=_text(table, "title"),
        aspects=frozenset(_texts(table, "aspects")),
        reference_does=table.get("reference", ""),
        candidate_does=table.get("candidate", ""),
        why=table.get("why", ""),
        link=table.get("link", ""),
        pairs=frozenset(pairs) if pairs is not None else None,
    )


def probe(table: Mapping[str, Any]) -> Probe:
    content = table.get("body")
    return Probe(
        title=_text(table, "title"),
        method=_text(table, "method").upper(),
        path=_text(table, "path"),
        headers=dict(table.get("headers", {})),
        json=table.get("json"),
        content=content.encode("utf-8") if isinstance(content, str) else None,
        differences=tuple(table.get("expect", ())),
        feature=table.get("feature", ""),
    )


def python_declarations(modules: Iterable[str]) -> tuple[list[Rule], list[Accepted]]:
    """NOISE and ACCEPTED of each module named: rules and accepted differences in Python."""
    rules: list[Rule] = []
    accepted: list[Accepted] = []
    for name in modules:
        module = importlib.import_module(name)
        rules += getattr(module, "NOISE", ())
        accepted += getattr(module, "ACCEPTED", ())
    return rules, accepted


def load(path: Path, defaults: Mapping[str, Any] | None = None) -> Suite:
    """The suite a data file describes; `defaults` (pyproject's [tool.sidebyside]) fill in
    the keys it leaves out."""
    data = {**(defaults or {}), **tomllib.loads(path.read_text(encoding="utf-8"))}
    rules, accepted = python_declarations(data.get("python", ()))
    rules += [noise_rule(table) for table in data.get("noise", ())]
    accepted += [accepted_difference(table) for table in data.get("accepted", ())]
    sources = []
    own = tuple(probe(table) for table in data.get("probe", ()))
    if own:
        sources.append(Source("probes", own))
    for recording in data.get("har", ()):
        har_path = path.parent / _text(recording, "file")
        sources.append(
            # Named by its stem: pytest reads a dot in a test name as a module separator.
            Source(har_path.stem, tuple(probes_from_har(har_path, recording.get("expect"))))
        )
    return Suite(
        path=path,
        reference=_text(data, "reference"),
        candidate=_text(data, "candidate"),
        reference_name=data.get("reference_name", "reference"),
        candidate_name=data.get("candidate_name", "candidate"),
        noise=tuple(rules),
        accepted=registry_of(accepted),
        sources=tuple(sources),
        find_noise=bool(data.get("find_noise", False)),
        report=data.get("report"),
    )


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise DataFileError(f"{key!r} must be a non-empty string, not {value!r}")
    return value


def _texts(table: Mapping[str, Any], key: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataFileError(f"{key!r} must be a list of strings, not {value!r}")
    return value
