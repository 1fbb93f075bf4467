"""Claims, findings and the one rule that turns what a probe saw into a verdict.

A claim is a function that probes the locked libraries and returns a Finding. It never names
its verdict: it says whether the article's statement is true today (`article_right`), what
qualifies it (`caveats`), and, when it is not true, what is (`today`) and what changed since
the article was written (`changed`). `judge` makes the verdict from those.

A claim that says several things (several workloads, versions, or parts such as "OAuth2 and
OpenID Connect") names each part and whether it is right, not right, or unmeasured (None:
nothing here probes it). Every part right: the claim holds. None right: it does not hold. Some
right and the others not right or unmeasured: partly, and the finding names each. A part that
nothing probes is never counted as right.
"""

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parents[2]

Verdict = Literal["holds", "holds with a caveat", "partly", "outdated", "wrong", "unmeasured"]
VERDICTS: dict[Verdict, str] = {
    "holds": "The statement is true on the locked versions, as the article means it.",
    "holds with a caveat": "True, but something the article does not say would surprise a "
    "reader who relied on it.",
    "partly": "True for some of what it says (some workloads, versions or parts) and false or "
    "unmeasured for the rest: the ledger names each.",
    "outdated": "It was true when the article was written and is not any more: a library "
    "changed. The ledger says what changed and what is true today.",
    "wrong": "It is not true on the locked versions, and no change since 2020 explains it: "
    "the article was mistaken. The ledger says what is true.",
    "unmeasured": "Nothing here can judge it yet; the ledger says why.",
}


@dataclass(frozen=True)
class Link:
    """Evidence: a file of this repository (path from the root), with an optional #anchor."""

    text: str
    target: str


class IncompleteFindingError(ValueError):
    """A finding that would leave a reader without what its verdict promises."""


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    # What ran and what it saw, in a sentence.
    observed: str
    # For a caveat: the caveat; for outdated or wrong: what is true today; for unmeasured: why.
    today: str = ""
    evidence: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        if not self.observed.strip():
            raise IncompleteFindingError("a finding must say what was observed")
        if self.verdict != "holds" and not self.today.strip():
            raise IncompleteFindingError(
                f"a finding of {self.verdict!r} must say "
                + {"unmeasured": "why", "partly": "where it holds and where it does not"}.get(
                    self.verdict, "what is true today"
                )
            )
        if self.verdict == "holds" and self.today:
            raise IncompleteFindingError("a claim that holds has no caveat: say so with one")


Parts = Mapping[str, bool | None]


def judge(
    *,
    article_right: bool | None = None,
    parts: Parts | None = None,
    observed: str,
    today: str = "",
    changed: str = "",
    caveats: Sequence[str] = (),
    evidence: Sequence[Link] = (),
) -> Finding:
    """The verdict from what was observed.

    Right with nothing to qualify it: holds. Right with caveats: holds with a caveat. Not right,
    when `changed` names the change since 2020 that made it so: outdated. Not right otherwise:
    wrong. A claim that is not right must say what is true today.

    A claim of several `parts` (instead of `article_right`): right when every part is, not
    right when none is, partly when some are, unmeasured when nothing probes any of them.
    """
    if (article_right is None) == (parts is None):
        raise IncompleteFindingError("judge a claim by exactly one of article_right and parts")
    if parts is not None:
        return _judge_parts(parts, observed, today, changed, caveats, evidence)
    if article_right:
        if caveats:
            return Finding("holds with a caveat", observed, " ".join(caveats), tuple(evidence))
        return Finding("holds", observed, "", tuple(evidence))
    if not today:
        raise IncompleteFindingError("a claim that does not hold must say what is true today")
    if changed:
        return Finding("outdated", observed, f"{today} (What changed: {changed}.)", tuple(evidence))
    return Finding("wrong", observed, today, tuple(evidence))


def _judge_parts(
    parts: Parts,
    observed: str,
    today: str,
    changed: str,
    caveats: Sequence[str],
    evidence: Sequence[Link],
) -> Finding:
    if not parts:
        raise IncompleteFindingError("a claim judged by its parts must name at least one")
    right = [name for name, value in parts.items() if value is True]
    not_right = [name for name, value in parts.items() if value is False]
    unprobed = [name for name, value in parts.items() if value is None]
    if not right and not not_right:
        return Finding(
            "unmeasured",
            observed,
            f"Nothing here probes {_names(unprobed)}. {today}".strip(),
            tuple(evidence),
        )
    if not unprobed and not (right and not_right):
        return judge(
            article_right=bool(right),
            observed=observed,
            today=today,
            changed=changed,
            caveats=caveats,
            evidence=evidence,
        )
    if not right:
        # Not right wherever it was measured: the unmeasured rest cannot rescue it.
        if not today:
            raise IncompleteFindingError("a claim that does not hold must say what is true today")
        return judge(
            article_right=False,
            observed=observed,
            today=f"{today} Not measured: {_names(unprobed)}.",
            changed=changed,
            evidence=evidence,
        )
    where = [f"Holds for {_names(right)}."]
    if not_right:
        where.append(f"Not for {_names(not_right)}.")
    if unprobed:
        where.append(f"Unmeasured for {_names(unprobed)}: nothing here probes it.")
    return Finding(
        "partly",
        observed,
        " ".join(text for text in (*where, today, *caveats) if text),
        tuple(evidence),
    )


def _names(parts: Sequence[str]) -> str:
    *most, last = parts
    return f"{', '.join(most)} and {last}" if most else last


def unmeasured(reason: str, *evidence: Link) -> Finding:
    return Finding("unmeasured", "Not measured.", reason, evidence)


Check = Callable[..., Finding]


@dataclass(frozen=True)
class Claim:
    """One statement of the article, in our words, and the function that judges it."""

    id: str
    says: str
    check: Check
    section: str = ""
    # The pytest fixtures the check takes, by parameter name.
    fixtures: tuple[str, ...] = field(default=())
    source: str = ""


def claim(says: str) -> Callable[[Check], Claim]:
    """Declare a claim: the decorated function probes it and returns a Finding."""

    def declare(check: Check) -> Claim:
        path = Path(inspect.getfile(check)).resolve().relative_to(REPO_ROOT)
        return Claim(
            id=check.__name__.replace("_", "-"),
            says=says,
            check=check,
            fixtures=tuple(inspect.signature(check).parameters),
            source=f"{path.as_posix()}::{check.__name__}",
        )

    return declare
