"""The scaled stack under faults: Locust's mixed workload through the proxy while one replica of
each twin is killed, a worker is killed holding jobs it has not acknowledged, and the broker is
restarted; then every acknowledged write and every accepted upload is checked.

"The proxy answers throughout" is judged by a probe that asks it for /health on both ports
every 0.2 s: not one probe may go unanswered. The clients' own errors are counted and printed,
not judged: a request in flight on a replica at the moment it is killed gets a 502, or has its
connection closed (HAProxy does so when the replica dies on a reused connection, as the replica
itself would have), and either is what a kill costs.

Every process is stopped by its PID (the container's main process, found with `docker
inspect`, killed with SIGKILL: a crash, so Docker's restart policy brings it back). Traffic goes
to the proxy on loopback alone. The run fails on a lost or altered acknowledged write, an upload
not processed exactly once, or a moment the proxy did not answer.
"""

import json
import os
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from tools.containers.commands import CommandError, run
from tools.containers.progress import say
from tools.containers.stack import URLS, Stack, StackError
from tools.load.__main__ import read_back, run_locust

LOAD_SECONDS = 60
USERS_PER_APP = 8
# When each fault starts, in seconds from the start of the load: the load is steady by then, and
# goes on long enough after the last for the stack to be seen recovering under it.
REPLICA_KILLS_AT = {"flask": 6.0, "fastapi": 10.0}
WORKER_KILL_AT = 14.0
# A frozen worker keeps the jobs it was given: this long at most to see it hold one.
WORKER_HOLD_TIMEOUT_SECONDS = 15.0
PROBE_EVERY_SECONDS = 0.2
PROBE_TIMEOUT_SECONDS = 5.0
RECOVERY_TIMEOUT_SECONDS = 180.0
# A job recorded twice would change the row after it was first seen done.
SECOND_LOOK_AFTER_SECONDS = 3.0
PROXY_URLS: dict[str, str] = {str(name): url for name, url in URLS.items()}
WRITES = ("POST /employees", "PATCH /employees/{id}", "DELETE /employees/{id}")


@dataclass
class ProxyProbe:
    """Asks each proxy port for /health every PROBE_EVERY_SECONDS, in a thread: what answered.

    A kept-alive connection that closes without an answer (the request was in flight to a
    replica as it was killed) is asked again at once on a new connection, as HTTP clients do
    for an idempotent request (RFC 9112 section 9.3.1): such a probe counts as asked twice,
    and as unanswered only if the second try fails too. Any other failure (a refused
    connection, a timeout) counts as unanswered at once."""

    answers: Counter[str] = field(default_factory=Counter)
    unanswered: list[str] = field(default_factory=list)
    asked_twice: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def ask(self, client: httpx2.Client, url: str) -> None:
        try:
            try:
                status = client.get(f"{url}/health").status_code
            except httpx2.RemoteProtocolError as closed:
                self.asked_twice.append(f"{url}: {closed!r}")
                status = client.get(f"{url}/health").status_code
            self.answers[str(status)] += 1
        except httpx2.HTTPError as error:
            self.unanswered.append(f"{url}: {error!r}")

    def run(self) -> None:
        with httpx2.Client(timeout=PROBE_TIMEOUT_SECONDS) as client:
            while not self.stop.wait(PROBE_EVERY_SECONDS):
                for url in URLS.values():
                    self.ask(client, url)

    @contextmanager
    def running(self) -> Iterator["ProxyProbe"]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            thread.join()


def kill_container(stack: Stack, container: str) -> int:
    """SIGKILL to the container's main process, by PID: its PID is returned."""
    pid = int(stack.container_state(container)["Pid"])
    if pid <= 0:
        raise StackError(f"container {container[:12]} has no running process to kill")
    os.kill(pid, signal.SIGKILL)
    return pid


def kill_replica(stack: Stack, service: str) -> str:
    container = stack.containers(service)[0]
    pid = kill_container(stack, container)
    return f"{service} replica {container[:12]}: PID {pid} killed (SIGKILL)"


def container_address(stack: Stack, container: str) -> str:
    template = "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"
    return run(
        ["docker", "inspect", "--format", template, container],
        log="faults",
        timeout=30,
        env=stack.env,
    ).strip()


