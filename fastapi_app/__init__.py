"""The FastAPI twin: an app factory over the shared core."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from fastapi_app import admin, errors
from fastapi_app.middleware import BodySizeLimitMiddleware, ProcessTimeMiddleware
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
        responses=HOST_REFUSED,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory

    errors.init_app(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    admin.init_app(app)

    # Starlette runs the last one added first: the host check, then the size limit turns an
    # oversized body away before CORS or any route sees it.
    policy = cors_policy(settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=policy.origins,
        allow_credentials=policy.allow_credentials,
        allow_methods=list(policy.methods),
        allow_headers=list(policy.headers),
        expose_headers=list(policy.expose_headers),
        max_age=policy.max_age_seconds,
    )
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    # Outermost: a foreign Host is refused before anything (SQLAdmin's links) can use it.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    return app
