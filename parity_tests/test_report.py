"""The report plugin: what it writes, and how it notices that a checked-in copy is stale."""

import re
import runpy
import sys
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sidebyside import CaseResult, Probe

import parity_tests.report as report_module
from parity_tests.browser import BrowserCase, PageOutcome, record_browser
from parity_tests.normalise import Observation
from parity_tests.registry import IMPACT_RULES, REGISTRY
from parity_tests.report import (
    SUMMARY_END,
    SUMMARY_START,
    case_impact,
    check,
    difference_table,
    main,
    pytest_sessionfinish,
    render,
    report_name,
    report_path,
    summary,
    summary_block,
    unsent,
    what_to_do,
    with_summary,
    write,
)
from parity_tests.sides import DEFAULT_PAIR, PairSpec
from parity_tests.verdicts import RESULTS as RESULTS_KEY
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

    # The whole line: the twins' report has no latency column, which would change every run.
    assert (
        '| an unknown path | `GET /nowhere` | 404 text/html; page "404 Not Found" '
        '| 404 application/json; detail "Not Found" '
        "| documented difference: [werkzeug-html-errors](#werkzeug-html-errors) |"
    ) in report.splitlines()
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
    assert report_name(PairSpec.parse("flask:fastapi")) == "parity.md"
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


def test_a_report_is_written_into_directories_that_do_not_exist_yet(tmp_path: Path) -> None:
    report = tmp_path / "var" / "reports" / "parity.md"

    write(report, RESULTS)

    assert report.read_text() == render(RESULTS)
    assert report.with_suffix(".html").exists()


def test_every_registry_entry_has_its_section_naming_the_cases_it_was_seen_in() -> None:
    report = render(RESULTS)
    differences = report.split("## The differences", 1)[1]

    anchors = re.findall(r'^### <a id="([^"]+)"></a>', differences, flags=re.MULTILINE)
    assert anchors == list(REGISTRY)
    html_errors = differences.split('<a id="werkzeug-html-errors">', 1)[1].split("\n### ", 1)[0]
    assert "- **Seen in**: an unknown path" in html_errors


def _case(title: str, *names: str) -> CaseResult:
    """A case that shows `names`, or none: then the two apps answered the same."""
    if not names:
        return CaseResult("routing", title, "GET /", FASTAPI_404, FASTAPI_404, (), (), "same")
    return CaseResult(
        "routing", title, "GET /", FLASK_404, FASTAPI_404, ("body",), names, "documented"
    )


# One entry of each impact class, and a second that breaks clients, whose registry order
# (werkzeug-html-errors, malformed-json, cors-preflight-response, basic-credentials-ascii) is
# not their ranking.
MIXED = [
    _case("one", "werkzeug-html-errors"),
    _case("two", "werkzeug-html-errors", "malformed-json"),
    _case("three", "basic-credentials-ascii"),
    _case("four", "malformed-json"),
    _case("five", "cors-preflight-response"),
    _case("six"),
]


def test_the_summary_counts_each_case_under_its_most_serious_impact_and_each_entry_once() -> None:
    lines = summary(MIXED).splitlines()

    assert lines[0] == "**6 cases**: 1 the same, 5 a documented difference, 0 unexpected."
    rows = [line.split(" | ")[:3] for line in lines if line.startswith("| **")]
    assert rows == [
        ["| **breaks clients**", "3", "2"],
        ["| **visible but compatible**", "1", "1"],
        ["| **wire only**", "1", "1"],
    ]


def _ranked(table: list[str]) -> list[tuple[str, str, str]]:
    """Each row's registry entry, impact and count, in the table's order."""
    found = [re.match(r"\| \[([^\]]+)\]\([^)]*\): .* \| (.+) \| (\d+) \|$", line) for line in table]
    return [(match[1], match[2], match[3]) for match in found if match]


