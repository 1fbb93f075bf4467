"""The five kinds of service the verdict answers for, and each one's verdict from the evidence.

A kind is the benchmark's workloads that stand for it: the verdict on it reads FastAPI ÷ Flask
on those workloads on their own servers (what a team runs), and checks it against the same
apps with the server held equal and against Flask on gevent; where a check puts the other
framework ahead, the evidence is mixed and the page says on what it depends.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tools.bench.markdown import times, workload_label
from tools.bench.summary import Run
from tools.bench.workloads import MIGRATION_WORKLOADS
from tools.verdict.evidence import (
    ASYNC_DEPENDENCY,
    ASYNC_SESSION,
    COMPAT,
    COMPAT_PAIR,
    FLASK_ON_GEVENT,
    HELD_EQUAL,
    OWN_SERVERS,
    Comparison,
    Evidence,
)
from tools.verdict.rules import Choice, Figure, Lead, choose, decisive, keep_or_move, opposed


@dataclass(frozen=True)
class Kind:
    anchor: str
    title: str
    # What the workloads stand for, in words: never a figure, which only the data gives.
    stands_for: str
    workloads: tuple[str, ...]
    # The claims of the ledger that bear on it, by id.
    claims: tuple[str, ...]
    # An existing Flask service with clients: judged on the move, not on a fresh start.
    keeps_clients: bool = False
    # The FastAPI app written another way (tools/bench/variants), read beside the twin: where
    # it puts another framework ahead, the verdict depends on how the app is written.
    variants: tuple[Comparison, ...] = ()


KINDS = (
    Kind(
        "json-api",
        "A JSON API doing little per request",
        "the hello (a small JSON answer) and a login with a validated body",
        ("hello", "login"),
        ("much-faster-than-flask", "one-model-validates-and-documents", "documentation-built-in"),
    ),
    Kind(
        "crud",
        "CRUD on a database",
        "reading one employee, lists of employees and a write, on SQLite",
        ("employee", "list-10", "list-100", "list-1000", "create"),
        ("dependency-injection", "response-model-drops-fields", "no-fastapi-admin"),
        variants=(ASYNC_SESSION, ASYNC_DEPENDENCY),
    ),
    Kind(
        "fan-out",
        "I/O-bound fan-out to other services",
        "a view that awaits, as it would another service's answer, with many connections open",
        ("async",),
        ("async-waits-share-one-thread", "flask-lacks-async"),
    ),
    Kind(
        "pages",
        "Server-rendered pages",
        "a Jinja template rendered with data, and a static file",
        ("page", "static"),
        ("template-request-in-context", "static-files"),
    ),
    Kind(
        "flask-with-clients",
        "An existing Flask codebase with clients to keep",
        "the hello and two database reads, served by FastAPI in compat mode (every bridge on) "
        "against the Flask twin it would replace",
        MIGRATION_WORKLOADS,
        ("typed-url-parameters", "blueprint-and-apirouter", "test-clients"),
        keeps_clients=True,
    ),
)
# The checks a fresh start is held to beside its deciding comparison, and what the verdict
# depends on when a check puts the other framework ahead.
CHECKS: dict[Comparison, str] = {
    HELD_EQUAL: "the server",
    FLASK_ON_GEVENT: "the server Flask runs on",
}
WHICH_REQUESTS = "which requests dominate"
UNBRIDGED = "what compat mode leaves unbridged"
WHAT_RAN = "what the run measured"
HOW_WRITTEN = "how the FastAPI app is written"


@dataclass(frozen=True)
class Note:
    """Why the evidence is mixed: on what the verdict depends, and the figures that say so."""

    depends_on: str
    text: str


@dataclass(frozen=True)
class KindVerdict:
    kind: Kind
    choice: Choice
    deciding: Comparison
    # Every comparison read, the deciding one first, each with a figure per workload.
    figures: dict[Comparison, list[Figure]]
    decisive: list[Figure]
    # Where the evidence is mixed, on what the verdict depends; empty when it is not.
    mixed: list[Note]
    # The differences that break clients and that compat mode leaves (an existing codebase).
    unbridged: tuple[str, ...] = ()

    @property
    def depends_on(self) -> list[str]:
        return list(dict.fromkeys(note.depends_on for note in self.mixed))


def judge(kind: Kind, evidence: Evidence) -> KindVerdict:
    return _keep_or_move(kind, evidence) if kind.keeps_clients else _fresh_start(kind, evidence)


def verdicts(evidence: Evidence) -> list[KindVerdict]:
    return [judge(kind, evidence) for kind in KINDS]


def _fresh_start(kind: Kind, evidence: Evidence) -> KindVerdict:
    run = evidence.run
    compared = (OWN_SERVERS, *CHECKS, *kind.variants)
    figures = {c: c.figures(run, kind.workloads) for c in compared}
    own = figures[OWN_SERVERS]
    choice = choose(own)
    mixed = _split(run, own) + _unmeasured(run, own)
    for variant in kind.variants:
        mixed += _written_otherwise(run, variant, own, figures[variant])
    for check, depends_on in CHECKS.items():
        mixed += [
            Note(
                depends_on,
                f"{check.servers}, {other.lead} is ahead on "
                f"{_at(run, other)}, where on their own servers {deciding.lead} is: the lead "
                f"comes with {depends_on}, not with the framework alone.",
            )
            for deciding, other in zip(own, figures[check], strict=True)
            if opposed(deciding, other)
        ]
    return KindVerdict(kind, choice, OWN_SERVERS, figures, decisive(own, choice), mixed)


def _keep_or_move(kind: Kind, evidence: Evidence) -> KindVerdict:
    run = evidence.run
    compat = COMPAT.figures(run, kind.workloads)
    unbridged = tuple(d.id for d in evidence.breaking(COMPAT_PAIR))
    choice = keep_or_move(compat, len(unbridged))
    mixed = _split(run, compat) + _unmeasured(run, compat)
    if unbridged:
        mixed.append(Note(UNBRIDGED, f"compat mode leaves unbridged: {', '.join(unbridged)}."))
    # The move is priced by its costliest workload whichever way it goes.
    costliest = decisive(compat, Choice.FASTAPI)
    return KindVerdict(kind, choice, COMPAT, {COMPAT: compat}, costliest, mixed, unbridged)


def _written_otherwise(
    run: Run, variant: Comparison, own: Sequence[Figure], written: Sequence[Figure]
) -> list[Note]:
    """Where the FastAPI app written another way changes who is ahead of the twins as written
    (a lead gained, lost or turned): the choice comes with how the app is written."""
    changed = [
        (twin, other)
        for twin, other in zip(own, written, strict=True)
        if twin.lead is not None and other.lead is not None and twin.lead is not other.lead
    ]
    if not changed:
        return []
    parts = [
        f"{_at(run, other)}, {_who(other)}, where the twins as written stand at "
        f"{times(twin.ratio)}, {_who(twin)}"
        for twin, other in changed
    ]
    return [Note(HOW_WRITTEN, f"{variant.ratio_of}, {variant.servers}: " + "; ".join(parts) + ".")]


def _who(figure: Figure) -> str:
    return "level" if figure.lead is Lead.NEITHER else f"{figure.lead} ahead"


def _at(run: Run, figure: Figure) -> str:
    return f"{workload_label(run, figure.workload)} at {times(figure.ratio)}"


def _split(run: Run, figures: Sequence[Figure]) -> list[Note]:
    """Each framework ahead on some of the kind's workloads: which requests dominate decides."""
    ahead = {lead: [f for f in figures if f.lead is lead] for lead in (Lead.FASTAPI, Lead.FLASK)}
    if not all(ahead.values()):
        return []
    parts = [
        f"{lead} is ahead on {', '.join(_at(run, f) for f in found)}"
        for lead, found in ahead.items()
    ]
    return [Note(WHICH_REQUESTS, "; ".join(parts) + ".")]


def _unmeasured(run: Run, figures: Sequence[Figure]) -> list[Note]:
    missing = [workload_label(run, f.workload) for f in figures if f.ratio is None]
    if not missing:
        return []
    return [Note(WHAT_RAN, f"No round with both sides passed: {', '.join(missing)}.")]
