"""The strangler: FastAPI serves the routes already ported, the unchanged Flask app the rest.

A team moving a Flask service does not switch in one step. This ASGI app puts the FastAPI twin
(in compat mode, `migration.compat`, so that a ported route answers as it did) in front, and
hands every request for a route not yet ported to the Flask twin through a2wsgi, in the same
process, on the same database and with the same settings (credentials, CORS, hosts).

Which routes are ported is the setting STRANGLER_PORTED: feature names from FEATURES,
comma-separated, in any order (STRANGLER_PORTED=hello,employees), or "*" for all of them, when
FastAPI answers every request, unknown paths included. With a list, a path no ported feature
serves goes to Flask, which still owns everything not named. The suite walks the steps in
FEATURES' order: none, the first half, all (`steps()`).

    STRANGLER_PORTED=hello,employees uvicorn --factory migration.strangler:create_strangler

The setting is the kit's own (StranglerSettings): the twins' Settings know nothing of it.

Both halves share the process: the Flask app is built once (its factory is its start-up) and
FastAPI's lifespan runs as usual. Each half keeps its own middleware (process time, CORS,
hosts), so every answer is one of the two apps' own.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, cast

from a2wsgi import WSGIMiddleware
from fastapi import APIRouter, FastAPI
from flask import Flask
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from fastapi_app.routes import auth, employees, health, hello, methods, pages, uploads, waits
from fastapi_app.routes import settings as settings_routes
from flask_app import create_app as create_flask_app
from migration.compat import create_compat_app
from shared.settings import Settings

ALL = "*"
# a2wsgi runs the Flask half in a thread pool of this size, as gunicorn's gthread workers do.
FLASK_THREADS = 16

ROUTED_FEATURES: dict[str, APIRouter] = {
    "hello": hello.router,
    "methods": methods.router,
    "settings": settings_routes.router,
    "employees": employees.router,
    "auth": auth.router,
    "waits": waits.router,
    "uploads": uploads.router,
    "pages": pages.router,
    "health": health.router,
}
# Features that are not one router: the prefixes they own.
MOUNTED_FEATURES: dict[str, tuple[str, ...]] = {
    "static": ("/static/",),
    "docs": ("/openapi.json", "/docs", "/redoc"),
    "admin": ("/admin",),
}
# The order a migration walks: the API first, the pages and tools last.
FEATURES: tuple[str, ...] = (*ROUTED_FEATURES, *MOUNTED_FEATURES)


class StranglerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Comma-separated feature names (STRANGLER_PORTED=hello,employees), or "*" for all.
    strangler_ported: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("strangler_ported", mode="before")
    @classmethod
    def split_comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value


class UnknownFeatureError(ValueError):
    """STRANGLER_PORTED names something that is not a feature."""


def steps() -> dict[str, list[str]]:
    """The suite's three steps: nothing ported, the first half of FEATURES, everything."""
    return {"0%": [], "50%": list(FEATURES[: len(FEATURES) // 2]), "100%": [ALL]}


def _route_patterns(routes: Iterable[BaseRoute]) -> list[re.Pattern[str]]:
    return [route.path_regex for route in routes if isinstance(route, Route)]


@dataclass(frozen=True)
class Porting:
    """Which paths FastAPI serves: every one (ALL), or those of the named features."""

    everything: bool
    patterns: tuple[re.Pattern[str], ...]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, ported: Sequence[str]) -> "Porting":
        unknown = set(ported) - {*FEATURES, ALL}
        if unknown:
            raise UnknownFeatureError(
                f"STRANGLER_PORTED names {', '.join(sorted(unknown))}; the features are "
                f"{', '.join(FEATURES)}, or {ALL} for all of them"
            )
        patterns = [
            pattern
            for name in ported
            if name in ROUTED_FEATURES
            for pattern in _route_patterns(ROUTED_FEATURES[name].routes)
        ]
        prefixes = [prefix for name in ported for prefix in MOUNTED_FEATURES.get(name, ())]
        return cls(ALL in ported, tuple(patterns), tuple(prefixes))

    def is_ported(self, path: str) -> bool:
        return (
            self.everything
            or any(pattern.match(path) for pattern in self.patterns)
            or any(path.startswith(prefix) for prefix in self.prefixes)
        )


class Strangler:
    """An ASGI app that sends each request to the ported app or to the legacy one by path."""

    def __init__(
        self,
        ported_app: FastAPI,
        legacy_app: ASGIApp,
        porting: Porting,
        legacy_wsgi_app: Flask | None = None,
    ) -> None:
        self.ported_app = ported_app
        self.legacy_app = legacy_app
        self.porting = porting
        # The Flask app behind legacy_app, for whoever must reach it (tests add routes).
        self.legacy_wsgi_app = legacy_wsgi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Lifespan goes to FastAPI; the Flask app started when its factory ran.
        if scope["type"] == "lifespan" or self.porting.is_ported(scope["path"]):
            await self.ported_app(scope, receive, send)
            return
        await self.legacy_app(scope, receive, send)


def build_strangler(ported_app: FastAPI, legacy_app: Flask, ported: Sequence[str]) -> Strangler:
    """The two apps, already built, behind one ASGI app."""
    # a2wsgi types WSGI and ASGI more narrowly than Flask and Starlette do; both fit.
    legacy = cast(ASGIApp, WSGIMiddleware(legacy_app, workers=FLASK_THREADS))  # type: ignore[arg-type]
    return Strangler(ported_app, legacy, Porting.of(ported), legacy_app)


def create_strangler(
    settings: Settings | None = None, ported: Sequence[str] | None = None
) -> Strangler:
    """Both twins on one set of settings; FastAPI in compat mode serves `ported` (by default
    STRANGLER_PORTED)."""
    settings = settings or Settings()
    if ported is None:
        ported = StranglerSettings().strangler_ported
    return build_strangler(create_compat_app(settings), create_flask_app(settings), ported)
