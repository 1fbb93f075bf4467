"""The deployment files read as data: no Docker needed, so they cannot drift unnoticed.

Compose must run the Procfile's server commands, wait for the migrations and a healthy
database, and pass every setting through; the image must install exactly the locked
requirements, run as a non-root user with a health check, and build from a context holding
only what it copies; the Debian override must swap images and nothing else; `.env.example`
must document every variable and be a valid configuration. (`make compose-up-test` builds and
runs all of it for real.)
"""

import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from parity_tests.servers import PRODUCTION_SERVERS
from shared.settings import Settings
from tools.containers.base_images import (
    HAPROXY_IMAGE,
    POSTGRES_IMAGE,
    PYTHON_IMAGE,
    RABBITMQ_IMAGE,
)

ROOT = Path(__file__).resolve().parents[2]
SERVERS = {"flask": 5000, "fastapi": 8000}
# What compose sets HOST to: a server in a container must accept connections from outside it.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104
# Compose sets these for the containers itself rather than passing the host's value through:
# the scaled stack's database, shared uploads volume, and job queue on its own broker.
FIXED_IN_COMPOSE = {"DATABASE_URL", "UPLOAD_DIR", "JOBS", "JOBS_BROKER_URL"}

_SHELL_VARIABLE = re.compile(r"\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?::-(?P<default>[^}]*))?\}")


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    entries = (line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {name.strip(): command.strip() for name, command in entries}


def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


def service(name: str) -> dict[str, Any]:
    services: dict[str, dict[str, Any]] = compose()["services"]
    return services[name]


def shell_script(command: list[str]) -> str:
    """The script a `sh -c` command runs, with compose's `$$` escape undone."""
    assert command[:2] == ["sh", "-c"], command
    return command[2].replace("$$", "$")


def expand(script: str, environment: dict[str, str]) -> str:
    """What sh makes of the ${NAME} and ${NAME:-default} forms the Procfile uses."""

    def value(match: re.Match[str]) -> str:
        name, default = match["name"], match["default"]
        if environment.get(name):
            return environment[name]
        return default or ""

    expanded = _SHELL_VARIABLE.sub(value, script)
    assert "$" not in expanded, f"a form of shell expansion this test does not model: {script}"
    return expanded


def env_example() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    return {name: value for name, value in pairs}


def setting_names() -> set[str]:
    # No env_prefix and no aliases: each field is read from its upper-cased name.
    return {name.upper() for name in Settings.model_fields}


def dockerfile_instructions() -> list[str]:
    """Every instruction, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ").split("\n")
    return [" ".join(instruction.split()) for instruction in joined if instruction.strip()]


def dockerfile_preamble() -> list[str]:
    """The instructions before the first FROM (global build arguments)."""
    preamble = []
    for instruction in dockerfile_instructions():
        if instruction.upper().startswith("FROM "):
            break
        preamble.append(instruction)
    return preamble


def dockerfile_stages() -> list[list[str]]:
    """Instructions per stage, each list starting with its FROM."""
    stages: list[list[str]] = []
    for instruction in dockerfile_instructions()[len(dockerfile_preamble()) :]:
        if instruction.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(instruction)
    return stages


def copy_sources(stage: list[str]) -> list[str]:
    """What a stage's COPY instructions take from the build context (not from other stages)."""
    sources = []
    for copy in instructions(stage, "COPY"):
        if not copy.startswith("--from="):
            sources += [source.rstrip("/") for source in copy.split()[:-1]]
    return sources


def debian_override() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.debian.yml").read_text())
    return document


def instructions(stage: list[str], keyword: str) -> list[str]:
    prefix = keyword.upper() + " "
    return [line[len(prefix) :] for line in stage if line.upper().startswith(prefix)]


def healthcheck_command() -> list[str]:
    (healthcheck,) = instructions(dockerfile_stages()[-1], "HEALTHCHECK")
    command: list[str] = json.loads(healthcheck[healthcheck.index("CMD ") + len("CMD ") :])
    return command


class _Health(BaseHTTPRequestHandler):
    status: ClassVar[int] = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/health" else 404)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the test reads the health check's exit status, not this server's log."""


@pytest.fixture
def health_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    # A short poll keeps shutdown() from waiting out the default half second.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", SERVERS)
def test_compose_runs_the_same_server_commands_as_the_procfile(name: str) -> None:
    server = service(name)

    assert shell_script(server["command"]) == f"exec {procfile()[name]}"
    assert server["environment"]["HOST"] == ALL_INTERFACES


@pytest.mark.parametrize(("name", "port"), SERVERS.items())
def test_each_server_listens_on_the_port_compose_publishes_and_the_healthcheck_asks(
    name: str, port: int
) -> None:
    server = service(name)
    # A value compose interpolates itself (${WEB_CONCURRENCY:-2}) leaves the shell's default.
    environment = {
        key: str(value) for key, value in server["environment"].items() if "${" not in str(value)
    }
    argv = shlex.split(expand(shell_script(server["command"]), environment))

    if "--bind" in argv:  # gunicorn
        address = argv[argv.index("--bind") + 1]
    else:  # uvicorn
        address = f"{argv[argv.index('--host') + 1]}:{argv[argv.index('--port') + 1]}"
    assert address == f"{ALL_INTERFACES}:{port}"
    assert environment["PORT"] == str(port)


def haproxy_config() -> dict[str, list[str]]:
    """deploy/haproxy.cfg's sections (by their first line), each a list of its directives."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in (ROOT / "deploy/haproxy.cfg").read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if not line[0].isspace():
            current = sections.setdefault(text, [])
        else:
            current.append(" ".join(text.split()))
    return sections


@pytest.mark.parametrize(("name", "port"), SERVERS.items())
def test_only_the_proxy_publishes_each_port_and_sends_it_to_that_twins_replicas(
    name: str, port: int
) -> None:
    proxy = service("proxy")
    config = haproxy_config()

    assert "ports" not in service(name)
    assert service(name)["deploy"]["replicas"] >= 2
    assert f"127.0.0.1:{port}:{port}" in proxy["ports"]
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in proxy["volumes"]
    assert config[f"frontend {name}"] == [f"bind :{port}", f"default_backend {name}"]
    (template,) = [line for line in config[f"backend {name}"] if line.startswith("server-template")]
    # The replicas by the service's name in Docker's DNS, on the port each one listens on.
    assert template.endswith(f" {name}:{port}")


def test_the_proxy_checks_each_replica_and_resends_only_requests_that_never_reached_one() -> None:
    defaults = haproxy_config()["defaults"]

    assert "http-check send meth GET uri /health ver HTTP/1.1 hdr Host localhost" in defaults
    assert "retry-on conn-failure" in defaults
    (server_defaults,) = [line for line in defaults if line.startswith("default-server")]
    assert " check " in f" {server_defaults} "
    assert " resolvers docker " in f" {server_defaults} "


def test_the_scaled_stack_runs_its_jobs_on_its_own_broker_with_workers() -> None:
    environment = service("flask")["environment"]
    worker = service("worker")

    assert environment["JOBS"] == "queue"
    assert "@broker:5672/" in environment["JOBS_BROKER_URL"]
    assert worker["command"] == shlex.split(procfile()["worker"])
    assert worker["environment"] == service("migrate")["environment"]
    assert worker["deploy"]["replicas"] >= 1
    assert worker["volumes"] == service("flask")["volumes"]
    assert "check_port_connectivity" in service("broker")["healthcheck"]["test"]


@pytest.mark.parametrize("name", SERVERS)
def test_servers_start_only_after_the_migrations_and_a_healthy_database(name: str) -> None:
    assert service(name)["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"},
        "postgres": {"condition": "service_healthy"},
        "broker": {"condition": "service_healthy"},
    }


def test_the_migrations_wait_for_a_healthy_database() -> None:
    migrate = service("migrate")

    assert migrate["command"] == ["alembic", "upgrade", "head"]
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert "pg_isready" in " ".join(service("postgres")["healthcheck"]["test"])


@pytest.mark.parametrize("name", ["migrate", *SERVERS])
def test_every_app_service_uses_postgresql_and_receives_every_setting(name: str) -> None:
    environment = service(name)["environment"]

    assert environment["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert setting_names() <= set(environment)


def test_compose_falls_back_to_the_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in setting_names():
        monkeypatch.delenv(name, raising=False)
    defaults = Settings(_env_file=None).model_dump(exclude={"database_url", "upload_dir"})

    environment = service("fastapi")["environment"]
    for name in setting_names() - FIXED_IN_COMPOSE:
        match = _SHELL_VARIABLE.fullmatch(environment[name])
        assert match, f"{name} should be ${{{name}:-default}}"
        assert match["name"] == name
        monkeypatch.setenv(name, match["default"] or "")
    from_compose = Settings(_env_file=None).model_dump(exclude={"database_url", "upload_dir"})

    assert from_compose == defaults


def test_every_setting_is_documented_in_the_env_example() -> None:
    assert setting_names() <= set(env_example())


def test_every_variable_compose_reads_is_documented_in_the_env_example() -> None:
    lines = (ROOT / "docker-compose.yml").read_text().splitlines()
    # `$$` leaves a variable to the container's shell: compose itself does not read it.
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#")).replace("$$", "")
    read_by_compose = {match["name"] for match in _SHELL_VARIABLE.finditer(text)}

    assert {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"} <= read_by_compose
    assert read_by_compose <= set(env_example())


def test_every_line_of_the_env_example_has_a_comment_above_it() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    for previous, line in itertools.pairwise(lines):
        if line and not line.startswith("#"):
            assert previous.startswith("#"), f"no comment above {line!r}"


def test_the_env_example_is_a_valid_development_configuration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in env_example():
        monkeypatch.delenv(name, raising=False)

    settings = Settings(_env_file=ROOT / ".env.example")

    assert settings.environment == "development"
    assert settings.database_backend == "sqlite"


def test_the_image_is_built_in_two_stages_on_one_base_image_the_official_one_by_default() -> None:
    stages = dockerfile_stages()

    assert dockerfile_preamble() == ["ARG BASE_IMAGE=python:3.11-slim"]
    assert len(stages) == 2
    for stage in stages:
        assert stage[0].startswith("FROM ${BASE_IMAGE} ")
    runtime = stages[-1]
    assert any("--from=builder /opt/venv" in line for line in instructions(runtime, "COPY"))
    # No package installs in the final stage: compilers and pip's work stay in the builder.
    assert all(
        "apt-get" not in line and "pip " not in line for line in instructions(runtime, "RUN")
    )


def builder_install_script() -> str:
    (script,) = [run for run in instructions(dockerfile_stages()[0], "RUN") if "pip install" in run]
    return script


def test_the_builder_installs_the_lock_export_and_nothing_else_each_file_checked_by_hash() -> None:
    builder = dockerfile_stages()[0]
    script = builder_install_script()

    assert copy_sources(builder) == ["requirements.txt", "tools/containers/wheels"]
    assert "pip install --require-hashes --requirement /build/requirements.txt" in script
    # Not the project itself: its source is copied into /app and put on the path.
    assert "pip install ." not in script
    assert "PYTHONPATH=/app" in " ".join(instructions(dockerfile_stages()[-1], "ENV"))


def test_requirements_txt_pins_every_package_with_its_hashes() -> None:
    text = (ROOT / "requirements.txt").read_text()
    requirements = [
        " ".join(block.split())
        for block in text.replace("\\\n", " ").splitlines()
        if block.strip() and not block.lstrip().startswith("#")
    ]

    assert requirements, "requirements.txt names no package"
    for requirement in requirements:
        assert "==" in requirement.split(";")[0], requirement
        assert "--hash=sha256:" in requirement, requirement


def pip_arguments_of_the_builder(workdir: Path, wheels: list[str]) -> list[str]:
    """Run the builder's install script against a stand-in pip; return pip's arguments."""
    (workdir / "wheelhouse").mkdir()
    (workdir / "wheelhouse" / "README.md").write_text("the repository's copy\n")
    for wheel in wheels:
        (workdir / "wheelhouse" / wheel).write_bytes(b"")
    bin_dir = workdir / "bin"
    bin_dir.mkdir()
    pip = bin_dir / "pip"
    pip.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {workdir}/pip-arguments\n')
    pip.chmod(0o755)
    script = builder_install_script().replace("/build", str(workdir))

    subprocess.run(
        ["/bin/sh", "-c", script],
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        check=True,
        timeout=10,
    )
    return (workdir / "pip-arguments").read_text().splitlines()


def test_the_builder_installs_from_the_wheelhouse_alone_when_it_holds_wheels(
    tmp_path: Path,
) -> None:
    arguments = pip_arguments_of_the_builder(tmp_path, ["alembic-1.20.1-py3-none-any.whl"])

    assert arguments[:2] == ["install", "--require-hashes"]
    assert "--no-index" in arguments
    assert arguments[arguments.index("--find-links") + 1] == f"{tmp_path}/wheelhouse"


def test_the_builder_installs_from_pypi_when_the_wheelhouse_is_empty(tmp_path: Path) -> None:
    arguments = pip_arguments_of_the_builder(tmp_path, [])

    assert arguments == [
        "install",
        "--require-hashes",
        "--requirement",
        f"{tmp_path}/requirements.txt",
    ]


def test_the_repository_wheelhouse_holds_no_wheel_so_the_default_build_uses_pypi() -> None:
    git = shutil.which("git")
    assert git, "git is needed to list the repository's files"
    tracked = subprocess.run(
        [git, "ls-files", "tools/containers/wheels"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout.split()

    assert tracked == ["tools/containers/wheels/README.md"]


def test_the_final_stage_runs_as_a_non_root_user() -> None:
    users = instructions(dockerfile_stages()[-1], "USER")

    assert users, "the final stage must name a USER"
    user = users[-1].split(":", 1)[0]
    assert user not in {"root", "0"}


def test_the_final_stage_has_a_healthcheck_on_the_configured_port() -> None:
    command = healthcheck_command()

    assert command[:2] == ["python", "-c"]
    assert "os.environ['PORT']" in command[2]
    assert any(
        line.startswith("PORT=") or " PORT=" in line
        for line in instructions(dockerfile_stages()[-1], "ENV")
    )


@pytest.mark.parametrize(("status", "healthy"), [(200, True), (503, False)])
def test_the_healthcheck_passes_only_while_health_answers_200(
    health_server: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    healthy: bool,
) -> None:
    # The image's own command, run by this interpreter: it must work on the stdlib alone.
    monkeypatch.setattr(_Health, "status", status)
    port = str(health_server.server_address[1])
    code = healthcheck_command()[2]

    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PORT": port},
        capture_output=True,
        timeout=10,
        check=False,
    )

    assert (result.returncode == 0) is healthy, result.stderr


def test_the_image_exposes_both_apps_ports() -> None:
    exposed = " ".join(instructions(dockerfile_stages()[-1], "EXPOSE")).split()

    assert sorted(exposed) == sorted(str(port) for port in SERVERS.values())


def test_the_build_context_is_exactly_what_the_dockerfile_copies() -> None:
    patterns = [
        line
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    let_in = {pattern[1:] for pattern in patterns if pattern.startswith("!")}
    copied = {source for stage in dockerfile_stages() for source in copy_sources(stage)}

    assert patterns[0] == "*", "everything is left out first"
    assert let_in == copied
    assert not let_in & {".env", ".venv", "var", ".git", ".tools"}
    for path in copied:
        assert (ROOT / path).exists(), f"the Dockerfile copies {path}, which does not exist"


def test_the_debian_override_swaps_the_images_and_nothing_else() -> None:
    override = debian_override()
    services = override["services"]
    built = {name for name, spec in compose()["services"].items() if "build" in spec}

    assert {key for key in override if not key.startswith("x-")} == {"services"}
    assert services.pop("postgres") == {"image": POSTGRES_IMAGE.tag}
    assert services.pop("broker") == {"image": RABBITMQ_IMAGE.tag}
    assert services.pop("proxy") == {"image": HAPROXY_IMAGE.tag}
    # Every service built from the Dockerfile gets the Debian base, so none keeps the official
    # one by accident; the build may use no network (its wheels come from
    # tools/containers/wheels/).
    assert set(services) == built
    for spec in services.values():
        assert spec == {"build": {"args": {"BASE_IMAGE": PYTHON_IMAGE.tag}, "network": "none"}}


DOCKER_COMPOSE = shutil.which("docker-compose")


@pytest.mark.skipif(
    DOCKER_COMPOSE is None,
    reason="docker-compose is not installed (make compose-config installs it)",
)
def test_compose_merges_the_debian_override_into_the_compose_file(tmp_path: Path) -> None:
    # No .env: the defaults alone, as in CI.
    empty_env = tmp_path / "empty.env"
    empty_env.touch()
    merged = yaml.safe_load(
        subprocess.run(
            [
                str(DOCKER_COMPOSE),
                f"--env-file={empty_env}",
                "--file=docker-compose.yml",
                "--file=docker-compose.debian.yml",
                "config",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    services = merged["services"]

    assert services["postgres"]["image"] == POSTGRES_IMAGE.tag
    assert services["postgres"]["healthcheck"] == service("postgres")["healthcheck"]
    assert services["broker"]["image"] == RABBITMQ_IMAGE.tag
    assert services["proxy"]["image"] == HAPROXY_IMAGE.tag
    for name in ("migrate", *SERVERS, "worker"):
        assert services[name]["build"] == {
            "context": str(ROOT),
            "args": {"BASE_IMAGE": PYTHON_IMAGE.tag},
            "network": "none",
        }
        assert services[name]["image"] == service(name)["image"]


def test_the_third_set_up_runs_the_command_the_deployment_guide_gives() -> None:
    (command,) = [server.command for server in PRODUCTION_SERVERS if server.command]
    documented = command.replace("${HOST:-127.0.0.1}:${FASTAPI_PORT:-8000}", "0.0.0.0:8000")
    assert documented in (ROOT / "docs/deployment.md").read_text()
