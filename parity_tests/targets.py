"""The two apps behind one client interface: in-process by default, live servers by URL."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import httpx2
from fastapi import FastAPI
from flask import Flask
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource
from starlette.testclient import TestClient

from fastapi_app import create_app as create_fastapi_app
from flask_app import create_app as create_flask_app
from shared.manage import migrate, seed
from shared.settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

Framework = Literal["flask", "fastapi"]
FRAMEWORKS: tuple[Framework, ...] = ("flask", "fastapi")
BASE_URL = "http://testserver"
TIMEOUT_SECONDS = 10.0
# A server may close a connection once it has been idle for its keep-alive timeout (gunicorn:
# 2 s, uvicorn: 5 s); a client that reuses it at that moment loses its request. Letting go
# of idle connections sooner than any of the servers avoids the race.
CLIENT_KEEPALIVE_EXPIRY_SECONDS = 1.0
ALLOWED_ORIGIN = "https://allowed.example"


@dataclass(frozen=True)
class Target:
    framework: Framework
    client: httpx2.Client
    settings: Settings
    live: bool
    # The app itself when it runs in-process, for tests that must wrap it; None when live.
    app: Flask | FastAPI | None = None


@dataclass(frozen=True)
class Pair:
    """Both apps at once, for differential tests."""

    flask: Target
    fastapi: Target

    @property
    def live(self) -> bool:
        return self.flask.live or self.fastapi.live


class ExplicitSettings(Settings):
    """Settings from the defaults and the arguments only: a test's apps must not change with
    the developer's `.env` or shell (CORS_ALLOW_CREDENTIALS=false there broke CORS tests)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def isolated_settings(workdir: Path, database_url: str | None = None) -> Settings:
    """Settings for one in-process app: its own database (SQLite unless given) and uploads."""
    return ExplicitSettings(
        environment="test",
        database_url=database_url or f"sqlite:///{workdir / 'twins.db'}",
        upload_dir=workdir / "uploads",
        cors_origins=[ALLOWED_ORIGIN],
        max_body_bytes=64 * 1024,
    )


def prepare_database(settings: Settings) -> None:
    migrate(settings.database_url)
    seed(settings.database_url)


def build_app(framework: Framework, settings: Settings) -> Flask | FastAPI:
    return create_flask_app(settings) if framework == "flask" else create_fastapi_app(settings)


class Pep3333Path:
    """Rewrites PATH_INFO as PEP 3333 asks: the path's UTF-8 bytes, each as one latin-1 character.

    httpx2's WSGITransport puts the percent-decoded path there as text, so a path such as
    /employees/Ā reaches Werkzeug as a character latin-1 cannot encode, and Werkzeug raises
    UnicodeEncodeError before the app sees the request. A real WSGI server passes the bytes.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        environ["PATH_INFO"] = environ["PATH_INFO"].encode("utf-8").decode("latin-1")
        return self.app(environ, start_response)


@contextmanager
def client_for(app: Flask | FastAPI) -> Iterator[httpx2.Client]:
    """A client that drives the app without a server; server errors come back as 500s."""
    if isinstance(app, Flask):
        transport = httpx2.WSGITransport(app=Pep3333Path(app), raise_app_exceptions=False)
        with httpx2.Client(
            transport=transport, base_url=BASE_URL, follow_redirects=False
        ) as client:
            yield client
    else:
        with TestClient(
            app, base_url=BASE_URL, raise_server_exceptions=False, follow_redirects=False
        ) as client:
            yield client


@contextmanager
def in_process(framework: Framework, settings: Settings) -> Iterator[Target]:
    """The app built by its factory with these settings, behind an in-process client."""
    app = build_app(framework, settings)
    with client_for(app) as client:
        yield Target(framework, client, settings, live=False, app=app)


@contextmanager
def live(framework: Framework, url: str, settings: Settings) -> Iterator[Target]:
    """A running server; `settings` must be what that server was started with."""
    with httpx2.Client(
        base_url=url,
        follow_redirects=False,
        timeout=TIMEOUT_SECONDS,
        limits=httpx2.Limits(keepalive_expiry=CLIENT_KEEPALIVE_EXPIRY_SECONDS),
    ) as client:
        yield Target(framework, client, settings, live=True)
