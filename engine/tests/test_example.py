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
    for name in ("notes.sidebyside.toml", "notes.har"):
        shutil.copy(NOTES / name, pytester.path / name)
    return pytester.path / "notes.sidebyside.toml"


def test_the_notes_pair_passes_with_values_carried_from_answer_to_request(
    pytester: pytest.Pytester, notes: Path
) -> None:
    result = pytester.runpytest("--sbs-report", "reports")

    result.assert_outcomes(passed=17)
    report = (pytester.path / "reports" / "sidebyside-flask-notes-fastapi-notes.md").read_text()
    # The report's cells name the places that differ, with each side's value there.
    assert "$.note.author.bio = &lt;absent>" in report
    assert "$.note.author.bio = None" in report


def test_a_zone_suffix_inside_a_format_masked_time_and_a_nested_key_are_reported_by_path(
    pytester: pytest.Pytester, notes: Path
) -> None:
    text = notes.read_text().replace('expect = ["utc-suffix", "null-bio"]', "")
    notes.write_text(text)

    result = pytester.runpytest("-k", "probes")

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

    result = pytester.runpytest("--sbs-find-noise", "-k", "probes")

    lines = result.stdout.lines
    start = next(n for n, line in enumerate(lines) if "noise proposed for" in line) + 1
    # The section ends at the next rule: in CI pytest's summary repeats each failure in full,
    # body lines included.
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("="))
    assert [line for line in lines[start:end] if line.startswith("body ")] == [
        'body $.user.token: mask_json_paths = ["$.user.token"]',
        'body $.note.createdAt: mask_json_paths = ["$.note.createdAt"] with keep = "format"',
        'body $.note.updatedAt: mask_json_paths = ["$.note.updatedAt"] with keep = "format"',
        'body $.notes[*].createdAt: mask_json_paths = ["$.notes[*].createdAt"] with keep = '
        '"format"',
        'body $.notes[*].updatedAt: mask_json_paths = ["$.notes[*].updatedAt"] with keep = '
        '"format"',
    ]


def test_a_recorded_token_replayed_as_recorded_is_refused_so_the_replay_carries_its_own(
    pytester: pytest.Pytester, notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = pytester.runpytest("-k", "notes and not probes")
    result.assert_outcomes(passed=7)

    # Without carrying issued tokens, each fresh app refuses the token recorded from another.
    monkeypatch.setattr("sidebyside.har.ISSUED_MIN_LENGTH", 10**6)
    result = pytester.runpytest("-k", "notes and not probes")

    result.assert_outcomes(passed=1, failed=6)
    result.stdout.fnmatch_lines(
        [
            "*unexpected difference: notes: 002 POST /notes*",
            "body $.errors: flask-notes=*missing or unknown token*",
            "*cannot send: '004 GET /notes/1' needs {v002_1}, not captured: no Location header "
            "in the answer (401)",
            "*cannot send: '005 PUT /notes/1' needs {v004_1}, not captured: '004 GET /notes/1' "
            "was not answered*",
        ]
    )
