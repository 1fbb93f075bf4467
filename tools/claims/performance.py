"""The performance claims, judged from the benchmark harness's figures, never measured here.

The thresholds say what the article's words mean in numbers, and the claims' texts quote these
constants, so that what a reader is told and what the code applies cannot drift apart:
- "faster": at least FASTER_AT times the other's requests per second;
- "much faster", "blazing fast compared to": at least MUCH_FASTER_AT times, on each workload;
- "on par with": at least ON_PAR_AT of the other's requests per second.
"""

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


def _contest_on_hello(bench: Benchmarks, contest: Contest) -> tuple[Run, float, float] | Finding:
    """The run, and FastAPI ÷ Flask on the hello on their native servers and with the server
    held equal; an unmeasured finding when either is missing."""
    native = _hello_ratios(bench, contest.fastapi, [contest.flask])
    if isinstance(native, Finding):
        return native
    held = _hello_ratios(bench, contest.fastapi_held_equal, [contest.flask_held_equal])
    if isinstance(held, Finding):
        return held
    assert bench.run is not None, "_hello_ratios returned figures, so the run exists"
    return bench.run, native[0], held[0]


def _judged_workloads(run: Run) -> list[tuple[str, str]]:
    """(key, label) of each workload the claims judge: every one but the concurrency sweep,
    which is the hello again at other connection counts and would count the hello five times."""
    return [
        (workload["key"], workload.get("label") or workload["key"])
        for workload in run.get("workloads", ())
        if workload.get("group") != "sweep"
    ]


def _per_workload(run: Run, numerator: str, denominator: str) -> dict[str, float | None]:
    return {
        key: benchmarks.ratio(run, numerator, denominator, key)
        for key, _label in _judged_workloads(run)
    }


def _shown(ratios: dict[str, float | None]) -> str:
    return ", ".join(f"{key} {value:.2f}" for key, value in ratios.items() if value is not None)


def much_faster_than_flask(bench: Benchmarks) -> Finding:
    """The twins on every workload, each on the server the article pairs it with.

    "Much faster" is MUCH_FASTER_AT times Flask's requests per second, workload by workload: a
    reader who moves to FastAPI moves to uvicorn too, so the native servers decide; the ratio
    with the server held equal (granian for both) says how much of it is the framework's.
    """
    contest = TWINS
    measured = _contest_on_hello(bench, contest)
    if isinstance(measured, Finding):
        return measured
    run = measured[0]
    native = _per_workload(run, contest.fastapi, contest.flask)
    held = _per_workload(run, contest.fastapi_held_equal, contest.flask_held_equal)
    slower = [key for key, value in native.items() if value is not None and value < 1]
    framework_short = [
        key for key, value in held.items() if value is not None and value < FASTER_AT
    ]
    return judge(
        parts={
            key: None if value is None else value >= MUCH_FASTER_AT for key, value in native.items()
        },
        observed=f"`{contest.fastapi}` ÷ `{contest.flask}` in requests per second (the median "
        f"of the per-round ratios), per workload: {_shown(native)}. With the server held equal "
        f"(`{contest.fastapi_held_equal}` ÷ `{contest.flask_held_equal}`): {_shown(held)}.",
        today=f"“Much faster” means at least {MUCH_FASTER_AT:g} times Flask's requests per "
        "second here."
        + (f" FastAPI's twin is slower than Flask's on {', '.join(slower)}." if slower else ""),
        caveats=[
            f"With the server held equal, the framework alone is not faster than Flask (under "
            f"{FASTER_AT:g} times its requests per second) on {', '.join(framework_short)}."
        ]
        if framework_short
        else [],
        evidence=[
            bench.link(f"docs/benchmarks.json: `{contest.fastapi}` ÷ `{contest.flask}`"),
            bench.link(
                f"docs/benchmarks.json: `{contest.fastapi_held_equal}` ÷ "
                f"`{contest.flask_held_equal}`"
            ),
        ],
    )


# "One of the fastest" ranks FastAPI among Python frameworks: a field of this many others at
# least, each measured bare on the hello like FastAPI; one rival makes no ranking.
RIVALS_FOR_A_RANKING = 3


def _bare_python_frameworks(run: Run) -> dict[str, float]:
    """Each Python framework measured bare, at its best hello rate over the servers it ran on."""
    best: dict[str, float] = {}
    for subject in run.get("subjects", ()):
        framework = subject.get("framework")
        if subject.get("kind") != "bare" or not framework:
            continue
        value = benchmarks.rate(run, subject["key"], benchmarks.HELLO)
        if value is not None and value > best.get(framework, 0):
            best[framework] = value
    return best


def fastest_python_framework(bench: Benchmarks) -> Finding:
    """The bare frameworks on the hello, ranked, once enough Python frameworks are measured.

    Unmeasured until then: beating Flask alone is not being "one of the fastest" among Python
    frameworks, so the figures against Flask are shown but decide nothing.
    """
    measured = _contest_on_hello(bench, BARE)
    if isinstance(measured, Finding):
        return measured
    run, value, framework = measured
    rates = _bare_python_frameworks(run)
    rivals = sorted(name for name in rates if name != "fastapi")
    against_flask = (
        f"Bare FastAPI served {value:.2f} times bare Flask's hello on their own servers and "
        f"{framework:.2f} times with the server held equal."
    )
    evidence = [
        _ratio_link(bench, BARE.fastapi, BARE.flask, value),
        _ratio_link(bench, BARE.fastapi_held_equal, BARE.flask_held_equal, framework),
    ]
    if len(rivals) < RIVALS_FOR_A_RANKING or "fastapi" not in rates:
        return judge(
            parts={"a ranking among Python web frameworks": None},
            observed=f"{against_flask} The benchmark measures {len(rivals)} other Python "
            f"framework{'' if len(rivals) == 1 else 's'} bare: {', '.join(rivals) or 'none'}.",
            today=f"A ranking takes at least {RIVALS_FOR_A_RANKING} other Python frameworks "
            "measured the same way (Django, Falcon, Starlette…); faster than Flask alone is not "
            "“one of the fastest”.",
            evidence=evidence,
        )
    ranked = sorted(rates, key=lambda name: -rates[name])
    place = ranked.index("fastapi") + 1
    return judge(
        article_right=place <= (len(ranked) + 1) // 2,
        observed=f"On the hello, bare and each on its best server, FastAPI ranks {place} of "
        f"{len(ranked)} Python frameworks: {', '.join(ranked)}. {against_flask}",
        today=f"FastAPI ranks {place} of {len(ranked)}: in the slower half of the Python "
        "frameworks measured.",
        evidence=evidence,
    )


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
    shown = ", ".join(f"{value:.2f} of {name}'s" for name, value in ratios.items())
    # On par with one and not the other is partly: the claim names both.
    return judge(
        parts={name: value >= ON_PAR_AT for name, value in ratios.items()},
        observed=f"A bare FastAPI hello on uvicorn served {shown} requests per second.",
        today=f"Bare FastAPI serves {shown} requests per second; “on par” means at least "
        f"{ON_PAR_AT} of it here.",
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
