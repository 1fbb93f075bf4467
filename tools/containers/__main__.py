"""`python -m tools.containers`: the compose stack built and run for real, with the live parity
suite, a restart and the fault test under load (tools/containers/faults.py).

`python -m tools.containers --load [--seconds 60] [--users-per-app 64]` (`make load-scaled`)
brings up the same stack and runs `make load`'s workload on one machine and through it instead
(tools/containers/scaled_load.py).

Needs root and Debian's packages (apt-get installs docker.io, docker-compose and debootstrap when
missing); without them it skips and says why, except with CI=true, where it fails. It binds ports
5000 and 8000, so the whole run holds /tmp/twins-ports.lock, as `flock` would (or goes on inside
the lock of the `flock ... make test` that started it).
"""

import argparse
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from parity_tests.databases import must_not_skip
from parity_tests.servers import port_is_free
from parity_tests.sides import FRAMEWORKS
from tools.containers.base_images import POSTGRES_IMAGE, PYTHON_IMAGE, ensure_base_images
from tools.containers.commands import CommandError, stream
from tools.containers.engine import Engine, EngineError
from tools.containers.faults import run_fault_test
from tools.containers.host import install, missing_packages, why_not_here
from tools.containers.ports_lock import LOCK, PortsLockTimeoutError, holding_ports_lock
from tools.containers.progress import Progress, say
from tools.containers.scaled_load import compare
from tools.containers.stack import (
    URLS,
    Stack,
    StackError,
    check_restart,
    completed_successfully,
    has_no_health_check,
    live_suite_settings,
    started_after_completion,
)
from tools.containers.wheelhouse import REQUIREMENTS, exported_lock, fill, image_target, staleness

APP_SERVICES = list(FRAMEWORKS)
# Every long-running service but the proxy, which has no health check of its own: the stack
# waits for these, then for the proxy to answer on both ports.
SERVICES = ["postgres", "broker", *APP_SERVICES, "worker"]
PYTEST_TIMEOUT_SECONDS = 900
COMPOSE_TIMEOUT_SECONDS = 600
DOWN_TIMEOUT_SECONDS = 180
# Settings that name hosts only the stack's own network can resolve.
STACK_NETWORK_ONLY = frozenset({"JOBS", "JOBS_BROKER_URL"})
FAILURES = (CommandError, EngineError, StackError, PortsLockTimeoutError)


def check_requirements(progress: Progress) -> None:
    with progress.step("requirements.txt is uv.lock's export") as step:
        problem = staleness(REQUIREMENTS.read_text(), exported_lock())
        if problem:
            raise StackError(problem)
        step.outcome = "yes"


def install_packages(progress: Progress) -> None:
    with progress.step("host packages") as step:
        missing = missing_packages()
        if missing:
            install(missing)
            step.outcome = f"installed {' '.join(missing)}"
        else:
            step.outcome = "docker.io, docker-compose and debootstrap present"


def prepare_images(progress: Progress, stack: Stack) -> None:
    ensure_base_images(progress, stack.env)
    with progress.step("wheelhouse") as step:
        target = image_target(PYTHON_IMAGE.tag, stack.env)
        wheels, downloaded = fill(target)
        size = sum(wheel.stat().st_size for wheel in wheels) / 1e6
        origin = "downloaded from PyPI" if downloaded else "all present"
        step.outcome = f"{len(wheels)} wheels ({size:.0f} MB) for {target}, {origin}"
    with progress.step("project image (docker-compose build)") as step:
        # Three services name the one image: the first build makes it, the others reuse it.
        stack.compose("build", log="build", timeout=COMPOSE_TIMEOUT_SECONDS)
        step.outcome = f"twin-apps:local on {PYTHON_IMAGE.tag}, built with no network"


def bring_up(progress: Progress, stack: Stack) -> None:
    with progress.step("up (docker-compose up --detach)") as step:
        taken = [url for url in URLS.values() if not port_is_free(int(url.rsplit(":", 1)[1]))]
        if taken:
            raise StackError(f"something already listens at {', '.join(taken)}: stop it first")
        # Compose itself waits for postgres to be healthy and migrate to complete, in order.
        stack.compose("up", "--detach", "--no-build", log="up", timeout=COMPOSE_TIMEOUT_SECONDS)
        # What compose 1.29 must honour: migrate ran to completion, with its health check
        # disabled, before either server started.
        migrate = stack.state("migrate")
        completed_successfully("migrate", migrate)
        has_no_health_check("migrate", migrate)
        for service in APP_SERVICES:
            started_after_completion(service, stack.state(service), "migrate", migrate)
        step.outcome = (
            f"postgres healthy ({POSTGRES_IMAGE.tag}); migrate exited 0 before flask and "
            "fastapi started"
        )
    with progress.step("health (every replica's Docker health check, then the proxy)") as step:
        stack.wait_healthy(SERVICES)
        stack.wait_answering(list(URLS.values()))
        replicas = {
            service: len(stack.containers(service)) for service in (*APP_SERVICES, "worker")
        }
        step.outcome = (
            ", ".join(f"{count} {service}" for service, count in replicas.items())
            + " healthy; the proxy answers on 5000 and 8000"
        )
    with progress.step("seed (docker-compose run migrate python -m shared.manage seed)") as step:
        output = stack.compose(
            *("run", "--rm", "--no-deps", "migrate", "python", "-m", "shared.manage", "seed"),
            log="seed",
            timeout=120,
        )
        step.outcome = output.strip().splitlines()[-1]


