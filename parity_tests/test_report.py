"""The report plugin: what it writes, and how it notices that a checked-in copy is stale."""

from itertools import combinations
from pathlib import Path

from sidebyside import CaseResult, Probe

from parity_tests.normalise import Observation
from parity_tests.registry import IMPACT_RULES, REGISTRY
from parity_tests.report import (
    SUMMARY_END,
    SUMMARY_START,
    case_impact,
    check,
    render,
    report_name,
    report_path,
    summary_block,
    unsent,
    with_summary,
    write,
)
from parity_tests.sides import DEFAULT_PAIR, PairSpec
from parity_tests.verdicts import request_line

FLASK_404 = Observation(404, "text/html;charset=utf-8", {}, "<title>404 Not Found</title>")
FASTAPI_404 = Observation(404, "application/json", {}, {"detail": "Not Found"})
RESULTS = [
    CaseResult(
        "routing",
        "an unknown path",
        "GET /nowhere",
        FLASK_404,
        FASTAPI_404,
        ("content-type", "body"),
        ("werkzeug-html-errors",),
        "documented",
    )
]
README = f"# Project\n\n{SUMMARY_START}\nold\n{SUMMARY_END}\n\nMore.\n"


def test_a_case_row_shows_each_app_and_links_the_registry_entry() -> None:
    report = render(RESULTS)

    assert (
        '| an unknown path | `GET /nowhere` | 404 text/html; page "404 Not Found" '
        '| 404 application/json; detail "Not Found" '
        "| documented difference: [werkzeug-html-errors](#werkzeug-html-errors) |"
    ) in report
    assert "**1 cases**: 0 the same, 1 a documented difference, 0 unexpected." in report


def test_the_same_results_render_the_same_report() -> None:
    assert render(RESULTS) == render(list(RESULTS))


def test_the_readme_summary_is_replaced_and_its_links_point_into_the_report() -> None:
    readme = with_summary(README, render(RESULTS))

    assert "old" not in readme
    assert "(docs/parity.md#werkzeug-html-errors)" in readme
    assert readme.endswith(f"{SUMMARY_END}\n\nMore.\n")


def test_check_passes_when_current_and_names_what_is_stale(tmp_path: Path) -> None:
    fresh, checked_in, readme = tmp_path / "fresh.md", tmp_path / "parity.md", tmp_path / "R.md"
    fresh.write_text(render(RESULTS))
    checked_in.write_text(render(RESULTS))
    readme.write_text(with_summary(README, render(RESULTS)))
    assert check(fresh, checked_in, readme) == []

    checked_in.write_text(render(RESULTS).replace("an unknown path", "a lost path"))
    readme.write_text(README)
    problems = check(fresh, checked_in, readme)

    assert any(line.startswith("-| a lost path") for line in problems)
    assert problems[-1].endswith("the parity summary differs from this run's")


def test_a_probe_without_a_result_is_reported_as_unsent() -> None:
    sent = Probe("an unknown path", "GET", "/nowhere", feature="routing")
    never_sent = Probe("another unknown path", "GET", "/elsewhere", feature="routing")
    results = {(result.feature, result.title): result for result in RESULTS}

    assert unsent(results, [sent, never_sent]) == ["routing: another unknown path"]


def test_a_request_line_never_shows_the_value_of_a_secret_field() -> None:
    probe = Probe(
        "a login",
        "POST",
        "/login",
        json={"username": "admin", "password": "hunter2"},
        feature="auth",
    )

    line = request_line(probe)

    assert "hunter2" not in line
    assert '"password": "**********"' in line


def test_a_request_line_clips_a_long_path_and_says_how_long_it_was() -> None:
    probe = Probe("a long value", "GET", "/employees?department=" + "x" * 1000, feature="values")

    line = request_line(probe)

    assert len(line) < 150
    assert line.endswith("… (1022 characters)")


def test_a_report_is_named_after_both_sides_and_the_twins_keep_theirs() -> None:
    assert report_name(DEFAULT_PAIR) == "parity.md"
    assert report_name(PairSpec("fastapi", "flask")) == "parity-fastapi-flask.md"


