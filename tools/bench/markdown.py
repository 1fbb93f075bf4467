"""The report's Markdown pieces: figures as the tables print them, tables, readings, labels."""

from collections.abc import Iterable, Sequence

from tools.bench.judge import Spread
from tools.bench.summary import CaseSummary, Run, subject_info, subjects_of, workload_info


def _spread(value: Spread | None, spec: str, missing: str) -> str:
    """The median, then the rounds' range in brackets when there was more than one round."""
    if value is None:
        return missing
    median = format(value.median, spec)
    if value.rounds == 1:
        return median
    return f"{median} ({format(value.low, spec)}-{format(value.high, spec)})"


def rate(value: Spread | None) -> str:
    return _spread(value, ",.0f", "FAILED")


def times(value: Spread | None) -> str:
    return _spread(value, ".2f", "n/a")


def number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def flags(summary: CaseSummary) -> str:
    notes = []
    if summary.failed_rounds:
        notes.append(f"{summary.failed_rounds}/{summary.rounds} rounds failed")
    if summary.saturated_rounds:
        notes.append(f"load generator saturated in {summary.saturated_rounds}")
    return "; ".join(notes)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def reading(text: str) -> list[str]:
    return ["", f"*Reading:* {text}", ""]


def label(run: Run, subject: str) -> str:
    info = subject_info(run, subject)
    return str(info["label"]) if info else subject


def server_label(run: Run, server: str) -> str:
    found = subjects_of(run, server=server)
    return str(found[0]["server_label"]) if found else server


def workload_label(run: Run, key: str) -> str:
    info = workload_info(run, key)
    return str(info["label"]) if info else key


def gain(value: Spread | None) -> str:
    """A ratio to a baseline as a change: 1.12 is "+12%"."""
    if value is None:
        return "n/a"
    if value.rounds == 1:
        return f"{value.median - 1:+.0%}"
    return f"{value.median - 1:+.0%} ({value.low - 1:+.0%} to {value.high - 1:+.0%})"


def code_path(path: str) -> str:
    """ "tools.bench.tuned.heap:freeze_startup_heap" as a reader finds it: the file, the
    function."""
    module, _, function = path.partition(":")
    return f"`{module.replace('.', '/')}.py`: `{function}`"
