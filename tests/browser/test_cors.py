"""CORS as Chromium enforces it: pages on other origins call both apps with fetch.

Each test makes one request from one page to both apps and records what the page could do
with each answer; the parity report computes from these records whether a browser notices
each CORS difference. Each test also holds both apps to what the CORS policy promises
(`shared/cors.py`): an allowed origin reads the answer and the exposed headers, anything
else is refused.
"""

import json
from dataclasses import dataclass
from typing import Literal

import httpx2
import pytest
from playwright.sync_api import BrowserContext, Page
from sidebyside import Probe

from parity_tests.browser import BrowserCase, PageOutcome, record_browser
from parity_tests.contract.helpers import basic_auth, new_employee
from parity_tests.differential.cases.cors import PROBES
from parity_tests.sides import FRAMEWORKS, Framework
from tests.browser.conftest import Apps
from tests.browser.fetching import FetchRequest, NetworkLog, fetch_from

Expect = Literal["read", "refused"]


@dataclass(frozen=True)
class PageOrigin:
    description: str
    # {port} is the test site's port; None: the app's own /page, a same-origin page.
    url: str | None


ALLOWED = PageOrigin("an allowed origin", "http://localhost:{port}/")
DISALLOWED = PageOrigin("a disallowed origin", "http://127.0.0.1:{port}/")
UPPER_CASE = PageOrigin("an upper-case spelling of the allowed origin", "http://LOCALHOST:{port}/")
SANDBOXED = PageOrigin("a sandboxed page (origin null)", "http://localhost:{port}/sandboxed")
SAME_ORIGIN = PageOrigin("the app's own origin", None)

JSON = {"Content-Type": "application/json"}
SIMPLE_GET = FetchRequest(Probe("a simple GET /", "GET", "/"), read=("X-Process-Time", "Date"))
CREDENTIALED_GET = FetchRequest(
    Probe("GET /employees with credentials: include", "GET", "/employees"), credentials="include"
)
PREFLIGHTED_PUT = FetchRequest(
    Probe(
        "PUT /employees/{id}, a JSON body and an Authorization header (preflighted)",
        "PUT",
        "/employees/{id}",
        {**JSON, **basic_auth("someone", "secret")},
    ),
    body="employee",
)
CREATE_AND_READ_HEADERS = FetchRequest(
    Probe(
        "POST /employees (preflighted), then read X-Process-Time, Location and Date",
        "POST",
        "/employees",
        JSON,
    ),
    body="employee",
)
UNLISTED_HEADER_PUT = FetchRequest(
    Probe(
        "PUT /employees/{id} with an X-Secret header (not allowed)",
        "PUT",
        "/employees/{id}",
        {**JSON, "X-Secret": "1"},
    ),
    body="employee",
)
UNLISTED_METHOD = FetchRequest(
    Probe("PURGE /employees/{id} (a method not allowed)", "PURGE", "/employees/{id}")
)
OVERSIZED_POST = FetchRequest(
    Probe("POST /employees with a body over MAX_BODY_BYTES", "POST", "/employees", JSON),
    body="oversized",
)


@dataclass(frozen=True)
class Attempt:
    origin: PageOrigin
    request: FetchRequest
    # What the CORS policy promises a page, the same for both apps.
    expect: Expect
    # The headers an allowed page must be able to read (exposed, or same-origin).
    readable: tuple[str, ...] = ()
    # Titles of the parity report's CORS cases this request tries in a browser.
    reproduces: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.origin.description}: {self.request.probe.title}"


