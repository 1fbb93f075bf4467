"""The Flask twin beside a candidate named in parity_tests.sides.SIDES (the FastAPI twin in
compat mode, the strangler at a step), each in-process on a fresh database of its own, with
the differential probes' extra routes and user, as the engine's built_pair builds them."""

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from parity_tests.differential.probe_apps import built_side
from parity_tests.sides import Pair, isolated_settings, prepare_database


def build_pair(tmp_path: Path, stack: ExitStack, candidate: str) -> Pair:
    """Flask and `candidate`, in-process, ready for every probe."""
    sides = []
    for name in ("flask", candidate):
        workdir = tmp_path / name
        workdir.mkdir()
        settings = isolated_settings(workdir)
        prepare_database(settings)
        sides.append(built_side(name, settings, stack))
    return Pair(*sides)


@pytest.fixture(scope="module")
def compat_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Flask, and FastAPI in compat mode (migration.compat.create_compat_app)."""
    with ExitStack() as stack:
        yield build_pair(tmp_path_factory.mktemp("compat"), stack, "fastapi-compat")
