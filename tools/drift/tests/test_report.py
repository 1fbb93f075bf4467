"""docs/drift.md: what a cell says, when a version range is contradicted, when the page is
stale."""

import json
from typing import Any

from parity_tests.registry import REGISTRY
from tools.drift.__main__ import DOCUMENT, PAGE, problems
from tools.drift.report import cell, range_disagreements, render

LOCKED_VERSIONS = {
    "flask": "3.1.3",
    "werkzeug": "3.1.9",
    "flask-cors": "6.0.5",
    "flask-pydantic": "0.14.0",
    "fastapi": "0.165.0",
    "starlette": "1.10.0",
    "pydantic": "2.14.4",
}


def record(entries: dict[str, dict[str, int]], **versions: str) -> dict[str, Any]:
    return {
        "set": "a-set",
        "why": "a test",
        "status": "ran",
        "versions": LOCKED_VERSIONS | versions,
        "entries": entries,
        "cases": 1,
        "verdicts": {"same": 0, "documented": 1, "unexpected": 0},
    }


def test_an_entry_shown_by_every_case_that_names_it_shows() -> None:
    assert cell(record({"e": {"named": 2, "shown": 2, "beyond": 0}}), "e") == "shows"


def test_an_entry_shown_by_no_case_is_absent_or_a_different_difference() -> None:
    assert cell(record({"e": {"named": 2, "shown": 0, "beyond": 0}}), "e") == "absent"
    assert cell(record({"e": {"named": 2, "shown": 0, "beyond": 1}}), "e") == "different"
    assert cell(record({"e": {"named": 3, "shown": 1, "beyond": 0}}), "e") == "1/3"


def test_a_set_where_the_twins_do_not_run_has_no_cells() -> None:
    failed = {"set": "old", "status": "cannot run", "reason": "ImportError: x"}
    assert cell(failed, "malformed-json") == "n/a"


def test_an_entry_that_stops_showing_within_its_range_contradicts_it() -> None:
    # malformed-json holds on every release in the registry: absent, it is contradicted.
    gone = record({"malformed-json": {"named": 2, "shown": 0, "beyond": 0}})
    assert range_disagreements([gone]) == ["malformed-json on a-set: in its range but absent"]


def test_an_entry_that_shows_outside_its_range_contradicts_it() -> None:
    bounded = next(name for name, entry in REGISTRY.items() if entry.versions)
    outside = record(
        {bounded: {"named": 1, "shown": 1, "beyond": 0}},
        **{package: "0.0.1" for package in LOCKED_VERSIONS},
    )
    assert range_disagreements([outside]) == [f"{bounded} on a-set: outside its range but shows"]


def test_the_checked_in_page_renders_from_the_checked_in_matrix() -> None:
    assert problems(json.loads(DOCUMENT.read_text()), PAGE.read_text()) == []


def test_a_page_edited_by_hand_is_stale() -> None:
    document = json.loads(DOCUMENT.read_text())
    assert problems(document, render(document) + "one more line\n") == [
        "docs/drift.md does not render from docs/drift.json and the registry"
    ]


def test_a_set_whose_lock_changed_since_the_matrix_ran_is_stale() -> None:
    document = json.loads(DOCUMENT.read_text())
    document["sets"][0]["lock"] = "0" * 64
    assert problems(document, render(document)) == [
        f"stale lock: {document['sets'][0]['set']}: its lock changed since the matrix ran"
    ]
