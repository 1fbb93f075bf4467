"""The report of one pair: Markdown, and HTML beside it, named after both sides.

Counts first, then one row per case (request, what each side answered, the verdict, how long
each side took), the accepted differences, the noise rules, and the noise rules proposed by
sending each request twice to the reference. Secret header values never appear.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from markdown_it import MarkdownIt

from sidebyside.findnoise import ProposedNoise, by_place, declaration
from sidebyside.jsonpath import PathDifference
from sidebyside.observe import IGNORED_HEADERS, Observation, Rule
from sidebyside.probes import MASKED, SECRET_HEADERS, masked_headers
from sidebyside.verdict import Accepted, CaseResult, Verdict

VERDICT_LABELS: dict[Verdict, str] = {
    "same": "same",
    "documented": "documented difference",
    "unexpected": "**unexpected**",
}
_TITLE = re.compile(r"<title>\s*(.*?)\s*</title>", re.IGNORECASE | re.DOTALL)


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell(text: str) -> str:
    """Text safe in a Markdown table cell; placeholders such as <id> are not read as tags."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def shape(body: object) -> str:
    """A body in a few words: its detail, its keys, its length, its page title or its text."""
    if isinstance(body, dict):
        detail = body.get("detail")
        if isinstance(detail, str):
            return f'detail "{shorten(detail)}"'
        return "{" + ", ".join(body) + "}"
    if isinstance(body, list):
        return f"a list of {len(body)}"
    text = str(body)
    if not text:
        return "empty body"
    title = _TITLE.search(text)
    if title:
        return f'page "{shorten(title.group(1))}"'
    return f'"{shorten(text)}"'


# At most this many differing places of a body are shown in a report cell.
PLACES_SHOWN = 4


def describe(
    observation: Observation,
    differing: Sequence[str],
    paths: Sequence[PathDifference] = (),
    side: int = 0,
) -> str:
    """Status, media type and the shape of the body, then any header that differs (a secret
    header's value masked), then each place where the JSON bodies differ with this side's
    value there (`side` 0 for the reference, 1 for the candidate)."""
    media_type = observation.content_type.split(";")[0] or "no content type"
    parts = [f"{observation.status} {media_type}", shape(observation.body)]
    headers = [
        aspect.removeprefix("header:") for aspect in differing if aspect.startswith("header:")
    ]
    shown = masked_headers(observation.headers)
    parts += [f"{name}: {shown.get(name, '(none)')}" for name in headers]
    for difference in paths[:PLACES_SHOWN]:
        value = difference.reference if side == 0 else difference.candidate
        parts.append(f"{difference.path} = {shorten(repr(value), 60)}")
    if len(paths) > PLACES_SHOWN:
        parts.append(f"and {len(paths) - PLACES_SHOWN} more places")
    return "; ".join(part for part in parts if part)


def to_html(markdown: str, title: str) -> str:
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:80rem;margin:2rem auto;"
        "padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;"
        "padding:.3rem .5rem;vertical-align:top}code{font-size:90%}</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _milliseconds(latency: tuple[float, float] | None) -> str:
    if latency is None:
        return "-"
    return f"{latency[0] * 1000:.1f} / {latency[1] * 1000:.1f}"


def row(case: CaseResult, latency: bool = True, places: bool = False) -> str:
    """One case as a table row: title, request, what each side answered (with `places`, each
    place where the JSON bodies differ and this side's value there), the verdict linked to
    its accepted differences, and (if `latency`) how long each side took."""
    paths = case.paths if places else ()
    verdict = VERDICT_LABELS[case.verdict]
    if case.differences:
        verdict += ": " + ", ".join(f"[{name}](#{name})" for name in case.differences)
    cells = (
        cell(case.title),
        "`" + case.request.replace("|", "\\|").replace("`", "'") + "`",
        cell(describe(case.reference, case.differing, paths, 0)),
        cell(describe(case.candidate, case.differing, paths, 1)),
        verdict,
        *((_milliseconds(case.latency),) if latency else ()),
    )
    return "| " + " | ".join(cells) + " |"


