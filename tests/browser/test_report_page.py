"""The checked-in HTML parity report, opened in Chromium."""

from playwright.sync_api import Page, expect

from parity_tests.servers import ROOT
from tests.browser.watch import Watch

REPORT = ROOT / "docs" / "parity.html"


def test_the_html_parity_report_opens_with_no_console_error(page: Page, watch: Watch) -> None:
    page.goto(REPORT.as_uri())

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Flask and FastAPI, request by request"
    )
    assert watch.errors == []
