"""The worked example (engine/examples/shop) on the plugin: it passes as committed, and fails
as soon as one of its accepted differences is taken away."""

import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"


@pytest.fixture
def shop(pytester: pytest.Pytester) -> Path:
    for name in ("shop.sidebyside.toml", "shop.har"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    return pytester.path / "shop.sidebyside.toml"


def test_the_example_pair_passes_and_writes_its_report(
    pytester: pytest.Pytester, shop: Path
) -> None:
    result = pytester.runpytest("--sbs-report", "reports")

    result.assert_outcomes(passed=15)
    report = pytester.path / "reports" / "sidebyside-flask-shop-fastapi-shop.md"
    assert "**15 cases**: 9 the same, 6 a documented difference, 0 unexpected." in (
        report.read_text()
    )


def test_the_example_pair_fails_on_a_difference_it_no_longer_accepts(
    pytester: pytest.Pytester, shop: Path
) -> None:
    shop.write_text(shop.read_text().replace('expect = ["error-key"]', ""))

    result = pytester.runpytest()

    result.assert_outcomes(passed=14, failed=1)
    result.stdout.fnmatch_lines(["*unexpected difference: admin: the stats without a token*"])


NOTES = Path(__file__).parents[1] / "examples" / "notes"


@pytest.fixture
def notes(pytester: pytest.Pytester) -> Path:
    shutil.copy(NOTES / "notes.sidebyside.toml", pytester.path / "notes.sidebyside.toml")
    return pytester.path / "notes.sidebyside.toml"


def test_the_notes_pair_passes_with_values_carried_from_answer_to_request(
    pytester: pytest.Pytester, notes: Path
) -> None:
    result = pytester.runpytest("--sbs-report", "reports")

    result.assert_outcomes(passed=10)
    report = (pytester.path / "reports" / "sidebyside-flask-notes-fastapi-notes.md").read_text()
    # The report's cells name the places that differ, with each side's value there.
    assert "$.note.author.bio = &lt;absent>" in report
    assert "$.note.author.bio = None" in report


def test_a_zone_suffix_inside_a_format_masked_time_and_a_nested_key_are_reported_by_path(
    pytester: pytest.Pytester, notes: Path
) -> None:
    text = notes.read_text().replace('expect = ["utc-suffix", "null-bio"]', "")
    notes.write_text(text)

    result = pytester.runpytest()

    result.assert_outcomes(passed=6, failed=4)
    result.stdout.fnmatch_lines(
        [
            "*unexpected difference: notes: write a note*",
            "body $.note.author.bio: flask-notes=<absent> fastapi-notes=None "
            "(only fastapi-notes has it)",
            "body $.note.createdAt: "
            "flask-notes=\"<format '9999-99-99T99:99:99.999999+99:99'>\" "
            "fastapi-notes=\"<format '9999-99-99T99:99:99.999999Z'>\" (different value)",
        ]
    )


def test_noise_finding_on_the_notes_pair_proposes_its_real_noise_narrowly(
    pytester: pytest.Pytester, notes: Path
) -> None:
    # Without its noise rules, the suite is what a new user starts from.
    text = notes.read_text()
    notes.write_text(text[: text.index("[[noise]]")] + text[text.index("[[accepted]]") :])

    result = pytester.runpytest("--sbs-find-noise")

    lines = result.stdout.lines
    start = next(n for n, line in enumerate(lines) if "noise proposed for" in line)
    assert [line for line in lines[start:] if line.startswith("body ")] == [
        'body $.user.token: mask_json_paths = ["$.user.token"]',
        'body $.note.createdAt: mask_json_paths = ["$.note.createdAt"] with keep = "format"',
        'body $.note.updatedAt: mask_json_paths = ["$.note.updatedAt"] with keep = "format"',
        'body $.notes[*].createdAt: mask_json_paths = ["$.notes[*].createdAt"] with keep = '
        '"format"',
        'body $.notes[*].updatedAt: mask_json_paths = ["$.notes[*].updatedAt"] with keep = '
        '"format"',
    ]
