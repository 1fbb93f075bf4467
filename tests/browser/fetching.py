"""One `fetch` made by a page, what the page could do with the answer, and what Chromium
itself said about the request (the Origin it sent, why it refused) through DevTools."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from playwright.sync_api import BrowserContext, Page
from sidebyside import Probe

from parity_tests.browser import PageOutcome

# Runs in the page: the page's own origin makes the request, exactly as the page's code would.
FETCH = """async ({ url, init, read }) => {
  try {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    const readable = read.filter((name) => response.headers.get(name) !== null);
    return { status: response.status, readable };
  } catch (error) {
    return { status: null, readable: [], error: `${error.name}: ${error.message}` };
  }
}"""
EVENT_WAIT_SECONDS = 5.0
T = TypeVar("T")
Body = Literal["employee", "oversized"]


@dataclass(frozen=True)
class FetchRequest:
    """A probe as a page's fetch makes it, with what only a browser adds."""

    # The request: its title, method, path ({id}: an employee the test creates first through
    # the same app) and headers; its body is the test's to make, named below.
    probe: Probe
    body: Body | None = None
    credentials: Literal["omit", "same-origin", "include"] = "same-origin"
    # The headers the page tries to read; any it can read are recorded.
    read: tuple[str, ...] = ("X-Process-Time", "Location", "Date")

    def init(self, body: str | None) -> dict[str, Any]:
        init: dict[str, Any] = {"method": self.probe.method, "credentials": self.credentials}
        if self.probe.headers:
            init["headers"] = dict(self.probe.headers)
        if body is not None:
            init["body"] = body
        return init


@dataclass
class _Sent:
    method: str
    url: str
    headers: dict[str, str] | None = None
    refusal: str | None = None


class NetworkLog:
    """Chromium's account of each request, from a DevTools session of the page's own.

    It only listens (Network domain events), so the requests are exactly the page's.
    """

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self._page = page
        self._requests: dict[str, _Sent] = {}
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._will_be_sent)
        session.on("Network.requestWillBeSentExtraInfo", self._extra_info)
        session.on("Network.loadingFailed", self._failed)
        session.send("Network.enable")

    def _will_be_sent(self, event: dict[str, Any]) -> None:
        # The events of one request can arrive in any order: whichever comes first makes it.
        sent = self._sent(event["requestId"])
        sent.method, sent.url = event["request"]["method"], event["request"]["url"]

    def _extra_info(self, event: dict[str, Any]) -> None:
        self._sent(event["requestId"]).headers = {
            name.lower(): value for name, value in event["headers"].items()
        }

    def _failed(self, event: dict[str, Any]) -> None:
        status = event.get("corsErrorStatus") or {}
        reason = status.get("corsError") or event.get("errorText", "")
        parameter = status.get("failedParameter")
        self._sent(event["requestId"]).refusal = f"{reason} ({parameter})" if parameter else reason

    def _sent(self, request_id: str) -> _Sent:
        return self._requests.setdefault(request_id, _Sent("", ""))

    def mark(self) -> set[str]:
        return set(self._requests)

    def origin_sent(self, url: str, before: set[str]) -> str | None:
        """The Origin header of the requests for `url` since `before` (a preflight's too)."""
        headers = self._wait(lambda: [s.headers for s in self._new(url, before) if s.headers])
        origins = {sent.get("origin") for sent in headers}
        assert len(origins) == 1, f"requests for {url} sent different origins: {origins}"
        return origins.pop()

    def refusal(self, method: str, url: str, before: set[str]) -> str:
        """Why Chromium refused the page's request, as DevTools reports it."""
        reasons = self._wait(
            lambda: [s.refusal for s in self._new(url, before) if s.method == method and s.refusal]
        )
        return reasons[-1]

    def _new(self, url: str, before: set[str]) -> list[_Sent]:
        return [
            sent for key, sent in self._requests.items() if key not in before and sent.url == url
        ]

    def _wait(self, found: Callable[[], list[T]]) -> list[T]:
        # DevTools events arrive on their own channel, possibly after fetch has settled.
        deadline = time.monotonic() + EVENT_WAIT_SECONDS
        while time.monotonic() < deadline:
            result = found()
            if result:
                return result
            self._page.wait_for_timeout(20)
        raise AssertionError("Chromium reported no such request within the time allowed")


@dataclass(frozen=True)
class Fetched:
    outcome: PageOutcome
    origin_sent: str | None


def fetch_from(
    page: Page, log: NetworkLog, url: str, request: FetchRequest, body: str | None
) -> Fetched:
    """Make the request from `page` and describe what the page could do with the answer."""
    before = log.mark()
    result = page.evaluate(FETCH, {"url": url, "init": request.init(body), "read": request.read})
    origin = log.origin_sent(url, before)
    if result["status"] is None:
        refusal = log.refusal(request.probe.method, url, before)
        return Fetched(PageOutcome(None, refusal=refusal), origin)
    return Fetched(PageOutcome(result["status"], tuple(result["readable"])), origin)
