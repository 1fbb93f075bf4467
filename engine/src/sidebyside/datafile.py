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
    title = "log in"
    method = "POST"
    path = "/login"
    json = { user = "ann", password = "secret" }
    capture = { token = "$.token" }             # each side keeps its own value

    [[probe]]
    title = "list the items"
    method = "GET"
    path = "/items"
    headers = { Authorization = "Bearer {token}" }
    expect = []

    [[har]]
    file = "recording.har"
    expect = { "POST /items" = ["validation-status"] }
"""

import importlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sidebyside.har import HarError, expected_for, probes_from_har
from sidebyside.jsonpath import is_pattern
from sidebyside.noise import (
    drop_headers,
    mask_header_values,
    mask_json_keys,
    mask_json_paths,
    mask_pattern,
)
from sidebyside.observe import Rule
from sidebyside.probes import Probe, names_used
from sidebyside.verdict import Accepted, AcceptedDifference, DuplicateIdError, registry_of


class DataFileError(ValueError):
    """A data file with a key missing, misspelt or of the wrong type: one line that names the
    file, the key and the problem."""


@dataclass(frozen=True)
class Source:
    """Probes replayed in order against one fresh pair of apps: the file's own probes, or
    one recording."""

    name: str
    probes: tuple[Probe, ...]


@dataclass(frozen=True)
class Suite:
    path: Path
    # Empty when the file leaves a side to the command line.
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


NOISE_KINDS = ("drop_headers", "mask_header_values", "mask_json_keys", "mask_json_paths")


def noise_rule(table: Mapping[str, Any]) -> Rule:
    """One [[noise]] table: a name, a reason, and one kind of removal; a JSON mask may keep
    the value's "type" (the default) or its "format"."""
    name, reason = _text(table, "name"), _text(table, "reason")
    kinds = [key for key in (*NOISE_KINDS, "pattern") if key in table]
    if len(kinds) != 1:
        raise DataFileError(
            f"noise rule {name!r} needs exactly one of {', '.join([*NOISE_KINDS, 'pattern'])}"
        )
    kind = kinds[0]
    keep = table.get("keep", "type")
    if keep not in ("type", "format") or ("keep" in table and not kind.startswith("mask_json")):
        raise DataFileError(
            f'noise rule {name!r}: \'keep\' is "type" or "format", for mask_json_keys or '
            f"mask_json_paths, not {keep!r} with {kind}"
        )
    if kind == "pattern":
        return mask_pattern(
            name, reason, _text(table, "pattern"), table.get("placeholder", "<masked>")
        )
    values = _texts(table, kind)
    if kind == "mask_json_paths":
        wrong = [path for path in values if not is_pattern(path)]
        if wrong:
            raise DataFileError(
                f"noise rule {name!r}: mask_json_paths takes paths such as $.user.token or "
                f"$[*].createdAt, not {', '.join(map(repr, wrong))}"
            )
        return mask_json_paths(name, reason, *values, keep=keep)
    if kind == "mask_json_keys":
        return mask_json_keys(name, reason, *values, keep=keep)
    return (
        drop_headers(name, reason, *values)
        if kind == "drop_headers"
        else (mask_header_values(name, reason, *values))
    )


WHOLE_ASPECTS = ("status", "content-type", "body")


def aspect_of(text: str, entry: str) -> str:
    """An accepted difference's aspect: status, content-type, body, header:NAME, or a place
    in a JSON body (`$.user.email`, also written `body $.user.email`)."""
    place = text.removeprefix("body ").strip()
    if text in WHOLE_ASPECTS or (text.startswith("header:") and len(text) > 7):
        return text.lower() if text.startswith("header:") else text
    if is_pattern(place):
        return f"body {place}"
    raise DataFileError(
        f"accepted difference {entry!r}: aspect {text!r} is none of status, content-type, "
        "body, header:NAME or a JSON path such as $.user.email"
    )


def accepted_difference(table: Mapping[str, Any]) -> AcceptedDifference:
    pairs = table.get("pairs")
    entry = _text(table, "id")
    return AcceptedDifference(
        id=entry,
        title=_text(table, "title"),
        aspects=frozenset(aspect_of(text, entry) for text in _texts(table, "aspects")),
        reference_does=table.get("reference", ""),
        candidate_does=table.get("candidate", ""),
        why=table.get("why", ""),
        link=table.get("link", ""),
        pairs=frozenset(pairs) if pairs is not None else None,
    )


def applies_to(table: Mapping[str, Any]) -> tuple[str, ...]:
    """The requests an accepted difference is expected on without a probe naming it:
    `applies_to = "*"` (every probe), or "METHOD PATH" patterns such as "* /notes*"."""
    value = table.get("applies_to", ())
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list | tuple) or not all(
        isinstance(item, str) and item for item in patterns
    ):
        raise DataFileError(
            f"accepted difference {table.get('id')!r}: 'applies_to' is a pattern or a list of "
            f'"METHOD PATH" patterns, not {value!r}'
        )
    return tuple("* *" if pattern == "*" else pattern for pattern in patterns)


