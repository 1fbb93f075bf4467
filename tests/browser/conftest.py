"""Fixtures: one Chromium per run, a fresh watched context per test, and both apps on their
real servers (gunicorn and uvicorn, from the Procfile) over one fresh database per run, which
tests add rows to; a module that must show the seed alone starts its own (seeded_apps)."""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from pydantic import SecretStr

from parity_tests.databases import Backend, fresh_database
from parity_tests.live import live_environment
from parity_tests.servers import Server, free_port, start
from parity_tests.sides import FRAMEWORKS, Framework, prepare_database
from shared.settings import Settings
from tests.browser import site
from tests.browser.chromium import (
    CHROMIUM,
    LAUNCH_ARGS,
    chromium_missing_reason,
    require_chromium,
)
from tests.browser.watch import Watch

# What a page may take to act or render; generous because a loaded two-core machine renders
# ReDoc in well over Playwright's default of 5 s. Assertions (expect) wait as long.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)
VIEWPORT = {"width": 1280, "height": 800}
# The admins' Basic credentials, set for the servers so that the tests know them (the test
# servers', on loopback only).
ADMIN_USERNAME = "browser-admin"
ADMIN_PASSWORD = "a-browser-test-password"


def pytest_addoption(parser: pytest.Parser) -> None:
    # The browser tests' own option, in a group of their own: it belongs to no parity report.
    parser.getgroup("browser", "browser tests").addoption(
        "--screens",
        metavar="DIR",
        help="save the browser tests' screenshots to DIR (make screens: docs/screens)",
    )


@dataclass(frozen=True)
class Apps:
    """Both apps on their real servers over one database, and the settings they run with."""

    flask: Server
    fastapi: Server
    settings: Settings

    def url(self, framework: Framework) -> str:
        server: Server = getattr(self, framework)
        return server.url


# Package-scoped, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is open, and every test that runs after this package (asyncio.run, an async
# Flask view) would find it there.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium; skipped with the reason when it is missing, failed in CI."""
    require_chromium(chromium_missing_reason())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(LAUNCH_ARGS), timeout=TIMEOUT_MS * 3
        )
        yield browser
        browser.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(chromium: Browser, watch: Watch) -> Iterator[NewContext]:
    """Makes fresh browser profiles (options as for Browser.new_context), all watched; the
    test fails if any request in them would leave the machine."""
    contexts: list[BrowserContext] = []

    def new(**options: Any) -> BrowserContext:
        context = chromium.new_context(viewport=VIEWPORT, **options)  # type: ignore[arg-type]
        context.set_default_timeout(TIMEOUT_MS)
        watch.attach(context)
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()
    assert watch.off_machine == [], "requests to hosts other than this machine"


@pytest.fixture
def context(new_context: NewContext) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def site_port() -> Iterator[int]:
    """The test site (tests/browser/site.py): pages on origins other than the apps'."""
    with site.serving() as port:
        yield port


@pytest.fixture(scope="session")
def apps(
    site_port: int, database_backend: Backend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Apps]:
    """Both apps for the whole run (starting servers is the slow part): tests add their own
    rows and never assume which others exist. Both allow the test site's localhost origin."""
    with both_apps(site_port, database_backend, tmp_path_factory.mktemp("browser-servers")) as up:
        yield up


@pytest.fixture(scope="module")
def seeded_apps(
    site_port: int, database_backend: Backend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Apps]:
    """Both apps over a database holding the seed and nothing else, for a module whose tests
    only read (a screenshot of a list shows no row another test added)."""
    with both_apps(site_port, database_backend, tmp_path_factory.mktemp("seeded-servers")) as up:
        yield up


@contextmanager
def both_apps(site_port: int, database_backend: Backend, workdir: Path) -> Iterator[Apps]:
    """Both apps on their servers over a fresh database, migrated and seeded."""
    allowed_origin = site.allowed_origin(site_port)
    with fresh_database(database_backend, workdir) as database_url:
        prepare_database(Settings(database_url=database_url))
        environment = {
            **live_environment(database_url, workdir),
            "CORS_ORIGINS": allowed_origin,
            "AUTH_USERNAME": ADMIN_USERNAME,
            "AUTH_PASSWORD": ADMIN_PASSWORD,
            # One page at a time needs no second worker, which would double the start-up.
            "GUNICORN_WORKERS": "1",
        }
        settings = Settings(
            database_url=database_url,
            cors_origins=[allowed_origin],
            auth_username=ADMIN_USERNAME,
            auth_password=SecretStr(ADMIN_PASSWORD),
            max_body_bytes=int(environment["MAX_BODY_BYTES"]),
        )
        with both_running(environment, workdir) as servers:
            yield Apps(servers["flask"], servers["fastapi"], settings)


@contextmanager
def both_running(environment: dict[str, str], workdir: Path) -> Iterator[dict[Framework, Server]]:
    """Both Procfile servers on free ports, started side by side to halve the wait."""
    with ThreadPoolExecutor(len(FRAMEWORKS)) as pool:
        futures = {
            name: pool.submit(start, name, free_port(), environment, workdir / f"{name}.log")
            for name in FRAMEWORKS
        }
    started = {name: future.result() for name, future in futures.items() if not future.exception()}
    try:
        for future in futures.values():
            future.result()  # raises the first server's error, after the others are kept
        yield started
    finally:
        for server in started.values():
            server.terminate()


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> Framework:
    name: Framework = request.param
    return name


@pytest.fixture(scope="session")
def screens(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: --screens DIR, or a temporary folder."""
    chosen = request.config.getoption("--screens")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
