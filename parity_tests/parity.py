"""Probes, verdicts and the record the report is written from."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx2
import pytest

from parity_tests.normalise import Observation, differing_aspects, observe
from parity_tests.registry import REGISTRY
from parity_tests.targets import Target

Verdict = Literal["same", "documented", "unexpected"]
Setup = Callable[[httpx2.Client], Mapping[str, object]]


@dataclass(frozen=True)
class Probe:
    """One request sent to both apps, and what the registry says they should do with it."""

    feature: str
    title: str
    method: str
    path: str
    options: Mapping[str, Any] = field(default_factory=dict)
    differences: tuple[str, ...] = ()
    # Runs against each app first; its result fills the {placeholders} in the path.
    setup: Setup | None = None
    # Compare the body's exact text rather than its parsed JSON: for encoding questions.
    raw: bool = False

    def request_line(self) -> str:
        headers = self.options.get("headers", {})
        shown = ", ".join(f"{name}: {value}" for name, value in headers.items())
        body = " + body" if {"json", "content", "files", "data"} & set(self.options) else ""
        return f"{self.method} {self.path}{body}" + (f" [{shown}]" if shown else "")

    def send(self, target: Target) -> httpx2.Response:
        """Send to one app, filling {placeholders} in the path and header values."""
        origin = target.settings.cors_origins[0]
        values: dict[str, object] = {
            "allowed_origin": origin,
            "allowed_origin_upper": origin.upper(),
        }
        values.update(self.setup(target.client) if self.setup else {})
        options = dict(self.options)
        if "headers" in options:
            options["headers"] = {
                name: value.format(**values) for name, value in options["headers"].items()
            }
        return target.client.request(self.method, self.path.format(**values), **options)


@dataclass(frozen=True)
class CaseResult:
    feature: str
    title: str
    request: str
    flask: Observation
    fastapi: Observation
    differing: tuple[str, ...]
    differences: tuple[str, ...]
    verdict: Verdict


RESULTS = pytest.StashKey[dict[tuple[str, str], CaseResult]]()


def judge(probe: Probe, flask: Observation, fastapi: Observation) -> CaseResult:
    differing = tuple(differing_aspects(flask, fastapi))
    registered = {aspect for name in probe.differences for aspect in REGISTRY[name].aspects}
    # Strict both ways: a registered difference must still show, and show nothing more.
    registered_and_seen = bool(differing) and set(differing) <= registered
    agreed = registered_and_seen if probe.differences else not differing
    verdict: Verdict = "unexpected"
    if agreed:
        verdict = "documented" if probe.differences else "same"
    return CaseResult(
        probe.feature,
        probe.title,
        probe.request_line(),
        flask,
        fastapi,
        differing,
        probe.differences,
        verdict,
    )


def explain(result: CaseResult) -> str:
    lines = [f"{result.feature}: {result.title} ({result.request})"]
    if result.differences and not result.differing:
        lines.append(f"registered as {', '.join(result.differences)} but both apps now agree")
    for aspect in result.differing:
        left, right = result.flask.aspects().get(aspect), result.fastapi.aspects().get(aspect)
        lines.append(f"{aspect}: flask={left!r:.300} fastapi={right!r:.300}")
    return "\n".join(lines)


def record(config: pytest.Config, result: CaseResult) -> None:
    config.stash.setdefault(RESULTS, {})[(result.feature, result.title)] = result


def check(
    config: pytest.Config, probe: Probe, flask: httpx2.Response, fastapi: httpx2.Response
) -> None:
    """Judge one pair of responses, record it for the report, and fail if unexpected."""
    result = judge(probe, observe(flask, probe.raw), observe(fastapi, probe.raw))
    record(config, result)
    assert result.verdict != "unexpected", explain(result)
