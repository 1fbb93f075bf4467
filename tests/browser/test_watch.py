"""The watch that every browser test relies on catches what it exists to catch."""

import pytest
from playwright.sync_api import Browser, Route

from tests.browser.watch import Watch, stays_on_this_machine


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/docs",
        "http://127.5.6.7/",
        "http://localhost:5000/page",
        "http://LOCALHOST:5000/",
        "http://[::1]:8000/",
        "data:image/png;base64,AAAA",
        "about:blank",
        "file:///work/docs/parity.html",
    ],
)
def test_loopback_and_hostless_urls_stay_on_this_machine(url: str) -> None:
    assert stays_on_this_machine(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css",
        "https://fonts.googleapis.com/css?family=Montserrat",
        "http://10.0.0.1/",
        "http://192.168.1.10/",
        "http://localhost.example.com/",
        "http://[2001:db8::1]/",
    ],
)
def test_any_other_host_leaves_the_machine(url: str) -> None:
    assert not stays_on_this_machine(url)


def test_a_page_that_loads_from_another_host_is_caught_along_with_its_console_error(
    chromium: Browser,
) -> None:
    watch = Watch()
    context = chromium.new_context()
    watch.attach(context)
    # Aborted before any lookup: the request is seen by the watch, and nothing is sent.
    context.route("https://cdn.example.invalid/**", lambda route: _abort(route))
    try:
        page = context.new_page()
        page.set_content('<script src="https://cdn.example.invalid/ui.js"></script>')
        page.wait_for_load_state()
    finally:
        context.close()

    assert watch.off_machine == ["GET https://cdn.example.invalid/ui.js"]
    assert any("ui.js" in error for error in watch.errors)


def _abort(route: Route) -> None:
    route.abort()
