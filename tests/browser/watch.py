"""What a browser context did that a test must know about: requests that would leave the
machine, console errors and uncaught page errors.

The watch only listens. It never intercepts: with a route handler installed, Playwright
answers every CORS preflight itself with a permissive 204 (crNetworkManager), which would
falsify exactly what the CORS tests observe.
"""

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request

LOCAL_SCHEMES = frozenset({"about", "blob", "data", "file"})


def stays_on_this_machine(url: str) -> bool:
    """True for loopback hosts (127.0.0.0/8, ::1, localhost) and for schemes with no host."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Watch:
    off_machine: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)

    def _request(self, request: Request) -> None:
        if not stays_on_this_machine(request.url):
            self.off_machine.append(f"{request.method} {request.url}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _page(self, page: Page) -> None:
        page.on("pageerror", self._page_error)

    def _page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions, in one list for an assertion."""
        return self.console_errors + self.page_errors