def test_the_table_of_differences_ranks_breaking_then_visible_then_wire_only() -> None:
    table = difference_table(MIXED)

    assert table[:2] == ["| Difference | Impact | Cases |", "| --- | --- | --- |"]
    assert _ranked(table) == [
        ("werkzeug-html-errors", "breaks clients", "2"),
        ("basic-credentials-ascii", "breaks clients", "1"),
        ("malformed-json", "visible but compatible", "2"),
        ("cors-preflight-response", "wire only", "1"),
    ]
    assert len(table) == 6


def test_the_summary_table_lists_only_what_breaks_clients() -> None:
    block = summary(MIXED)

    assert _ranked(block.splitlines()) == [
        ("werkzeug-html-errors", "breaks clients", "2"),
        ("basic-credentials-ascii", "breaks clients", "1"),
    ]


def test_what_matters_most_ranks_what_breaks_clients_by_cases_then_name() -> None:
    results = [
        _case("one", "werkzeug-html-errors"),
        _case("two", "werkzeug-html-errors", "malformed-json"),
        _case("three", "werkzeug-html-errors"),
        _case("four", "basic-credentials-ascii"),
        _case("five", "automatic-head"),
    ]

    lines = what_to_do(results)

    assert lines[2] == (
        "3 differences break clients, all in the checklist below. The 3 differences seen in "
        "the most cases, and how to make FastAPI answer as Flask did:"
    )
    ranked = [line.split(" (", 1)[0] for line in lines if re.match(r"\d\. ", line)]
    assert ranked == [
        "1. **[werkzeug-html-errors](#werkzeug-html-errors)**",
        "2. **[automatic-head](#automatic-head)**",
        "3. **[basic-credentials-ascii](#basic-credentials-ascii)**",
    ]
    entry = REGISTRY["werkzeug-html-errors"]
    assert (
        f"1. **[werkzeug-html-errors](#werkzeug-html-errors)** (3 cases): {entry.impact_reason} "
        f"*Bridge*: {entry.bridge}"
    ) in lines
    checklist = "\n".join(lines[lines.index("### Migration checklist") :])
    assert re.findall(r"^- \[ \] \[([^\]]+)\]", checklist, flags=re.MULTILINE) == [
        "werkzeug-html-errors",
        "automatic-head",
        "basic-credentials-ascii",
    ]
    assert "malformed-json" not in "\n".join(lines)


def test_one_difference_seen_once_is_named_in_the_singular() -> None:
    lines = what_to_do([_case("one", "automatic-head"), _case("two", "malformed-json")])

    assert lines[2] == (
        "1 difference breaks clients, all in the checklist below. The 1 difference seen in "
        "the most cases, and how to make FastAPI answer as Flask did:"
    )
    assert lines[4].startswith("1. **[automatic-head](#automatic-head)** (1 case): ")


def test_without_a_difference_that_breaks_clients_there_is_nothing_to_do() -> None:
    assert what_to_do([_case("one", "malformed-json"), _case("two")]) == []


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, text: str = "", **markup: bool) -> None:
        self.lines.append(text)


class _Config:
    """What the report's hook reads of a pytest config: two options, the stash, a writer."""

    def __init__(self, option: str | None, pair: PairSpec, results: list[CaseResult]) -> None:
        self.options: dict[str, Any] = {"--parity-report": option, "--pair": pair}
        self.stash = pytest.Stash()
        self.stash[RESULTS_KEY] = {(result.feature, result.title): result for result in results}
        self.writer = _Writer()

    def getoption(self, name: str) -> Any:
        return self.options[name]

    def get_terminal_writer(self) -> _Writer:
        return self.writer


def _finish(
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    results: list[CaseResult],
    probes: list[Probe],
    pair: PairSpec = DEFAULT_PAIR,
    browser: tuple[BrowserCase, ...] = (),
) -> SimpleNamespace:
    """Run the report's end-of-session hook as pytest would, with `probes` as every probe."""
    monkeypatch.setattr("parity_tests.differential.cases.every_probe", lambda: probes)
    config = _Config(option, pair, results)
    for case in browser:
        record_browser(cast(pytest.Config, config), case)
    session = SimpleNamespace(config=config, exitstatus=pytest.ExitCode.OK)
    pytest_sessionfinish(cast(pytest.Session, session))
    return session


