"""The browser verdicts in the parity report: computed from what pages could do, and shown."""

from sidebyside import CaseResult

from parity_tests.browser import BrowserCase, PageOutcome, noticed_differences
from parity_tests.normalise import Observation
from parity_tests.report import render

ANSWER = Observation(200, "text/plain", {}, "")
REJECTED_PREFLIGHT = CaseResult(
    "cors",
    "a preflight from a disallowed origin",
    "OPTIONS /employees",
    ANSWER,
    ANSWER,
    ("status",),
    ("cors-preflight-rejection",),
    "documented",
)
ALLOWED_GET = CaseResult(
    "cors", "a simple request from an allowed origin", "GET /", ANSWER, ANSWER, (), (), "same"
)
READ = PageOutcome(200, ("X-Process-Time",))


def attempt(flask: PageOutcome, fastapi: PageOutcome, title: str) -> BrowserCase:
    return BrowserCase("a page", "a request", (title,), "http://localhost:<port>", flask, fastapi)


def test_refusals_for_different_reasons_are_one_thing_to_a_page() -> None:
    refusals = attempt(
        PageOutcome(None, refusal="PreflightMissingAllowOriginHeader"),
        PageOutcome(None, refusal="PreflightInvalidStatus"),
        REJECTED_PREFLIGHT.title,
    )
    report = render([REJECTED_PREFLIGHT], [refusals])

    assert not refusals.noticed
    assert "| a preflight from a disallowed origin | wire only |" in report
    assert "- **In a browser**: wire only: a browser cannot see it" in report
    assert "all 1 registered CORS differences are *wire only*" in report
    assert "refused: PreflightInvalidStatus" in report


def test_a_difference_a_page_can_see_is_flagged_at_the_top() -> None:
    seen = attempt(
        PageOutcome(None, refusal="MissingAllowOriginHeader"), READ, REJECTED_PREFLIGHT.title
    )
    report = render([REJECTED_PREFLIGHT], [seen])

    assert seen.noticed
    assert noticed_differences([REJECTED_PREFLIGHT], [seen]) == ["cors-preflight-rejection"]
    top = report.split("## ", 1)[0]
    assert "> **A browser notices**: [cors-preflight-rejection](#cors-preflight-rejection)" in top
    assert "| a preflight from a disallowed origin | **a browser notices** |" in report
    assert "- **In a browser**: **a browser notices**" in report


def test_a_header_one_app_lets_the_page_read_is_noticed() -> None:
    assert attempt(READ, PageOutcome(200), ALLOWED_GET.title).noticed


def test_cases_alike_on_the_wire_and_in_the_browser_say_so() -> None:
    report = render([ALLOWED_GET], [attempt(READ, READ, ALLOWED_GET.title)])

    assert "| a simple request from an allowed origin | the same access in a browser |" in report


def test_only_differences_in_cors_headers_are_judged_as_cors_differences() -> None:
    html_error = CaseResult(
        "cors",
        "a body over the limit from an allowed origin",
        "POST /employees",
        ANSWER,
        ANSWER,
        ("body",),
        ("werkzeug-html-errors",),
        "documented",
    )
    report = render([html_error], [attempt(READ, READ, html_error.title)])

    assert "| a body over the limit from an allowed origin | the same access in a browser |" in (
        report
    )
    assert "- **In a browser**" not in report


def test_without_browser_results_the_cors_cases_say_they_were_not_tried() -> None:
    report = render([REJECTED_PREFLIGHT, ALLOWED_GET])

    assert "The CORS cases were not tried in a browser in this run." in report
    assert "| a preflight from a disallowed origin | not tried in a browser |" in report
    assert "- **In a browser**" not in report
