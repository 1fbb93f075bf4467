"""The Flask twin: an app factory over the shared core."""

import weakref

from flask import Flask
from flask_cors import CORS

from flask_app import admin, deps, errors
from flask_app.additions import (
    HostHeaderRule,
    SafeJSONProvider,
    UnreadableBodyIsBadRequestMiddleware,
    vary_on_origin,
)
from flask_app.middleware import ProcessTimeMiddleware
from flask_app.routes import BLUEPRINTS
from shared.cors import cors_policy
from shared.db import create_db_engine, create_session_factory
from shared.jobs import connect_upload_queue
from shared.pages import STATIC_DIR, TEMPLATES_DIR
from shared.settings import Settings
from shared.uploads import start_recovering_pending_uploads


def trusted_hosts(allowed_hosts: list[str]) -> list[str] | None:
    """ALLOWED_HOSTS as Werkzeug spells it: ".example.com" for "*.example.com", None for "*"."""
    if "*" in allowed_hosts:
        return None
    return [f".{host[2:]}" if host.startswith("*.") else host for host in allowed_hosts]


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings()
    app = Flask(
        __name__,
        static_folder=STATIC_DIR,
        static_url_path="/static",
        template_folder=TEMPLATES_DIR,
    )
    app.json = SafeJSONProvider(app)
    app.config.update(
        SECRET_KEY=settings.secret_key.get_secret_value(),
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        # Unhandled errors become Flask's own 500 page, never a traceback, even under a test client.
        PROPAGATE_EXCEPTIONS=False,
        TRUSTED_HOSTS=trusted_hosts(settings.allowed_hosts),
    )

    engine = create_db_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    upload_queue = None
    if settings.jobs == "queue":
        upload_queue = connect_upload_queue(settings, session_factory)
        weakref.finalize(app, upload_queue.close)
    deps.init_app(app, deps.Resources(settings, engine, session_factory, upload_queue))
    # Flask has no shutdown hook (FastAPI's lifespan disposes its engine): the pool's
    # connections are closed when the app is collected, or when the interpreter exits, as a
    # gunicorn worker's does when it stops.
    weakref.finalize(app, engine.dispose)
    if upload_queue is None:
        # Uploads a stopped server accepted but never processed (Flask has no startup hook:
        # the factory is where a worker starts). In queue mode the broker keeps them.
        start_recovering_pending_uploads(session_factory, settings.upload_dir)

    policy = cors_policy(settings)
    CORS(
        app,
        origins=policy.origins,
        supports_credentials=policy.allow_credentials,
        methods=list(policy.methods),
        allow_headers=list(policy.headers),
        expose_headers=list(policy.expose_headers),
        max_age=policy.max_age_seconds,
        # CORS headers for CORS requests only (those with an Origin), as the CORS protocol
        # scopes them; flask-cors otherwise adds them to every response.
        always_send=False,
    )
    app.after_request(vary_on_origin)
    errors.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    admin.init_app(app)

    app.wsgi_app = UnreadableBodyIsBadRequestMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    # A request the server should have refused never reaches Flask.
    app.wsgi_app = HostHeaderRule(app.wsgi_app)  # type: ignore[method-assign]
    # Outermost, so that the time includes every layer of Flask, CORS and error handling.
    app.wsgi_app = ProcessTimeMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    return app
