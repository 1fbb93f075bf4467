"""The Flask twin beside the FastAPI twin in compat mode (COMPAT=flask), each in-process on a
fresh database of its own, with the differential probes' extra routes and user."""

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from pydantic import SecretStr

from parity_tests.differential.built import NON_ASCII_USER, add_probe_routes
from parity_tests.targets import (
    Framework,
    Pair,
    Target,
    build_app,
    client_for,
    isolated_settings,
    prepare_database,
)
from shared.settings import Settings


def settings_for(workdir: Path, framework: Framework, compat: bool) -> Settings:
    settings = isolated_settings(workdir)
    prepare_database(settings)
    return settings.model_copy(
        update={
            "compat": "flask" if compat and framework == "fastapi" else "",
            "auth_username": NON_ASCII_USER[0],
            "auth_password": SecretStr(NON_ASCII_USER[1]),
        }
    )


def build_pair(tmp_path: Path, stack: ExitStack, compat: bool = True) -> Pair:
    targets = {}
    for framework in ("flask", "fastapi"):
        workdir = tmp_path / framework
        workdir.mkdir()
        settings = settings_for(workdir, framework, compat)
        app = build_app(framework, settings)
        add_probe_routes(app)
        client = stack.enter_context(client_for(app))
        targets[framework] = Target(framework, client, settings, live=False, app=app)
    return Pair(targets["flask"], targets["fastapi"])


@pytest.fixture(scope="module")
def compat_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Flask, and FastAPI with COMPAT=flask."""
    with ExitStack() as stack:
        yield build_pair(tmp_path_factory.mktemp("compat"), stack)
