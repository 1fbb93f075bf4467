"""The FastAPI twin: an app factory over the shared core."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.staticfiles import StaticFiles

from fastapi_app import admin, docs, errors
from fastapi_app.additions import BodySizeLimitMiddleware, HostHeaderRule
from fastapi_app.middleware import ProcessTimeMiddleware
from fastapi_app.responses import HOST_REFUSED
from fastapi_app.routes import ROUTERS
from shared.cors import cors_policy
from shared.db import create_db_engine, create_session_factory
from shared.jobs import connect_upload_queue
from shared.pages import STATIC_DIR
from shared.settings import Settings
from shared.uploads import start_recovering_pending_uploads


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = create_db_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    # Reached here rather than in the lifespan, so that a broker out of reach stops the
    # factory itself, as it does the Flask twin's.
    upload_queue = (
        connect_upload_queue(settings, session_factory) if settings.jobs == "queue" else None
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if upload_queue is None:
            # Uploads a stopped server accepted but never processed. In queue mode the
            # broker keeps them.
            start_recovering_pending_uploads(session_factory, settings.upload_dir)
        yield
        if upload_queue is not None:
            upload_queue.close()
        engine.dispose()

    app = FastAPI(
        title="Twin apps: FastAPI",
        summary="The same endpoints as the Flask twin, over the same shared core.",
        version="0.1.0",
        lifespan=lifespan,
        # Served by fastapi_app.docs from local assets instead of FastAPI's CDN-based pages.
        docs_url=None,
        redoc_url=None,
        responses=HOST_REFUSED,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.upload_queue = upload_queue

    errors.init_app(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    docs.init_app(app)
    admin.init_app(app)

    # Starlette runs the last one added first. CORS goes outside the size limit, so that a
    # 413 carries the CORS headers too: without them a browser hands the page a network
    # error instead of the 413.
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
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
    # A foreign Host is refused before anything (SQLAdmin's absolute links) can use it, and a
    # request the server should have refused (no Host, two, a malformed one) reaches nothing.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(HostHeaderRule)
    app.add_middleware(ProcessTimeMiddleware)
    return app