def probe(table: Mapping[str, Any]) -> Probe:
    content = table.get("body")
    title = _text(table, "title")
    options: dict[str, Any] = {}
    if "query" in table:
        options["params"] = _table(table, "query", title)
    capture = _table(table, "capture", title)
    bad = [name for name, where in capture.items() if not isinstance(where, str) or not where]
    if bad:
        raise DataFileError(f"probe {title!r}: capture {bad[0]!r} must name where, as a string")
    return Probe(
        title=title,
        method=_text(table, "method").upper(),
        path=_text(table, "path"),
        headers=_table(table, "headers", title),
        json=table.get("json"),
        content=content.encode("utf-8") if isinstance(content, str) else None,
        differences=tuple(_texts(table, "expect") if "expect" in table else ()),
        feature=table.get("feature", ""),
        options=options,
        capture=capture,
    )


def check_captures(probes: Iterable[Probe]) -> None:
    """Every {name} a probe uses was captured by an earlier probe of its source."""
    known: set[str] = set()
    for each in probes:
        for name in names_used(each):
            if name not in known:
                raise DataFileError(
                    f"probe {each.title!r} uses {{{name}}}, which no earlier probe captures "
                    f'(capture = {{ {name} = "$.path.in.an.answer" }})'
                )
        known.update(each.capture)


def check_expected(probes: Iterable[Probe], registry: Mapping[str, Accepted]) -> None:
    """Every accepted difference a probe expects is declared."""
    for each in probes:
        unknown = [name for name in each.differences if name not in registry]
        if unknown:
            raise DataFileError(
                f"probe {each.title!r}: 'expect' names {', '.join(map(repr, unknown))}, which "
                "no [[accepted]] table (nor a python module's ACCEPTED) declares"
            )


def with_suite_wide(probe: Probe, patterns: Mapping[str, Iterable[str]]) -> Probe:
    """The probe expecting also every suite-wide accepted difference whose pattern matches its
    `METHOD PATH`."""
    extra = expected_for(f"- {probe.method} {probe.path}", patterns)
    names = tuple(dict.fromkeys([*probe.differences, *extra]))
    return probe if names == probe.differences else replace(probe, differences=names)


def python_declarations(modules: Iterable[str]) -> tuple[list[Rule], list[Accepted]]:
    """NOISE and ACCEPTED of each module named: rules and accepted differences in Python."""
    rules: list[Rule] = []
    accepted: list[Accepted] = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            raise DataFileError(f"'python': cannot import {name!r}: {error}") from None
        rules += getattr(module, "NOISE", ())
        accepted += getattr(module, "ACCEPTED", ())
    return rules, accepted


def load(path: Path, defaults: Mapping[str, Any] | None = None) -> Suite:
    """The suite a data file describes; `defaults` (pyproject's [tool.sidebyside]) fill in
    the keys it leaves out. Any problem is a DataFileError of one line naming the file."""
    try:
        return _load(path, defaults)
    except DataFileError as error:
        raise DataFileError(f"{path}: {error}") from None
    except (tomllib.TOMLDecodeError, OSError, HarError, DuplicateIdError) as error:
        raise DataFileError(f"{path}: {error}") from None


def _load(path: Path, defaults: Mapping[str, Any] | None) -> Suite:
    data = {**(defaults or {}), **tomllib.loads(path.read_text(encoding="utf-8"))}
    rules, accepted = python_declarations(data.get("python", ()))
    rules += [noise_rule(table) for table in data.get("noise", ())]
    tables = data.get("accepted", ())
    accepted += [accepted_difference(table) for table in tables]
    suite_wide = {pattern: [table["id"]] for table in tables for pattern in applies_to(table)}
    sources = []
    own = tuple(with_suite_wide(probe(table), suite_wide) for table in data.get("probe", ()))
    check_captures(own)
    if own:
        sources.append(Source("probes", own))
    for recording in data.get("har", ()):
        har_path = path.parent / _text(recording, "file")
        if not har_path.is_file():
            raise DataFileError(f"[[har]] file {recording['file']!r}: no such file beside it")
        recorded = probes_from_har(har_path, recording.get("expect"))
        sources.append(
            # Named by its stem: pytest reads a dot in a test name as a module separator.
            Source(har_path.stem, tuple(with_suite_wide(each, suite_wide) for each in recorded))
        )
    registry = registry_of(accepted)
    check_expected([each for source in sources for each in source.probes], registry)
    return Suite(
        path=path,
        reference=_optional_text(data, "reference"),
        candidate=_optional_text(data, "candidate"),
        reference_name=data.get("reference_name", "reference"),
        candidate_name=data.get("candidate_name", "candidate"),
        noise=tuple(rules),
        accepted=registry,
        sources=tuple(sources),
        find_noise=bool(data.get("find_noise", False)),
        report=data.get("report"),
    )


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise DataFileError(f"{key!r} must be a non-empty string, not {value!r}")
    return value


def _optional_text(table: Mapping[str, Any], key: str) -> str:
    return _text(table, key) if table.get(key) is not None else ""


def _table(table: Mapping[str, Any], key: str, title: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise DataFileError(f"probe {title!r}: {key!r} must be a table, not {value!r}")
    return dict(value)


def _texts(table: Mapping[str, Any], key: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataFileError(f"{key!r} must be a list of strings, not {value!r}")
    return value
