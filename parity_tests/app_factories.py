"""The twins as factories that take no argument, for the engine's import strings: each call
builds the app on a fresh, migrated and seeded SQLite database of its own.

    reference = "parity_tests.app_factories:flask_app"
    candidate = "parity_tests.app_factories:fastapi_app"
"""

import tempfile
import weakref
from pathlib import Path

from parity_tests.sides import App, build_app, isolated_settings, prepare_database


def fresh_app(name: str) -> App:
    workdir = tempfile.TemporaryDirectory(prefix=f"twins-{name}-")
    settings = isolated_settings(Path(workdir.name))
    prepare_database(settings)
    app = build_app(name, settings)
    # The database lives as long as the app does.
    weakref.finalize(app, workdir.cleanup)
    return app


def flask_app() -> App:
    return fresh_app("flask")


def fastapi_app() -> App:
    return fresh_app("fastapi")