def run_parity_suite(progress: Progress, stack: Stack) -> None:
    with progress.step("live parity suite against the containers") as step:
        urls = [f"--{framework}-url={url}" for framework, url in URLS.items()]
        command = [sys.executable, "-m", "pytest", "parity_tests", *urls, "-q"]
        # The tests compare what the apps report with Settings() read from this environment:
        # it must be the apps' own (the database URL, the origins, the limits).
        # Not the broker's: its URL names a host on the stack's network, and the suite's own
        # in-process apps (built for the checks that need one) run their jobs inline.
        apps = stack.settings_of("flask")
        env = {**stack.env, **{k: v for k, v in apps.items() if k not in STACK_NETWORK_ONLY}}
        status, summary = stream(command, log="parity", timeout=PYTEST_TIMEOUT_SECONDS, env=env)
        step.outcome = summary
        if status:
            raise StackError(f"the parity suite failed against the containers: {summary}")


def check_data_survives_restart(progress: Progress, stack: Stack) -> None:
    with progress.step("restart (docker-compose restart, data read back)") as step:
        written = check_restart(stack, SERVICES)
        step.outcome = f"employee {written['id']} written before, read back through both apps"


def survive_faults(progress: Progress, stack: Stack) -> None:
    with progress.step("faults under load (replicas, a worker and the broker)") as step:
        step.outcome = run_fault_test(stack, SERVICES)


@dataclass(frozen=True)
class LoadRun:
    seconds: int
    users_per_app: int


def compare_load(progress: Progress, stack: Stack, load: LoadRun) -> None:
    with progress.step("load on one machine, then through the scaled stack") as step:
        table = compare(stack, load.seconds, load.users_per_app)
        say(
            "requests per second and p99, one machine beside the scaled stack:\n" + "\n".join(table)
        )
        step.outcome = "both runs passed their read-back"


def take_down(progress: Progress, stack: Stack, failed: bool) -> None:
    if failed:
        try:
            say(f"the stack's logs end:\n{stack.logs()}")
        except CommandError as error:
            say(f"no logs: {error}")
    with progress.step("down (docker-compose down --volumes)") as step:
        stack.compose(
            "down", "--volumes", "--remove-orphans", log="down", timeout=DOWN_TIMEOUT_SECONDS
        )
        step.outcome = "containers, networks and volumes removed"


def run_everything(progress: Progress, load: LoadRun | None) -> None:
    install_packages(progress)
    engine = Engine()
    with progress.step("engine (dockerd of our own)") as step:
        env = engine.start()
        step.outcome = f"dockerd PID {engine.pid}, socket {engine.paths.socket}"
    try:
        stack = Stack({**env, **live_suite_settings()})
        prepare_images(progress, stack)
        with progress.step("leftovers of an earlier run removed"):
            stack.compose("down", "--volumes", "--remove-orphans", log="down", timeout=120)
        failed = True
        try:
            bring_up(progress, stack)
            if load:
                compare_load(progress, stack, load)
            else:
                run_parity_suite(progress, stack)
                check_data_survives_restart(progress, stack)
                survive_faults(progress, stack)
            failed = False
        finally:
            take_down(progress, stack, failed)
    finally:
        with progress.step("engine stopped") as step:
            step.outcome = f"dockerd exited with status {engine.stop()}"


def parse(argv: Sequence[str]) -> LoadRun | None:
    parser = argparse.ArgumentParser(prog="python -m tools.containers", description=__doc__)
    parser.add_argument("--load", action="store_true", help="the load comparison instead")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users-per-app", type=int, default=64)
    options = parser.parse_args(argv)
    return LoadRun(options.seconds, options.users_per_app) if options.load else None


def main(argv: Sequence[str] = ()) -> int:
    load = parse(argv)
    progress = Progress()
    try:
        check_requirements(progress)
        reason = why_not_here()
        if reason:
            verdict = "failing: CI runs the containers" if must_not_skip() else "skipped"
            say(f"the compose test cannot run here, {reason}: {verdict}")
            return 1 if must_not_skip() else 0
        with ExitStack() as held:
            with progress.step(f"ports lock {LOCK}") as step:
                step.outcome = held.enter_context(holding_ports_lock())
            run_everything(progress, load)
    except FAILURES as error:
        say(f"FAILED: {error}")
        return 1
    finally:
        say("times:\n" + progress.summary())
    say("the compose stack passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
