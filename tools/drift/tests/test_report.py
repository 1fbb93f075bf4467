"""docs/drift.md: what a cell says, when a version range is contradicted, when the page is
stale."""

import json
from typing import Any

from tools.drift.__main__ import DOCUMENT, PAGE, problems
from tools.drift.report import cell, probes, range_disagreements, render
from tools.drift.sets import LOCKED

LOCKED_VERSIONS = LOCKED


def record(differing: dict[str, list[str]], **versions: str) -> dict[str, Any]:
    """A set on which every probe answered alike but those given."""
    return {
        "set": "a-set",
        "why": "a test",
        "status": "ran",
        "versions": LOCKED_VERSIONS | versions,
        "differing": {key: [] for key in probes()} | differing,
    }


def naming(entry: str, items: list[str]) -> dict[str, list[str]]:
    """`items` differing in every probe that names `entry`."""
    return {key: items for key, probe in probes().items() if entry in probe.differences}


MALFORMED = naming("malformed-json", ["status", "content-type", "body"])


def test_an_entry_shown_by_every_case_that_names_it_shows() -> None:
    assert cell(record(MALFORMED), "malformed-json") == "shows"


def test_an_entry_shown_by_no_case_is_absent_or_a_different_difference() -> None:
    assert cell(record({}), "malformed-json") == "absent"
    assert cell(record(naming("malformed-json", ["header:x-other"])), "malformed-json") == (
        "different"
    )


def test_a_set_where_the_twins_do_not_run_has_no_cells() -> None:
    failed = {"set": "old", "status": "cannot run", "reason": "ImportError: x"}
    assert cell(failed, "malformed-json") == "n/a"


def test_an_entry_that_stops_showing_within_its_range_contradicts_it() -> None:
    assert "malformed-json on a-set: in its range but absent" in range_disagreements([record({})])


def test_an_entry_that_shows_outside_its_range_contradicts_it() -> None:
    # Werkzeug 3.1 is outside body-limit-bad-request's range, and no entry within range
    # explains a status that differs there.
    over = record(naming("body-limit-bad-request", ["status", "content-type", "body"]))
    assert cell(over, "body-limit-bad-request") == "shows"
    assert "body-limit-bad-request on a-set: outside its range but shows" in (
        range_disagreements([over])
    )


def test_outside_its_range_an_entry_does_not_show_where_one_within_range_explains_it() -> None:
    html_only = record(naming("body-limit-bad-request", ["content-type", "body"]))
    assert cell(html_only, "body-limit-bad-request") == "absent"
    assert cell(html_only, "werkzeug-html-errors") != "absent"


def test_the_checked_in_page_renders_from_the_checked_in_matrix() -> None:
    assert problems(json.loads(DOCUMENT.read_text()), PAGE.read_text()) == []


def test_a_page_edited_by_hand_is_stale() -> None:
    document = json.loads(DOCUMENT.read_text())
    assert problems(document, render(document) + "one more line\n") == [
        "docs/drift.md does not render from docs/drift.json and the registry"
    ]


def test_a_matrix_run_on_other_probes_is_stale() -> None:
    document = json.loads(DOCUMENT.read_text())
    ran = next(record for record in document["sets"] if record["status"] == "ran")
    ran["differing"]["a probe: removed since"] = []
    assert f"{ran['set']}: the probes changed since the matrix ran" in problems(
        document, PAGE.read_text()
    )


def test_a_set_whose_lock_changed_since_the_matrix_ran_is_stale() -> None:
    document = json.loads(DOCUMENT.read_text())
    document["sets"][0]["lock"] = "0" * 64
    assert problems(document, render(document)) == [
        f"stale lock: {document['sets'][0]['set']}: its lock changed since the matrix ran"
    ]