def unacknowledged_by_address(listing: str) -> Counter[str]:
    """`rabbitmqctl list_channels name messages_unacknowledged`, summed by client address.

    A channel's name starts with its connection's "client address:port -> server:port".
    """
    held: Counter[str] = Counter()
    for line in listing.splitlines():
        name, _, count = line.rpartition("\t")
        if " -> " in name and count.strip().isdigit():
            held[name.split(" -> ", 1)[0].rsplit(":", 1)[0]] += int(count)
    return held


def unacknowledged(stack: Stack) -> Counter[str]:
    listing = stack.compose(
        *("exec", "-T", "broker", "rabbitmqctl", "--quiet", "--no-table-headers"),
        *("list_channels", "name", "messages_unacknowledged"),
        log="faults",
        timeout=60,
    )
    return unacknowledged_by_address(listing)


def kill_worker_mid_job(stack: Stack) -> str:
    """Freeze a worker (`docker pause`) so that the jobs delivered to it stay unacknowledged,
    wait until the broker shows it holding one, then kill it by PID."""
    container = stack.containers("worker")[0]
    address = container_address(stack, container)
    run(["docker", "pause", container], log="faults", timeout=30, env=stack.env)
    try:
        deadline = time.monotonic() + WORKER_HOLD_TIMEOUT_SECONDS
        held = 0
        while held == 0 and time.monotonic() < deadline:
            held = unacknowledged(stack)[address]
        pid = kill_container(stack, container)
    finally:
        # Already gone when the kill ended it: nothing to thaw.
        with suppress(CommandError):
            run(["docker", "unpause", container], log="faults", timeout=30, env=stack.env)
    if held == 0:
        raise StackError(
            f"worker {container[:12]} was given no job in {WORKER_HOLD_TIMEOUT_SECONDS:.0f} s: "
            "no upload reached the broker, so no job was killed mid-way"
        )
    return (
        f"worker {container[:12]}: PID {pid} killed (SIGKILL) holding {held} job(s) "
        "delivered and not acknowledged"
    )


def restart_broker(stack: Stack) -> str:
    started = time.monotonic()
    stack.compose("restart", "broker", log="faults", timeout=120)
    stack.wait_healthy(["broker"])
    seconds = time.monotonic() - started
    return f"broker restarted (docker-compose restart), healthy again after {seconds:.0f} s"


def inject_faults(stack: Stack, started: float, kills: list[str]) -> None:
    def at(second: float) -> None:
        time.sleep(max(0.0, started + second - time.monotonic()))

    def note(what: str) -> None:
        kills.append(f"t={time.monotonic() - started:4.1f} s  {what}")
        say(f"  fault: {kills[-1]}")

    for service, second in REPLICA_KILLS_AT.items():
        at(second)
        note(kill_replica(stack, service))
    at(WORKER_KILL_AT)
    note(kill_worker_mid_job(stack))
    note("broker restarting")
    note(restart_broker(stack))


