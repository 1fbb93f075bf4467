"""Probes, verdicts and the record the report is written from."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest
import sidebyside
from sidebyside.verdict import Verdict, verdict_of

from parity_tests.normalise import Observation, differing_aspects, mask_text, observe
from parity_tests.registry import REGISTRY, applicable
from parity_tests.targets import DEFAULT_PAIR, Target
from shared.schemas import SECRET_FIELDS
from shared.settings import Settings
from shared.withheld import REDACTED

__all__ = ["CaseResult", "Probe", "Verdict", "check", "explain", "judge"]
Setup = Callable[[httpx2.Client], Mapping[str, object]]


@dataclass(frozen=True)
class PerApp:
    """A request value built for each app as the probe is sent: from how that app is
    configured (credentials, body limit), or fresh, so that two apps sharing one database
    (live, or during a migration) never collide."""

    description: str
    build: Callable[[Settings], Any]

    def __str__(self) -> str:
        return f"<{self.description}>"


def _resolve(value: Any, settings: Settings) -> Any:
    return value.build(settings) if isinstance(value, PerApp) else value


def _without_secrets(value: Any) -> Any:
    """A JSON body as the report may show it: secret fields' values redacted."""
    if isinstance(value, dict):
        return {
            key: REDACTED if key in SECRET_FIELDS else _without_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_secrets(item) for item in value]
    return value


@dataclass(frozen=True)
class Probe:
    """One request sent to both apps, and what the registry says they should do with it.

    `differences` names every registry entry the request may show, whatever the pair; the
    judge expects only those that apply to the pair it compares."""

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
    # The fixture that provides the two apps: `built_pair` for apps built for the probe.
    pair: str = "pair"

    def request_line(self) -> str:
        """The request as the report shows it: method, path, headers, a glimpse of the body."""
        headers = self.options.get("headers", {})
        shown = "".join(f" [{name}: {value}]" for name, value in headers.items())
        # Masked as bodies are, so that generated test data does not change the report.
        return mask_text(f"{self.method} {self._path_glimpse()}{shown}{self._body_glimpse()}")

    def _path_glimpse(self, limit: int = 120) -> str:
        # A value sent 1,000 characters long is a class of its own, not a report row's width.
        path = self.path
        return path if len(path) <= limit else f"{path[: limit - 1]}… ({len(path)} characters)"

    def _body_glimpse(self, limit: int = 48) -> str:
        kind = next(
            (key for key in ("json", "content", "files", "data") if key in self.options), ""
        )
        if not kind:
            return ""
        value = self.options[kind]
        if isinstance(value, PerApp):
            text = str(value)
        elif kind == "json":
            text = json.dumps(_without_secrets(value), ensure_ascii=False)
        elif kind == "content":
            text = repr(value[:limit]) + (f" ({len(value)} bytes)" if len(value) > limit else "")
        else:
            text = f"{'multipart' if kind == 'files' else 'form'}: " + ", ".join(value)
        # Masked before it is clipped: generated test data varies in length from run to run.
        text = mask_text(text)
        return " " + (text if len(text) <= limit * 2 else text[: limit * 2 - 1] + "…")

    def send(self, target: Target) -> httpx2.Response:
        """Send to one app, filling {placeholders} in the path and header values."""
        values = Placeholders(target.settings)
        values.update(self.setup(target.client) if self.setup else {})
        options = {name: _resolve(value, target.settings) for name, value in self.options.items()}
        if "headers" in options:
            options["headers"] = {
                name: _resolve(value, target.settings).format_map(values)
                for name, value in options["headers"].items()
            }
        return target.client.request(self.method, self.path.format_map(values), **options)


class UnsendableProbeError(LookupError):
    """The probe needs something the app under test is not configured with."""


class Placeholders(dict[str, object]):
    """The values a probe's path and headers may name; the allowed origin only when the app
    has one, so that a deployment without CORS origins skips the CORS probes with a reason."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def __missing__(self, name: str) -> object:
        origins = self.settings.cors_origins
        if name in ("allowed_origin", "allowed_origin_upper") and origins:
            return origins[0].upper() if name.endswith("_upper") else origins[0]
        if name.startswith("allowed_origin"):
            raise UnsendableProbeError("the app allows no CORS origin (CORS_ORIGINS is empty)")
        raise UnsendableProbeError(f"no value for the placeholder {{{name}}}")


@dataclass(frozen=True)
class CaseResult(sidebyside.CaseResult):
    """The engine's case result, with the twins' pair by default and each twin by name."""

    pair: str = DEFAULT_PAIR.name

    # The twins by name, for code about Flask and FastAPI themselves (the claims).
    @property
    def flask(self) -> Observation:
        return self._side("flask")

    @property
    def fastapi(self) -> Observation:
        return self._side("fastapi")

    def _side(self, name: str) -> Observation:
        reference, _, candidate = self.pair.partition(":")
        if name == reference:
            return self.reference
        if name == candidate:
            return self.candidate
        raise LookupError(f"the pair {self.pair} has no side named {name!r}")


RESULTS = pytest.StashKey[dict[tuple[str, str], CaseResult]]()


def judge(
    probe: Probe, reference: Observation, candidate: Observation, pair: str = DEFAULT_PAIR.name
) -> CaseResult:
    """The verdict on one probe's two answers, against the entries that apply to `pair`."""
    differing = tuple(differing_aspects(reference, candidate))
    expected = applicable(probe.differences, pair)
    return CaseResult(
        probe.feature,
        probe.title,
        probe.request_line(),
        reference,
        candidate,
        differing,
        expected,
        verdict_of(differing, [REGISTRY[name] for name in expected]),
        pair,
    )


def explain(result: CaseResult) -> str:
    return sidebyside.explain(result, REGISTRY)


def record(config: pytest.Config, result: CaseResult) -> None:
    config.stash.setdefault(RESULTS, {})[(result.feature, result.title)] = result


def check(
    config: pytest.Config,
    probe: Probe,
    reference: httpx2.Response,
    candidate: httpx2.Response,
    pair: str = DEFAULT_PAIR.name,
) -> None:
    """Judge one pair of responses, record it for the report, and fail if unexpected."""
    result = judge(probe, observe(reference, probe.raw), observe(candidate, probe.raw), pair)
    record(config, result)
    assert result.verdict != "unexpected", explain(result)
