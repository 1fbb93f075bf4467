"""What a page in Chromium could do with each app's answer, beside the wire-level CORS cases.

The browser tests (`tests/browser/test_cors.py`) make the requests from real pages and record
what each page could do here; the parity report renders it. A CORS case's browser verdict is
computed from those records, never written by hand: *a browser notices* when a page could do
something with one app that it could not do with the other, *wire only* when the apps differ
on the wire but no page can tell them apart.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest
from sidebyside import CaseResult

from parity_tests.registry import REGISTRY

CORS_FEATURE = "cors"
CORS_HEADER = "header:access-control-"
SOURCE = "tests/browser/test_cors.py"


@dataclass(frozen=True)
class PageOutcome:
    """One `fetch` as the page saw it: the status and the headers it could read, or a refusal."""

    # None when the browser refused to hand the response to the page (a TypeError in fetch).
    status: int | None
    # Of the headers the page tried to read, those the browser let it read.
    readable: tuple[str, ...] = ()
    # Why Chromium refused, as DevTools names it (corsErrorStatus): the console shows this,
    # page code cannot see it.
    refusal: str = ""

    @property
    def refused(self) -> bool:
        return self.status is None

    def seen_by_page(self) -> tuple[int | None, tuple[str, ...]]:
        """What page code can tell apart: every refusal is the same TypeError to it."""
        return self.status, self.readable

    def describe(self) -> str:
        if self.refused:
            return f"refused: {self.refusal}" if self.refusal else "refused"
        read = f"; reads {', '.join(self.readable)}" if self.readable else "; reads no header"
        return f"{self.status}{read}"


@dataclass(frozen=True)
class BrowserCase:
    """One request made from one page to both apps, and what the page could do with each."""

    page: str
    request: str
    # Titles of the parity report's CORS cases this request tries in a browser.
    reproduces: tuple[str, ...]
    # The Origin header the browser sent, with the test site's port written <port>.
    origin_sent: str
    flask: PageOutcome
    fastapi: PageOutcome

    @property
    def noticed(self) -> bool:
        return self.flask.seen_by_page() != self.fastapi.seen_by_page()


BROWSER_RESULTS = pytest.StashKey[dict[tuple[str, str], BrowserCase]]()


def record_browser(config: pytest.Config, case: BrowserCase) -> None:
    config.stash.setdefault(BROWSER_RESULTS, {})[(case.page, case.request)] = case


def recorded(config: pytest.Config) -> list[BrowserCase]:
    return sorted(config.stash.get(BROWSER_RESULTS, {}).values(), key=_order)


def _order(case: BrowserCase) -> tuple[str, str]:
    return case.page, case.request


def tried_for(case: CaseResult, browser: Iterable[BrowserCase]) -> list[BrowserCase]:
    return [tried for tried in browser if case.title in tried.reproduces]


def is_cors_difference(name: str) -> bool:
    """A difference in CORS handling: one that may change an Access-Control-* header."""
    return any(aspect.startswith(CORS_HEADER) for aspect in REGISTRY[name].aspects)


def case_verdict(case: CaseResult, browser: Sequence[BrowserCase]) -> str:
    tried = tried_for(case, browser)
    if not tried:
        return "not tried in a browser"
    if any(attempt.noticed for attempt in tried):
        return "**a browser notices**"
    if any(is_cors_difference(name) for name in case.differences):
        return "wire only"
    return "the same access in a browser"


def cors_differences(results: Iterable[CaseResult]) -> list[str]:
    """The CORS differences seen in this run, in registry order."""
    seen = {name for case in results for name in case.differences}
    return [name for name in REGISTRY if name in seen and is_cors_difference(name)]


def noticed_differences(results: Sequence[CaseResult], browser: Sequence[BrowserCase]) -> list[str]:
    """The registered CORS differences that a page in a browser can tell apart."""
    return [
        name
        for name in cors_differences(results)
        if any(
            attempt.noticed
            for case in results
            if case.feature == CORS_FEATURE and name in case.differences
            for attempt in tried_for(case, browser)
        )
    ]


def headline(results: Sequence[CaseResult], browser: Sequence[BrowserCase]) -> list[str]:
    """The lines at the top of the report: which CORS differences a browser notices."""
    names = cors_differences(results)
    if not names:
        return []
    if not browser:
        return ["The CORS cases were not tried in a browser in this run.", ""]
    noticed = noticed_differences(results, browser)
    if noticed:
        links = ", ".join(f"[{name}](#{name})" for name in noticed)
        return [
            f"> **A browser notices**: {links}. A page in Chromium could do something with "
            "one app that it could not do with the other; see [In Chromium](#in-chromium).",
            "",
        ]
    return [
        f"In Chromium, all {len(names)} registered CORS differences are *wire only*: no page "
        "could tell the two apps apart (see [In Chromium](#in-chromium)).",
        "",
    ]


def section(cases: Sequence[CaseResult], browser: Sequence[BrowserCase]) -> list[str]:
    """After the CORS cases: each case's browser verdict, then every request a page made."""
    if not cases or cases[0].feature != CORS_FEATURE:
        return []
    lines = [
        '### <a id="in-chromium"></a>In Chromium',
        "",
        f"The same questions asked by pages in Debian's Chromium (`{SOURCE}`): a test site on "
        "its own port serves pages from an origin both apps allow (http://localhost:&lt;port>) "
        "and from others; each page calls both apps, running on gunicorn and uvicorn, with "
        "`fetch`. A browser notices a difference when a page could do something with one "
        "app's answer that it could not do with the other's: get it at all, see its status, "
        "read a header. *Refused* means the page's fetch failed with a TypeError; the reason "
        "after it is Chromium's, shown in the console and never to the page.",
        "",
        "| Case | In a browser |",
        "| --- | --- |",
    ]
    lines += [f"| {_cell(case.title)} | {case_verdict(case, browser)} |" for case in cases]
    if browser:
        lines += [
            "",
            "| Page origin | Request | Origin sent | Flask | FastAPI | Page can tell them apart |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {_cell(attempt.page)} | {_cell(attempt.request)} | {_cell(attempt.origin_sent)} "
            f"| {attempt.flask.describe()} | {attempt.fastapi.describe()} "
            f"| {'**yes**' if attempt.noticed else 'no'} |"
            for attempt in browser
        ]
    return [*lines, ""]


def difference_line(
    name: str, results: Sequence[CaseResult], browser: Sequence[BrowserCase]
) -> list[str]:
    """For a CORS difference: whether a browser can see it."""
    if name not in cors_differences(results) or not browser:
        return []
    if name in noticed_differences(results, browser):
        return ["- **In a browser**: **a browser notices**: a page could tell the apps apart."]
    return [
        "- **In a browser**: wire only: a browser cannot see it; pages calling either app "
        "could do the same (see [In Chromium](#in-chromium))."
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")