def upload_rows(stack: Stack, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each accepted upload's row as the database holds it: its status and finish time."""
    # psql in the database's container, as the user and database its environment names.
    query = "SELECT id, status, coalesce(finished_at::text, '') FROM uploads"
    script = (
        'psql --no-align --tuples-only --field-separator="|" '
        f'--username="$POSTGRES_USER" --dbname="$POSTGRES_DB" --command="{query}"'
    )
    output = stack.compose("exec", "-T", "postgres", "sh", "-c", script, log="faults", timeout=60)
    # The API writes an id with hyphens, the column may hold it without them.
    wanted = {plain(key): key for key in ids}
    rows = (line.split("|") for line in output.splitlines() if line.count("|") == 2)
    return {
        wanted[plain(key)]: (status, finished)
        for key, status, finished in rows
        if plain(key) in wanted
    }


def plain(upload_id: str) -> str:
    return upload_id.replace("-", "").lower()


def exactly_once_problems(
    ids: Sequence[str], first: dict[str, tuple[str, str]], second: dict[str, tuple[str, str]]
) -> list[str]:
    """Each accepted upload's effect: one row, done, unchanged when looked at again later."""
    problems = []
    for key in ids:
        row = first.get(key)
        if row is None:
            problems.append(f"upload {key} was accepted but has no row")
        elif row[0] != "done":
            problems.append(f"upload {key} is {row[0]}, not done")
        elif second.get(key) != row:
            problems.append(f"upload {key} changed after it was done: {row} then {second.get(key)}")
    return problems


def sent_and_acknowledged(results: dict[str, Any], labels: Sequence[str]) -> tuple[int, int]:
    sent = failed = 0
    for name, counts in results["requests"].items():
        if name.split(" ", 1)[-1] in labels:
            sent += counts["sent"]
            failed += counts["failed"]
    return sent, sent - failed


def errors_seen(results: dict[str, Any]) -> list[str]:
    """Every answer that was not a success, per app, with its count."""
    found = []
    for app, summary in results["apps"].items():
        for status, count in summary["statuses"].items():
            if status == "socket error" or int(status) >= 400:
                found.append(f"{app} {status}: {count}")
    return found


def report(
    results: dict[str, Any],
    kills: Sequence[str],
    probe: ProxyProbe,
    checked: str,
    processed: int,
) -> None:
    writes_sent, writes_acknowledged = sent_and_acknowledged(results, WRITES)
    uploads_sent, _ = sent_and_acknowledged(results, ("POST /uploads",))
    say(f"load: {LOAD_SECONDS} s, {USERS_PER_APP} Locust users per twin through the proxy")
    say("faults:\n    " + "\n    ".join(kills))
    say(f"employee writes: {writes_sent} sent, {writes_acknowledged} acknowledged; {checked}")
    say(
        f"uploads: {uploads_sent} sent, {len(results['uploads'])} accepted, "
        f"{processed} processed exactly once"
    )
    for app, summary in results["apps"].items():
        say(
            f"{app}: {summary['requests']} requests, {summary['requests_per_second']:.0f} req/s, "
            f"p50 {summary['p50_ms']:.0f} ms, p99 {summary['p99_ms']:.0f} ms"
        )
    say(f"errors seen by the clients: {', '.join(errors_seen(results)) or 'none'}")
    failures = [
        f"{name}: {counts['failed']} of {counts['sent']}"
        for name, counts in sorted(results["requests"].items())
        if counts["failed"]
    ]
    say(f"failed requests by kind: {'; '.join(failures) or 'none'}")
    answers = ", ".join(f"{status}: {count}" for status, count in sorted(probe.answers.items()))
    say(
        f"proxy probe (/health every {PROBE_EVERY_SECONDS} s): {answers}; "
        f"asked twice (a kept-alive connection closed without an answer): "
        f"{len(probe.asked_twice)}; unanswered: {len(probe.unanswered)}"
    )


def run_fault_test(stack: Stack, services: Sequence[str]) -> str:
    """The whole test; raises StackError naming every problem, else returns a summary."""
    kills: list[str] = []
    fault_errors: list[BaseException] = []
    with (
        tempfile.TemporaryDirectory(prefix="twins-faults-") as tmp,
        ProxyProbe().running() as probe,
    ):
        out = Path(tmp) / "results.json"
        started = time.monotonic()

        def faults() -> None:
            try:
                inject_faults(stack, started, kills)
            except (CommandError, StackError, OSError) as error:
                fault_errors.append(error)

        injector = threading.Thread(target=faults, daemon=True)
        injector.start()
        run_locust(PROXY_URLS, USERS_PER_APP, LOAD_SECONDS, dict(stack.env), out)
        injector.join(timeout=RECOVERY_TIMEOUT_SECONDS)
        stack.wait_healthy(services, timeout=RECOVERY_TIMEOUT_SECONDS)
        if not out.exists():
            raise StackError("Locust wrote no results")
        results = json.loads(out.read_text(encoding="utf-8"))
    problems = [f"a fault could not be made: {error}" for error in fault_errors]
    read_problems, checked = read_back(results, PROXY_URLS)
    problems += read_problems
    ids = [upload["id"] for upload in results["uploads"]]
    first = upload_rows(stack, ids)
    time.sleep(SECOND_LOOK_AFTER_SECONDS)
    once = exactly_once_problems(ids, first, upload_rows(stack, ids))
    problems += once
    processed = len(ids) - len(once)
    report(results, kills, probe, checked, processed)
    problems += [f"the proxy did not answer: {what}" for what in probe.unanswered[:10]]
    if problems:
        raise StackError(f"{len(problems)} problems under faults:\n" + "\n".join(problems[:30]))
    return f"{len(kills)} faults; {checked}; {processed} uploads processed exactly once"
