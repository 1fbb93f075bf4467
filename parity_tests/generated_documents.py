"""A document that a test run writes and the repository keeps a copy of (the parity report,
the claims ledger): stale when a fresh run writes something else, and with a summary block
that the README carries a copy of."""

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Summary:
    """The block between two markers, copied from a document into the README."""

    name: str
    start: str
    end: str
    # Links in the block as the document writes them, and as they must read from the README.
    link_in_document: str
    link_from_readme: str

    def block(self, document: str) -> str:
        start = document.index(self.start)
        return document[start : document.index(self.end) + len(self.end)]

    def copied_into(self, readme: str, document: str) -> str:
        """The README with its block replaced by the document's, links made relative."""
        block = self.block(document).replace(self.link_in_document, self.link_from_readme)
        start, end = readme.index(self.start), readme.index(self.end) + len(self.end)
        return readme[:start] + block + readme[end:]


def refuse_to_write(session: pytest.Session, what: str, missing: Sequence[str]) -> None:
    """Fail the run, naming what it left out: a document without it would pass for complete."""
    writer = session.config.get_terminal_writer()
    writer.line()
    writer.line(
        f"{what} not written: left out of this run (deselected, skipped or failed): "
        + "; ".join(missing),
        red=True,
    )
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def stale(fresh: Path, checked_in: Path, readme: Path | None, summary: Summary) -> list[str]:
    """What is stale, as a unified diff and a line for the README (when given); empty when
    current."""
    problems: list[str] = []
    new, old = fresh.read_text(encoding="utf-8"), checked_in.read_text(encoding="utf-8")
    if new != old:
        problems += difflib.unified_diff(
            old.splitlines(), new.splitlines(), str(checked_in), "this run", lineterm=""
        )
    if readme is None:
        return problems
    readme_text = readme.read_text(encoding="utf-8")
    if summary.copied_into(readme_text, new) != readme_text:
        problems.append(f"{readme}: the {summary.name} differs from this run's")
    return problems


def main(
    argv: Sequence[str],
    summary: Summary,
    check: Callable[[Path, Path, Path | None], list[str]],
    usage: str,
    regenerate: str,
) -> int:
    """`check FRESH CHECKED_IN [README]` and `readme DOCUMENT README`, for one document."""
    match argv:
        case ["check", fresh, checked_in, *readme] if len(readme) <= 1:
            readme_path = Path(readme[0]) if readme else None
            problems = check(Path(fresh), Path(checked_in), readme_path)
            if problems:
                print("\n".join(problems))
                print(f"{checked_in} is stale: run `{regenerate}` and commit the result.")
                return 1
            also = f" and the {summary.name} in {readme_path}" if readme_path else ""
            print(f"{checked_in}{also} {'are' if readme_path else 'is'} current.")
            return 0
        case ["readme", document, readme]:
            path = Path(readme)
            text = summary.copied_into(
                path.read_text(encoding="utf-8"), Path(document).read_text(encoding="utf-8")
            )
            path.write_text(text, encoding="utf-8")
            return 0
    print(usage)
    return 2