def test_a_report_path_that_names_a_directory_gets_the_pairs_own_file(tmp_path: Path) -> None:
    swapped = PairSpec("fastapi", "flask")

    assert report_path(f"{tmp_path}/", swapped) == tmp_path / "parity-fastapi-flask.md"
    assert report_path(str(tmp_path), swapped) == tmp_path / "parity-fastapi-flask.md"
    assert report_path(str(tmp_path / "x.md"), swapped) == tmp_path / "x.md"


def test_a_report_names_each_side_by_its_label_in_its_title_headings_and_page(
    tmp_path: Path,
) -> None:
    swapped = PairSpec("fastapi", "flask")
    report = tmp_path / "report.md"

    write(report, RESULTS, pair=swapped)

    markdown = report.read_text()
    assert markdown.startswith("# FastAPI and Flask, request by request\n")
    assert "| Case | Request | FastAPI | Flask | Verdict |" in markdown
    assert "What a client of the FastAPI app would notice after a move to Flask" in markdown
    assert (
        "<title>FastAPI and Flask, request by request</title>"
        in report.with_suffix(".html").read_text()
    )


def test_check_without_a_readme_compares_the_report_alone(tmp_path: Path) -> None:
    fresh, checked_in = tmp_path / "fresh.md", tmp_path / "parity.md"
    fresh.write_text(render(RESULTS))
    checked_in.write_text(render(RESULTS))
    assert check(fresh, checked_in, None) == []

    checked_in.write_text(render(RESULTS).replace("an unknown path", "a lost path"))

    assert any(line.startswith("-| a lost path") for line in check(fresh, checked_in, None))


def test_the_summary_names_only_the_differences_that_break_clients_and_the_report_all() -> None:
    visible = CaseResult(
        "admin",
        "the admin",
        "GET /admin/",
        FLASK_404,
        FASTAPI_404,
        ("body",),
        ("admin-ui",),
        "documented",
    )
    report = render([*RESULTS, visible])
    summary = summary_block(report)

    assert "[werkzeug-html-errors](#werkzeug-html-errors)" in summary
    assert "[admin-ui](#admin-ui)" not in summary
    after_summary = report.split(SUMMARY_END, 1)[1]
    assert "| [admin-ui](#admin-ui): " in after_summary
    assert "| [werkzeug-html-errors](#werkzeug-html-errors): " in after_summary


def _breaking(name: str) -> CaseResult:
    return CaseResult(
        "routing",
        f"a case of {name}",
        "GET /",
        FLASK_404,
        FASTAPI_404,
        ("body",),
        (name,),
        "documented",
    )


def test_the_count_of_differences_that_break_clients_is_every_one_the_checklist_lists() -> None:
    names = [
        "validation-error-format",
        "werkzeug-html-errors",
        "path-converter-mismatch",
        "repeated-query-parameter",
        "automatic-head",
    ]
    report = render([_breaking(name) for name in names])
    checklist = report.split("### Migration checklist", 1)[1].split("\n## ", 1)[0]

    assert "5 differences break clients, all in the checklist below." in report
    assert "The 4 differences seen in the most cases" in report
    assert checklist.count("- [ ] ") == len(names)


def _documented(*names: str) -> CaseResult:
    return CaseResult("f", "t", "GET /", FLASK_404, FASTAPI_404, ("body",), names, "documented")


def test_the_impact_classes_rank_breaking_then_visible_then_wire_only() -> None:
    ranking = ["breaks clients", "visible but compatible", "wire only"]
    one_of_each = {
        impact: next(name for name, entry in REGISTRY.items() if entry.impact == impact)
        for impact in ranking
    }
    assert list(IMPACT_RULES) == ranking
    for impact, name in one_of_each.items():
        assert case_impact(_documented(name)) == impact
    # A case showing two classes counts under the more serious, in either order.
    for serious, lesser in combinations(ranking, 2):
        names = (one_of_each[serious], one_of_each[lesser])
        assert case_impact(_documented(*names)) == serious
        assert case_impact(_documented(*reversed(names))) == serious