def _probe_of(result: CaseResult) -> Probe:
    return Probe(result.title, "GET", "/", feature=result.feature)


def test_a_run_that_sent_every_probe_writes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _finish(monkeypatch, f"{tmp_path}/", RESULTS, [_probe_of(RESULTS[0])])

    assert (tmp_path / "parity.md").read_text() == render(RESULTS)
    assert session.exitstatus == pytest.ExitCode.OK


def test_a_run_that_left_a_probe_out_writes_no_report_and_fails_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left_out = Probe("another unknown path", "GET", "/elsewhere", feature="routing")

    session = _finish(monkeypatch, f"{tmp_path}/", RESULTS, [_probe_of(RESULTS[0]), left_out])

    assert list(tmp_path.iterdir()) == []
    assert session.exitstatus == pytest.ExitCode.TESTS_FAILED
    assert "routing: another unknown path" in session.config.writer.lines[-1]


def test_a_run_without_parity_report_writes_nothing_and_passes_whatever_it_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _finish(monkeypatch, None, [], [_probe_of(RESULTS[0])])

    assert session.exitstatus == pytest.ExitCode.OK
    assert session.config.writer.lines == []


CORS_CASE = CaseResult(
    "cors",
    "a preflight from the allowed origin",
    "OPTIONS /employees",
    FLASK_404,
    FASTAPI_404,
    ("header:access-control-allow-headers",),
    ("cors-preflight-response",),
    "documented",
)
FROM_A_PAGE = BrowserCase(
    page="the allowed origin",
    request="PUT /employees/1 with JSON",
    reproduces=(CORS_CASE.title,),
    origin_sent="http://localhost",
    flask=PageOutcome(200),
    fastapi=PageOutcome(200),
)
PAGE_ROW = "| the allowed origin | PUT /employees/1 with JSON | http://localhost |"


@pytest.mark.parametrize(
    ("pair", "shown"),
    [(PairSpec.parse("flask:fastapi"), True), (PairSpec.parse("fastapi:flask"), False)],
    ids=["the-twins", "another-pair"],
)
def test_what_pages_in_chromium_saw_goes_into_the_twins_report_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pair: PairSpec, shown: bool
) -> None:
    _finish(
        monkeypatch,
        str(tmp_path / "r.md"),
        [CORS_CASE],
        [_probe_of(CORS_CASE)],
        pair,
        (FROM_A_PAGE,),
    )

    assert (
        any(line.startswith(PAGE_ROW) for line in (tmp_path / "r.md").read_text().splitlines())
        is shown
    )


def test_the_command_line_checks_a_checked_in_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh, checked_in = tmp_path / "fresh.md", tmp_path / "parity.md"
    fresh.write_text(render(RESULTS))
    checked_in.write_text(render(RESULTS))

    assert main(["check", str(fresh), str(checked_in)]) == 0
    assert capsys.readouterr().out == f"{checked_in} is current.\n"


def test_the_command_line_without_a_command_prints_its_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    assert (
        "python -m parity_tests.report check FRESH CHECKED_IN [README]" in capsys.readouterr().out
    )


def test_run_as_a_module_it_checks_the_files_named_after_its_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh, checked_in = tmp_path / "fresh.md", tmp_path / "parity.md"
    fresh.write_text(render(RESULTS))
    checked_in.write_text(render(RESULTS).replace("an unknown path", "a lost path"))
    monkeypatch.setattr(sys, "argv", ["report.py", "check", str(fresh), str(checked_in)])

    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(Path(report_module.__file__ or "")), run_name="__main__")

    assert exited.value.code == 1
