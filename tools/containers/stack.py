"""The compose stack on our engine: docker-compose.yml with the Debian images swapped in."""

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx2
import yaml

from parity_tests.contract.helpers import new_employee
from parity_tests.sides import FRAMEWORKS, Framework, isolated_settings
from shared.settings import Settings
from tools.containers.commands import ROOT, WORK, run
from tools.containers.progress import say

# A fixed name, so a run killed half-way leaves containers the next run finds and removes.
PROJECT = "twins"
COMPOSE_FILES = (ROOT / "docker-compose.yml", ROOT / "docker-compose.debian.yml")
URLS: dict[Framework, str] = {"flask": "http://127.0.0.1:5000", "fastapi": "http://127.0.0.1:8000"}
HEALTH_TIMEOUT_SECONDS = 150.0
HEALTH_REPORT_EVERY_SECONDS = 10.0
REQUEST_TIMEOUT_SECONDS = 10.0


# Compose sets these for the containers itself; every other setting it reads from ${VARIABLES}.
FIXED_IN_COMPOSE = frozenset({"DATABASE_URL", "UPLOAD_DIR", "JOBS", "JOBS_BROKER_URL"})


class StackError(RuntimeError):
    pass


def live_suite_settings() -> dict[str, str]:
    """Every setting the live parity suite expects of the apps, for compose to pass on.

    The same as `make live` gives its servers, each one explicit, so that neither the shell
    nor a `.env` changes what the containers run.
    """
    settings = isolated_settings(WORK).as_environment()
    return {name: value for name, value in settings.items() if name not in FIXED_IN_COMPOSE}


def is_healthy(service: str, state: Mapping[str, Any]) -> bool:
    """True once Docker's health check passes, False while it may still; raises if it never will.

    `state` is `docker inspect`'s State of the service's container.
    """
    health = state.get("Health")
    if not health:
        raise StackError(f"{service} has no health check")
    if state.get("Status") != "running":
        raise StackError(
            f"{service} is {state.get('Status')} (exit status {state.get('ExitCode')}) "
            "instead of running"
        )
    if health["Status"] == "unhealthy":
        probes = health.get("Log") or [{}]
        raise StackError(f"{service} is unhealthy: {probes[-1].get('Output', '').strip()}")
    return bool(health["Status"] == "healthy")


def completed_successfully(service: str, state: Mapping[str, Any]) -> None:
    """Raises unless a one-shot service's container has exited with status 0."""
    if state.get("Status") != "exited" or state.get("ExitCode") != 0:
        raise StackError(
            f"{service} should have exited with status 0; it is {state.get('Status')} "
            f"(exit status {state.get('ExitCode')})"
        )


def has_no_health_check(service: str, state: Mapping[str, Any]) -> None:
    """Raises if the container has a health check (a one-shot service's must be disabled)."""
    if "Health" in state:
        raise StackError(f"{service} has a health check: `healthcheck: disable` was ignored")


def docker_time(text: str) -> tuple[datetime, int]:
    """A time as `docker inspect` writes it (RFC 3339, 0 to 9 fraction digits): sortable."""
    whole, _, fraction = text.removesuffix("Z").partition(".")
    return datetime.fromisoformat(whole).replace(tzinfo=UTC), int(fraction.ljust(9, "0"))


def started_after_completion(
    service: str, state: Mapping[str, Any], one_shot: str, one_shot_state: Mapping[str, Any]
) -> None:
    """Raises unless `service` started only once the one-shot service had exited."""
    if docker_time(state["StartedAt"]) < docker_time(one_shot_state["FinishedAt"]):
        raise StackError(
            f"{service} started at {state['StartedAt']}, before {one_shot} had exited "
            f"(at {one_shot_state['FinishedAt']})"
        )


def lost_after_restart(
    written: Mapping[str, Any], answers: Mapping[Framework, tuple[int, Any]]
) -> list[str]:
    """What each app got wrong when asked, after the restart, for the employee written before."""
    return [
        f"{framework} answered {status} with {body!r} for employee {written['id']}, "
        f"written before the restart as {dict(written)!r}"
        for framework, (status, body) in answers.items()
        if status != 200 or body != written
    ]


