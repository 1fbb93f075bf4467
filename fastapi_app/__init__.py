"""The FastAPI twin: an app factory over the shared core."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from fastapi_app import admin, compat, cors, docs, errors
from fastapi_app.compat.pages import werkzeug_page
from fastapi_app.middleware import (
    AllowedHostsMiddleware,
    BodySizeLimitMiddleware,
    HostHeaderRule,
    ProcessTimeMiddleware,
)
from fastapi_app.responses import HOST_REFUSED
from fastapi_app.routes import ROUTERS
from shared.cors import cors_policy
from shared.db import create_db_engine, create_session_factory
from shared.pages import STATIC_DIR
from shared.settings import Settings
from shared.uploads import start_recovering_pending_uploads


class TimedFastAPI(FastAPI):
    """FastAPI with the process-time middleware outside Starlette's ServerErrorMiddleware.

    `add_middleware` places middleware inside ServerErrorMiddleware, so the 500 it sends for
    an unhandled error would go out without the header; Flask's twin wraps `wsgi_app`, which
    sees every response. Wrapping the built stack gives FastAPI the same reach.
    """

    def build_middleware_stack(self) -> ASGIApp:
        return ProcessTimeMiddleware(super().build_middleware_stack())


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # COMPAT=flask: answer like the Flask twin wherever fastapi_app.compat has a bridge.
    flask_compat = settings.compat == "flask"
    engine = create_db_engine(settings.database_url)
    session_factory = create_session_factory(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Uploads a stopped server accepted but never processed.
        start_recovering_pending_uploads(session_factory, settings.upload_dir)
        yield
        engine.dispose()

    app = TimedFastAPI(
        title="Twin apps: FastAPI",
        summary="The same endpoints as the Flask twin, over the same shared core.",
        version="0.1.0",
        lifespan=lifespan,
        # Served by fastapi_app.docs from local assets instead of FastAPI's CDN-based pages.
        docs_url=None,
        redoc_url=None,
        responses=HOST_REFUSED,
        # Werkzeug redirects slashes its own way (compat.routing.WerkzeugSlashesMiddleware).
        redirect_slashes=not flask_compat,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory

    errors.init_app(app)
    if flask_compat:
        compat.init_app(app)
    for router in ROUTERS:
        app.include_router(router)
    static_files = compat.FlaskStaticFiles if flask_compat else StaticFiles
    app.mount("/static", static_files(directory=STATIC_DIR), name="static")
    docs.init_app(app)
    admin.init_app(app)

    # Starlette runs the last one added first. CORS goes outside the size limit, so that a
    # 413 carries the CORS headers too: without them a browser hands the page a network
    # error instead of the 413, where Flask's 413 (raised inside the app) is readable.
    if flask_compat:
        compat.add_middleware(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        refusal=(lambda _detail: werkzeug_page(413)) if flask_compat else None,
    )
    if flask_compat:
        # Inside CORS, as Flask's refusal of a foreign Host is (it gets Vary and the CORS
        # headers); the refused request still reaches none of the app.
        app.add_middleware(AllowedHostsMiddleware, allowed_hosts=settings.allowed_hosts)
    cors.add_middleware(app, cors_policy(settings))
    # Outermost, in this order: a request the server should have refused (no Host, two, a
    # malformed one) reaches nothing; then a foreign Host is refused before anything
    # (SQLAdmin's absolute links) can use it.
    if not flask_compat:
        app.add_middleware(AllowedHostsMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(HostHeaderRule)
    return app
