"""The performance claims, judged from the benchmark harness's figures, never measured here.

The thresholds say what the article's words mean in numbers:
- "faster": at least FASTER_AT times the other's requests per second;
- "much faster", "blazing fast compared to": at least MUCH_FASTER_AT times;
- "on par with": at least ON_PAR_AT of the other's requests per second.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tools.claims import benchmarks
from tools.claims.benchmarks import Benchmarks, Run
from tools.claims.ledger import Finding, Link, judge, unmeasured

FASTER_AT = 1.1
MUCH_FASTER_AT = 2.0
ON_PAR_AT = 0.8


def _figures_or_reason(
    bench: Benchmarks, subjects: list[str], workload: str
) -> tuple[Run | None, str]:
    if bench.run is None:
        return None, bench.missing
    missing = benchmarks.missing_subjects(bench.run, subjects, workload)
    if missing:
        return None, (
            f"docs/benchmarks.json has no passed `{workload}` round of "
            + ", ".join(f"`{subject}`" for subject in missing)
        )
    return bench.run, ""


def _ratio_link(bench: Benchmarks, numerator: str, denominator: str, value: float) -> Link:
    return bench.link(f"docs/benchmarks.json: `{numerator}` ÷ `{denominator}`, hello: {value:.2f}")


def _hello_ratios(
    bench: Benchmarks, numerator: str, denominators: list[str], why_these: str = ""
) -> list[float] | Finding:
    """numerator ÷ each denominator on the hello; an unmeasured finding when one is missing."""
    run, reason = _figures_or_reason(bench, [numerator, *denominators], benchmarks.HELLO)
    if run is None:
        return unmeasured(reason + why_these)
    ratios = []
    for denominator in denominators:
        value = benchmarks.ratio(run, numerator, denominator, benchmarks.HELLO)
        if value is None:
            raise ValueError(f"no round in which both {numerator} and {denominator} passed")
        ratios.append(value)
    return ratios


def _async_rate(run: Run, subject: str) -> float:
    value = benchmarks.rate(run, subject, benchmarks.ASYNC)
    if value is None:
        raise ValueError(f"no passed async round of {subject}")
    return value


@dataclass(frozen=True)
class Contest:
    """FastAPI against Flask twice: each on its native server, then on one server for both."""

    fastapi: str
    flask: str
    fastapi_held_equal: str
    flask_held_equal: str


TWINS = Contest(
    benchmarks.FASTAPI_TWIN,
    benchmarks.FLASK_TWIN,
    benchmarks.FASTAPI_TWIN_HELD_EQUAL,
    benchmarks.FLASK_TWIN_HELD_EQUAL,
)
BARE = Contest(
    benchmarks.BARE_FASTAPI,
    benchmarks.BARE_FLASK,
    benchmarks.BARE_FASTAPI_HELD_EQUAL,
    benchmarks.BARE_FLASK_HELD_EQUAL,
)


def _faster(bench: Benchmarks, contest: Contest, caveats: Callable[[float], list[str]]) -> Finding:
    """FastAPI faster than Flask on the hello: by FASTER_AT at least on the native servers.

    The native ratio decides whether the article is right, since a reader who moves to FastAPI
    moves to uvicorn too; the ratio with the server held equal says how much of it is the
    framework's, and becomes a caveat when the framework alone is not faster.
    """
    native = _hello_ratios(bench, contest.fastapi, [contest.flask])
    if isinstance(native, Finding):
        return native
    held = _hello_ratios(bench, contest.fastapi_held_equal, [contest.flask_held_equal])
    if isinstance(held, Finding):
        return held
    (value,), (framework,) = native, held
    server_caveat = (
        [
            f"The server, not the framework, makes the difference: on one server for both "
            f"(`{contest.fastapi_held_equal}` ÷ `{contest.flask_held_equal}`) FastAPI serves "
            f"{framework:.2f} times Flask's hello, short of the {FASTER_AT} times that “faster” "
            "means here; Flask on a faster server closes most of the gap."
        ]
        if framework < FASTER_AT
        else []
    )
    return judge(
        article_right=value >= FASTER_AT,
        observed=f"`{contest.fastapi}` served {value:.2f} times the requests per second of "
        f"`{contest.flask}` on the hello, and {framework:.2f} times with the server held equal "
        "(the medians of the per-round ratios).",
        today=f"`{contest.fastapi}` serves {value:.2f} times `{contest.flask}`'s hello: short of "
        f"the {FASTER_AT} times that “faster” means here.",
        caveats=[*caveats(value), *server_caveat],
        evidence=[
            _ratio_link(bench, contest.fastapi, contest.flask, value),
            _ratio_link(bench, contest.fastapi_held_equal, contest.flask_held_equal, framework),
        ],
    )


def much_faster_than_flask(bench: Benchmarks) -> Finding:
    """The twins, each on the server the article pairs it with, then on one server."""

    def short_of_much(value: float) -> list[str]:
        if value >= MUCH_FASTER_AT:
            return []
        return [
            f"Faster, but by {value:.2f} times, short of the {MUCH_FASTER_AT:.0f} times that "
            "“blazing fast” would mean here."
        ]

    return _faster(bench, TWINS, short_of_much)


def fastest_python_framework(bench: Benchmarks) -> Finding:
    """The bare frameworks. Flask is the only other Python framework measured, so this can
    hold only with a caveat."""

    def only_flask(_value: float) -> list[str]:
        return [
            "Flask is the only other Python framework measured here: “one of the fastest” is "
            "tested against Flask alone."
        ]

    return _faster(bench, BARE, only_flask)


def on_par_with_node_and_go(bench: Benchmarks) -> Finding:
    """Bare FastAPI on uvicorn against a hello in Node.js's http and in Go's net/http."""
    fastapi, references = benchmarks.BARE_FASTAPI, {"Node.js": benchmarks.NODE, "Go": benchmarks.GO}
    measured = _hello_ratios(
        bench,
        fastapi,
        list(references.values()),
        " (the Node.js `http` and Go `net/http` hellos are reference subjects of the harness)",
    )
    if isinstance(measured, Finding):
        return measured
    ratios = dict(zip(references, measured, strict=True))
    below = [name for name, value in ratios.items() if value < ON_PAR_AT]
    level = [name for name in ratios if name not in below]
    shown = ", ".join(f"{value:.2f} of {name}'s" for name, value in ratios.items())
    return judge(
        article_right=bool(level),
        observed=f"A bare FastAPI hello on uvicorn served {shown} requests per second.",
        today=f"Bare FastAPI serves {shown} requests per second: below the {ON_PAR_AT} that "
        "“on par” means here.",
        caveats=[
            f"On par with {' and '.join(level)} only: below {ON_PAR_AT} of {' and '.join(below)}."
        ]
        if below and level
        else [],
        evidence=[
            _ratio_link(bench, fastapi, references[name], value) for name, value in ratios.items()
        ],
    )


def async_figures(bench: Benchmarks) -> tuple[str, list[Link]]:
    """The twins under many concurrent waits, as a sentence with its link; empty without."""
    fastapi, flask = benchmarks.FASTAPI_TWIN, benchmarks.FLASK_TWIN
    run, _ = _figures_or_reason(bench, [fastapi, flask], benchmarks.ASYNC)
    if run is None:
        return "", []
    fast, slow = (_async_rate(run, subject) for subject in (fastapi, flask))
    workload = next(
        (w for w in run.get("workloads", ()) if w.get("key") == benchmarks.ASYNC), {"label": ""}
    )
    sentence = (
        f"Under load ({workload['label'] or 'the async workload'}), the Flask twin served "
        f"{slow:,.0f} requests/s and the FastAPI twin {fast:,.0f}."
    )
    return sentence, [bench.link(f"docs/benchmarks.json: async, {flask} and {fastapi}")]
