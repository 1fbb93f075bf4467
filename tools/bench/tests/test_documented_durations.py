"""How long a benchmark run takes, wherever the docs say it: the plan's own estimate."""

import re
from pathlib import Path

import pytest

from tools.bench.profiles import FULL, QUICK, Profile, estimated_minutes

ROOT = Path(__file__).resolve().parents[3]
# Each place that states a run's length: the file, and how its line starts.
STATED = [
    (FULL, "Makefile", "## The benchmark (docs/benchmarks.md):"),
    (FULL, "docs/testing.md", "make bench        #"),
    (QUICK, "Makefile", "## One short round of everything,"),
    (QUICK, "docs/testing.md", "make bench-quick  #"),
]


def stated_minutes(text: str, line_start: str) -> int:
    """The "about N minutes" of the one line that starts with `line_start`."""
    (line,) = [line for line in text.splitlines() if line.startswith(line_start)]
    found = re.search(r"about (\d+) minutes", line)
    if found is None:
        raise AssertionError(f"{line!r} gives no length as 'about N minutes'")
    return int(found[1])


@pytest.mark.parametrize(
    ("profile", "path", "line_start"), STATED, ids=[f"{p.name} in {path}" for p, path, _ in STATED]
)
def test_the_length_the_docs_give_a_run_is_the_one_its_plan_computes(
    profile: Profile, path: str, line_start: str
) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")

    assert stated_minutes(text, line_start) == estimated_minutes(profile)


def test_a_length_that_drifted_from_the_plan_is_caught() -> None:
    stale = "## The benchmark (docs/benchmarks.md): every subject, 3 rounds, about 35 minutes"

    assert stated_minutes(stale, "## The benchmark") != estimated_minutes(FULL)


def test_a_length_written_in_words_is_refused_so_it_cannot_escape_the_check() -> None:
    with pytest.raises(AssertionError, match="no length"):
        stated_minutes("## One short round of everything, about four minutes", "## One short")