def accepted_entry(
    entry: Accepted, names: tuple[str, str], seen: Sequence[str], extra: Sequence[str] = ()
) -> list[str]:
    """One accepted difference as a report section: what each side (called `names`) does,
    why, how to bridge it, a reference, its impact, the releases it is bound to, the aspects
    it may change, the cases it was seen in, then `extra` lines. Only the parts the entry has
    are shown."""
    lines = [f'### <a id="{entry.id}"></a>{entry.id}: {getattr(entry, "title", entry.id)}', ""]
    for label, attribute in (
        (names[0], "reference_does"),
        (names[1], "candidate_does"),
        ("Why", "why"),
        ("Bridge", "bridge"),
    ):
        text = getattr(entry, attribute, "")
        lines += [f"- **{label}**: {text}"] if text else []
    link = getattr(entry, "link", "")
    lines += [f"- **Reference**: <{link}>"] if link else []
    impact = getattr(entry, "impact", "")
    lines += [f"- **Impact**: {impact}. {getattr(entry, 'impact_reason', '')}"] if impact else []
    versions = ", ".join(f"`{v}`" for v in sorted(getattr(entry, "versions", ())))
    lines += [f"- **Releases**: only where {versions} (installed here or not)"] if versions else []
    lines += [
        f"- **Compared aspects it may change**: {', '.join(sorted(entry.aspects))}",
        f"- **Seen in**: {'; '.join(seen) or 'no case in this run'}",
        *extra,
        "",
    ]
    return lines


def proposals(found: Iterable[ProposedNoise], notes: Sequence[str] = ()) -> list[str]:
    """Proposed noise rules, one per place, with how often, one example and the declaration;
    `notes` say what the noise finding could not see (or that it ran and found nothing)."""
    grouped = by_place(found)
    if not grouped and not notes:
        return []
    lines = ["## Proposed noise rules", "", *(f"**{note}**" for note in notes)]
    lines += [""] if notes else []
    if grouped:
        lines += [
            "Each request was also sent to a second reference: these places differed "
            "between the reference's own two answers, so they are noise, not a difference "
            "between the sides. Accept each into the declared noise rules, with its reason.",
            "",
        ]
    for aspect, items in sorted(grouped.items()):
        example = items[0]
        secret = aspect.startswith("header:") and aspect[7:] in SECRET_HEADERS
        first, second = (MASKED, MASKED) if secret else (example.first, example.second)
        shown = f": {shorten(repr(first))} then {shorten(repr(second))}"
        lines.append(
            f"- `{aspect}` in {len(items)} case{'s' if len(items) != 1 else ''}, e.g. "
            f"`{example.request}`{shown}; declare it with `{declaration(items)}`"
        )
    lines.append("")
    return lines


def render(
    results: Sequence[CaseResult],
    names: tuple[str, str],
    accepted: Mapping[str, Accepted],
    noise: Sequence[Rule],
    source: str = "",
    proposed: Sequence[ProposedNoise] = (),
    noise_notes: Sequence[str] = (),
) -> str:
    """The whole report, deterministic but for the latencies."""
    reference, candidate = names
    counts = Counter(result.verdict for result in results)
    lines = [
        f"# {reference} and {candidate}, request by request",
        "",
        f"Generated by sidebyside{f' from `{source}`' if source else ''}: each case sends one "
        f"request to {reference} (the reference) and to {candidate} (the candidate) and "
        "compares the responses after the noise rules below. Secret header values are masked.",
        "",
        f"**{len(results)} cases**: {counts['same']} the same, {counts['documented']} a "
        f"documented difference, {counts['unexpected']} unexpected.",
        "",
        *(line for note in noise_notes for line in (f"> {note}", "")),
    ]
    grouped: dict[str, list[CaseResult]] = {}
    for result in results:
        grouped.setdefault(result.feature or "cases", []).append(result)
    for feature, cases in grouped.items():
        lines += [
            f"## {feature}",
            "",
            f"| Case | Request | {reference} | {candidate} | Verdict | ms ({reference} / "
            f"{candidate}) |",
            "| --- | --- | --- | --- | --- | --- |",
            *(row(case, places=True) for case in cases),
            "",
        ]
    if accepted:
        lines += ["## Accepted differences", ""]
        for name, entry in accepted.items():
            seen = [result.title for result in results if name in result.differences]
            lines += accepted_entry(entry, names, seen)
    lines += [
        "## Noise rules",
        "",
        "What is removed before two responses are compared, and why.",
        "",
    ]
    lines += [
        "- **transport headers**: Every header is compared except "
        + ", ".join(IGNORED_HEADERS)
        + "; JSON bodies are compared parsed, text bodies without trailing whitespace."
    ]
    lines += [f"- **{rule.name}**: {rule.reason}" for rule in noise]
    lines.append("")
    lines += proposals(proposed, noise_notes)
    return "\n".join(lines)


def write(path: Path, markdown: str, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    path.with_suffix(".html").write_text(to_html(markdown, title), encoding="utf-8")