ATTEMPTS = [
    Attempt(ALLOWED, SIMPLE_GET, "read", ("X-Process-Time",),
            ("a simple request from an allowed origin",)),
    Attempt(ALLOWED, CREDENTIALED_GET, "read", ("X-Process-Time",),
            ("a simple request from an allowed origin",)),
    Attempt(ALLOWED, PREFLIGHTED_PUT, "read", ("X-Process-Time",),
            ("a preflight from an allowed origin",)),
    Attempt(ALLOWED, CREATE_AND_READ_HEADERS, "read", ("X-Process-Time", "Location"),
            ("a preflight from an allowed origin",)),
    Attempt(ALLOWED, UNLISTED_HEADER_PUT, "refused",
            reproduces=("a preflight asking for a disallowed header",)),
    Attempt(ALLOWED, UNLISTED_METHOD, "refused",
            reproduces=("a preflight asking for a disallowed method",)),
    Attempt(ALLOWED, OVERSIZED_POST, "read", ("X-Process-Time",),
            ("a body over the limit from an allowed origin",)),
    Attempt(DISALLOWED, SIMPLE_GET, "refused",
            reproduces=("a simple request from a disallowed origin",)),
    Attempt(DISALLOWED, CREDENTIALED_GET, "refused",
            reproduces=("a simple request from a disallowed origin",)),
    Attempt(DISALLOWED, PREFLIGHTED_PUT, "refused",
            reproduces=("a preflight from a disallowed origin",)),
    Attempt(DISALLOWED, CREATE_AND_READ_HEADERS, "refused",
            reproduces=("a preflight from a disallowed origin",)),
    Attempt(UPPER_CASE, SIMPLE_GET, "read", ("X-Process-Time",)),
    Attempt(UPPER_CASE, PREFLIGHTED_PUT, "read", ("X-Process-Time",),
            ("a preflight from an upper-case origin",)),
    Attempt(SANDBOXED, SIMPLE_GET, "refused"),
    Attempt(SANDBOXED, PREFLIGHTED_PUT, "refused",
            reproduces=("a preflight from the null origin",)),
    Attempt(SAME_ORIGIN, SIMPLE_GET, "read", ("X-Process-Time", "Date"),
            ("a simple request without an origin",)),
]  # fmt: skip


@dataclass(frozen=True)
class Caller:
    """Makes an attempt's request from its page to one app."""

    context: BrowserContext
    page: Page
    log: NetworkLog
    apps: Apps
    site_port: int

    def call(self, attempt: Attempt, framework: Framework) -> tuple[PageOutcome, str]:
        app = self.apps.url(framework)
        page_url = attempt.origin.url
        self.page.goto(page_url.format(port=self.site_port) if page_url else f"{app}/page")
        path = attempt.request.probe.path
        url = app + (path.format(id=self._employee_id(app)) if "{id}" in path else path)
        fetched = fetch_from(self.page, self.log, url, attempt.request, self._body(attempt))
        origin = fetched.origin_sent or "(none)"
        return fetched.outcome, origin.replace(f":{self.site_port}", ":<port>")

    def _employee_id(self, app: str) -> int:
        created = httpx2.post(f"{app}/employees", json=new_employee(), timeout=10)
        created.raise_for_status()
        employee_id: int = created.json()["id"]
        return employee_id

    def _body(self, attempt: Attempt) -> str | None:
        if attempt.request.body == "employee":
            return json.dumps(new_employee(name="Made by a page"))
        if attempt.request.body == "oversized":
            return " " * (self.apps.settings.max_body_bytes + 1)
        return None


@pytest.fixture
def caller(context: BrowserContext, page: Page, apps: Apps, site_port: int) -> Caller:
    return Caller(context, page, NetworkLog(context, page), apps, site_port)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=str)
def test_a_page_can_do_what_the_cors_policy_allows_and_nothing_else(
    attempt: Attempt, caller: Caller, request: pytest.FixtureRequest
) -> None:
    outcomes: dict[Framework, PageOutcome] = {}
    origins: set[str] = set()
    for framework in FRAMEWORKS:
        outcomes[framework], origin = caller.call(attempt, framework)
        origins.add(origin)
    record_browser(
        request.config,
        BrowserCase(
            attempt.origin.description,
            attempt.request.probe.title,
            attempt.reproduces,
            " or ".join(sorted(origins)),
            outcomes["flask"],
            outcomes["fastapi"],
        ),
    )

    seen = {framework: outcome.describe() for framework, outcome in outcomes.items()}
    for outcome in outcomes.values():
        assert outcome.refused == (attempt.expect == "refused"), seen
        if not outcome.refused:
            assert set(attempt.readable) <= set(outcome.readable), seen
            assert "Date" not in outcome.readable or attempt.origin is SAME_ORIGIN, seen


def test_the_browser_sends_the_allowed_origin_in_lower_case_whatever_the_page_url_says(
    caller: Caller,
) -> None:
    _, origin = caller.call(Attempt(UPPER_CASE, SIMPLE_GET, "read"), "flask")

    assert origin == "http://localhost:<port>"


def test_a_same_origin_get_carries_no_origin_header(caller: Caller) -> None:
    _, origin = caller.call(Attempt(SAME_ORIGIN, SIMPLE_GET, "read"), "fastapi")

    assert origin == "(none)"


def test_every_cors_case_of_the_parity_report_is_tried_in_a_browser() -> None:
    cors_cases = {probe.title for probe in PROBES}
    reproduced = {title for attempt in ATTEMPTS for title in attempt.reproduces}

    assert cors_cases - reproduced == set(), "CORS cases no browser test tries"
    assert reproduced - cors_cases == set(), "browser tests naming no CORS case"
