"""What the apps under test are given: settings of the suite's own, whatever the machine has."""

import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI
from flask import Flask
from sidebyside import Probe, UnsendableProbeError

from parity_tests.live import live_environment
from parity_tests.servers import ROOT
from parity_tests.sides import (
    Pair,
    PairSpec,
    Side,
    UnknownSideError,
    is_asgi,
    isolated_settings,
)
from shared.settings import Settings

DEVELOPER_DOTENV = "CORS_ALLOW_CREDENTIALS=false\nMAX_BODY_BYTES=7\nMESSAGE=from .env\n"


@pytest.fixture
def developer_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with a developer's .env, and a shell that exports a setting."""
    (tmp_path / ".env").write_text(DEVELOPER_DOTENV)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AUTH_REALM", "from the shell")
    return tmp_path


def test_in_process_apps_ignore_the_developers_dotenv_and_shell(developer_machine: Path) -> None:
    settings = isolated_settings(developer_machine)

    assert settings.cors_allow_credentials is True
    assert settings.max_body_bytes == 64 * 1024
    assert settings.auth_realm == "twins"


def test_live_servers_get_the_same_settings_as_in_process_apps(
    developer_machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{developer_machine / 'live.db'}"
    for name, value in live_environment(url, developer_machine).items():
        monkeypatch.setenv(name, value)

    assert Settings().model_dump() == isolated_settings(developer_machine, url).model_dump()


def test_a_probe_that_needs_an_allowed_origin_cannot_be_sent_to_an_app_without_one(
    tmp_path: Path,
) -> None:
    settings = isolated_settings(tmp_path).model_copy(update={"cors_origins": []})
    app_without_origins = Side("flask", httpx2.Client(), settings, live=True)
    probe = Probe(
        "a simple request", "GET", "/", headers={"Origin": "{allowed_origin}"}, feature="cors"
    )

    with pytest.raises(UnsendableProbeError, match="CORS_ORIGINS is empty"):
        probe.send(app_without_origins)


def test_the_suite_starts_without_the_postgres_extra() -> None:
    # psycopg comes with the optional `postgres` extra: without it, the SQLite suite still runs.
    hide_psycopg = "import sys; sys.modules['psycopg'] = None; "
    check = (
        "import parity_tests.options, parity_tests.report, parity_tests.conftest; "
        "from parity_tests.databases import postgres_unavailable_reason as reason; print(reason())"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, our own modules
        [sys.executable, "-c", hide_psycopg + check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "psycopg is not installed" in result.stdout


def test_a_pair_is_two_side_names_reference_first() -> None:
    pair = PairSpec.parse("fastapi:flask")

    assert (pair.reference, pair.candidate, pair.name) == ("fastapi", "flask", "fastapi:flask")
    assert [spec.label for spec in pair.specs] == ["FastAPI", "Flask"]


@pytest.mark.parametrize("text", ["flask", "flask:", ":fastapi", "flask-fastapi"])
def test_a_pair_without_two_names_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="REFERENCE:CANDIDATE"):
        PairSpec.parse(text)


def test_a_pair_naming_an_unknown_side_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownSideError, match=r"'django'.*known: flask, fastapi"):
        PairSpec.parse("flask:django")


def test_the_engine_tells_wsgi_from_asgi_apps() -> None:
    async def asgi_app(scope: object, receive: object, send: object) -> None: ...

    def wsgi_app(environ: object, start_response: object) -> list[bytes]:
        return []

    assert is_asgi(asgi_app)
    assert not is_asgi(wsgi_app)
    assert not is_asgi(Flask(__name__))
    assert is_asgi(FastAPI())


def test_a_pair_finds_each_side_by_its_name(tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path)
    reference = Side("fastapi", httpx2.Client(), settings, live=True, name="fastapi")
    candidate = Side("flask", httpx2.Client(), settings, live=True, name="flask")
    pair = Pair(reference, candidate)

    assert (pair.fastapi, pair.flask, pair.spec.name) == (reference, candidate, "fastapi:flask")
    with pytest.raises(UnknownSideError, match="no side named 'strangler'"):
        pair.side("strangler")


def collected_ids(*args: str) -> list[str]:
    result = subprocess.run(  # noqa: S603 - this interpreter, our own tests
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_contract_tests_run_once_per_side_of_the_selected_pair_named_after_each_side() -> None:
    hello = "parity_tests/contract/test_hello.py"

    assert [line.rpartition("[")[2] for line in collected_ids(hello)] == ["flask]", "fastapi]"]
    assert [
        line.rpartition("[")[2] for line in collected_ids(hello, "--pair", "fastapi:flask")
    ] == ["fastapi]", "flask]"]


def test_an_unknown_pair_on_the_command_line_stops_the_run_before_any_test() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "--pair", "flask:django"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "no side named 'django'" in result.stderr
