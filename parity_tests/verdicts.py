"""The twins' probes on the engine: how the report shows a request, and the check every
differential test makes (judged by the engine against the twins' registry, and recorded for
the report)."""

import json
from typing import Any

import httpx2
import pytest
from sidebyside import PerSide, Probe, UnsendableProbeError, judge
from sidebyside.verdict import CaseResult, Verdict
from sidebyside.verdict import explain as explain_against

from parity_tests.normalise import mask_text, observe
from parity_tests.registry import REGISTRY
from parity_tests.sides import DEFAULT_PAIR
from shared.schemas import SECRET_FIELDS
from shared.withheld import REDACTED

__all__ = [
    "CaseResult",
    "PerSide",
    "Probe",
    "UnsendableProbeError",
    "Verdict",
    "check",
    "explain",
    "request_line",
]


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


def request_line(probe: Probe) -> str:
    """The request as the twins' report shows it: method, path, headers as sent (the test
    credentials are the point of the auth probes), a glimpse of the body; masked as bodies
    are, so that generated test data does not change the report."""
    shown = "".join(f" [{name}: {value}]" for name, value in probe.headers.items())
    return mask_text(f"{probe.method} {_path_glimpse(probe.path)}{shown}{_body_glimpse(probe)}")


def _path_glimpse(path: str, limit: int = 120) -> str:
    # A value sent 1,000 characters long is a class of its own, not a report row's width.
    return path if len(path) <= limit else f"{path[: limit - 1]}… ({len(path)} characters)"


def _body_glimpse(probe: Probe, limit: int = 48) -> str:
    body = probe.body
    if body is None:
        return ""
    kind, value = body
    if isinstance(value, PerSide):
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


RESULTS = pytest.StashKey[dict[tuple[str, str], CaseResult]]()


def explain(result: CaseResult) -> str:
    return explain_against(result, REGISTRY)


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
    seen = observe(reference, probe.raw), observe(candidate, probe.raw)
    result = judge(probe, *seen, REGISTRY, pair, request=request_line(probe))
    record(config, result)
    assert result.verdict != "unexpected", explain(result)
