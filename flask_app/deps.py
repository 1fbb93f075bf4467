"""Request-scoped resources, Flask's way: `g` holds the session, teardown closes it."""

from dataclasses import dataclass

from flask import Flask, current_app, g, request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shared.jobs import UploadQueue
from shared.settings import Settings

EXTENSION_KEY = "twins"


@dataclass(frozen=True)
class Resources:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    # The broker's queue when JOBS=queue; None when the job runs in the web process.
    upload_queue: UploadQueue | None = None


def get_resources() -> Resources:
    resources: Resources = current_app.extensions[EXTENSION_KEY]
    return resources


def get_settings() -> Settings:
    return get_resources().settings


def get_basic_credentials() -> tuple[str, str] | None:
    """(username, password) as Werkzeug reads them from the Authorization header, or None
    when it holds no Basic credentials (missing, malformed or another scheme)."""
    auth = request.authorization
    if auth is None or auth.type != "basic" or auth.username is None or auth.password is None:
        return None
    return auth.username, auth.password


def get_db() -> Session:
    """The request's database session, opened on first use."""
    if "db" not in g:
        g.db = get_resources().session_factory()
    session: Session = g.db
    return session


def close_db(_error: BaseException | None = None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        session.close()


def init_app(app: Flask, resources: Resources) -> None:
    app.extensions[EXTENSION_KEY] = resources
    app.teardown_appcontext(close_db)