@dataclass(frozen=True)
class Stack:
    """docker-compose on our engine; `env` fills in the compose file's ${VARIABLES}."""

    env: Mapping[str, str]

    def compose(self, *args: str, log: str, timeout: float) -> str:
        # An empty --env-file: a developer's .env must not change what the test runs.
        empty_env = WORK / "empty.env"
        empty_env.parent.mkdir(parents=True, exist_ok=True)
        empty_env.touch()
        files = [f"--file={path}" for path in COMPOSE_FILES]
        return run(
            [
                "docker-compose",
                f"--project-name={PROJECT}",
                f"--project-directory={ROOT}",
                f"--env-file={empty_env}",
                *files,
                *args,
            ],
            log=log,
            timeout=timeout,
            env=self.env,
        )

    def settings_of(self, service: str) -> dict[str, str]:
        """The app settings compose gives `service`, as environment variables."""
        config = yaml.safe_load(self.compose("config", log="stack", timeout=60))
        environment: dict[str, Any] = config["services"][service]["environment"]
        names = {name.upper() for name in Settings.model_fields}
        return {name: str(value) for name, value in environment.items() if name in names}

    def containers(self, service: str) -> list[str]:
        """The ids of the service's containers, one per replica."""
        output = self.compose("ps", "-q", service, log="stack", timeout=30)
        containers = output.split()
        if not containers:
            raise StackError(f"{service} has no container")
        return containers

    def container_state(self, container: str) -> dict[str, Any]:
        output = run(
            ["docker", "inspect", "--format", "{{json .State}}", container],
            log="stack",
            timeout=30,
            env=self.env,
        )
        state: dict[str, Any] = json.loads(output)
        return state

    def state(self, service: str) -> dict[str, Any]:
        """The state of the service's first container (a one-shot service has one)."""
        return self.container_state(self.containers(service)[0])

    def all_healthy(self, service: str) -> bool:
        """Every replica of the service healthy (or running, for one without a health
        check); raises if one never will be."""
        states = [self.container_state(container) for container in self.containers(service)]
        return all(
            is_healthy(service, state) if "Health" in state else state["Status"] == "running"
            for state in states
        )

    def wait_healthy(
        self, services: Sequence[str], timeout: float = HEALTH_TIMEOUT_SECONDS
    ) -> None:
        started = time.monotonic()
        reported = started
        while True:
            healthy = {service: self.all_healthy(service) for service in services}
            if all(healthy.values()):
                return
            now = time.monotonic()
            if now - started > timeout:
                waiting = ", ".join(name for name, ok in healthy.items() if not ok)
                raise StackError(f"{waiting} not healthy after {timeout:.0f} s")
            if now - reported >= HEALTH_REPORT_EVERY_SECONDS:
                reported = now
                status = ", ".join(
                    f"{name} {'healthy' if ok else 'starting'}" for name, ok in healthy.items()
                )
                say(f"  {now - started:.0f} s: {status}")
            time.sleep(1)

    def wait_answering(self, urls: Sequence[str], timeout: float = HEALTH_TIMEOUT_SECONDS) -> None:
        """Until /health answers 200 at each URL (the proxy has found a healthy replica)."""
        deadline = time.monotonic() + timeout
        for url in urls:
            while True:
                try:
                    if (
                        httpx2.get(f"{url}/health", timeout=REQUEST_TIMEOUT_SECONDS).status_code
                        == 200
                    ):
                        break
                except httpx2.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise StackError(f"{url}/health did not answer 200 in {timeout:.0f} s")
                time.sleep(0.5)

    def logs(self, lines: int = 30) -> str:
        return self.compose("logs", "--no-color", f"--tail={lines}", log="stack", timeout=60)


def write_employee() -> dict[str, Any]:
    response = httpx2.post(
        f"{URLS['flask']}/employees", json=new_employee(), timeout=REQUEST_TIMEOUT_SECONDS
    )
    if response.status_code != 201:
        raise StackError(f"writing an employee answered {response.status_code}: {response.text}")
    created: dict[str, Any] = response.json()
    return created


def read_back(employee_id: int) -> dict[Framework, tuple[int, Any]]:
    answers: dict[Framework, tuple[int, Any]] = {}
    for framework in FRAMEWORKS:
        response = httpx2.get(
            f"{URLS[framework]}/employees/{employee_id}", timeout=REQUEST_TIMEOUT_SECONDS
        )
        is_json = response.headers.get("content-type", "").startswith("application/json")
        answers[framework] = (response.status_code, response.json() if is_json else response.text)
    return answers


def check_restart(stack: Stack, services: Sequence[str]) -> dict[str, Any]:
    """An employee written before `docker-compose restart` reads back the same through both."""
    written = write_employee()
    stack.compose("restart", log="restart", timeout=180)
    stack.wait_healthy(services)
    stack.wait_answering(list(URLS.values()))
    problems = lost_after_restart(written, read_back(written["id"]))
    if problems:
        raise StackError("data lost across the restart:\n" + "\n".join(problems))
    return written
