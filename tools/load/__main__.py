"""Both apps on their production servers under one mixed workload, then a read-back of every
acknowledged write through both.

    python -m tools.load [--seconds 60] [--users-per-app 64] [--database sqlite|postgresql ...]

For each database: a fresh one, migrated and seeded; gunicorn (Flask) and uvicorn (FastAPI)
started with the Procfile's commands on free loopback ports, sharing it; Locust (headless,
`tools/load/locustfile.py`) keeps `--users-per-app` connections on each app for `--seconds`;
then every employee created is read through both apps and judged on its own history
(tools/load/readback.py: an id given twice, a lost acknowledged write), and every accepted
upload must be processed with the expected counts and hash, identically in both. Passes only
with no socket error, no 5xx, no unexpected status and no mismatch. Prints throughput and p99
per app.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx2

from parity_tests.databases import BACKENDS, Backend, fresh_database, postgres_unavailable_reason
from parity_tests.live import live_environment
from parity_tests.servers import free_port, running
from parity_tests.sides import prepare_database
from shared.settings import Settings
from tools.load.readback import Read, judge

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Users finish the task in hand when the time is up, so that no write is left unanswered.
STOP_TIMEOUT_SECONDS = 15
UPLOAD_PROCESSING_TIMEOUT_SECONDS = 60.0
APP_LABELS = {"flask": "Flask on gunicorn", "fastapi": "FastAPI on uvicorn"}


def say(message: str) -> None:
    print(f"[load] {message}", flush=True)


def run_locust(
    urls: dict[str, str], users: int, seconds: int, env: dict[str, str], out: Path
) -> None:
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--users", str(users * len(urls)), "--spawn-rate", str(users * len(urls)),
        "--run-time", f"{seconds}s", "--stop-timeout", str(STOP_TIMEOUT_SECONDS),
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    locust_env = {
        **env,
        "LOAD_FLASK_URL": urls["flask"],
        "LOAD_FASTAPI_URL": urls["fastapi"],
        "LOAD_USERS_PER_APP": str(users),
        "LOAD_RESULTS": str(out),
    }
    # Locust's own exit status says "some request failed"; the verdict is ours, from the results.
    subprocess.run(  # noqa: S603 - our own locustfile
        command,
        env=locust_env,
        timeout=seconds + STOP_TIMEOUT_SECONDS + 120,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=None,
    )


def traffic_problems(results: dict[str, Any]) -> list[str]:
    problems = [f"Locust error: {error}" for error in results["errors"]]
    for app, summary in results["apps"].items():
        for status, count in summary["statuses"].items():
            if status == "socket error" or int(status) >= 500:
                problems.append(f"{app}: {count} answers were {status}")
        if summary["requests"] == 0:
            problems.append(f"{app}: no request was answered")
    return problems


def read_back(results: dict[str, Any], urls: dict[str, str]) -> tuple[list[str], str]:
    """Every employee's history and every accepted upload, read through both apps: the
    problems, and what was checked."""
    with (
        httpx2.Client(base_url=urls["flask"]) as flask,
        httpx2.Client(base_url=urls["fastapi"]) as fastapi,
    ):

        def read(employee_id: int) -> list[Read]:
            answers = [client.get(f"/employees/{employee_id}") for client in (flask, fastapi)]
            return [(a.status_code, a.json() if a.status_code == 200 else None) for a in answers]

        employees = judge(results["employees"], read)
        uploads = results["uploads"]
        problems = list(employees.problems)
        given = Counter(upload["id"] for upload in uploads)
        problems += [f"upload id {key} given to {n} uploads" for key, n in given.items() if n > 1]
        deadline = time.monotonic() + UPLOAD_PROCESSING_TIMEOUT_SECONDS
        clients = (flask, fastapi)
        for upload in uploads:
            problems += _upload_problems(upload["id"], upload["expected"], clients, deadline)
    return problems, f"{employees.summary()}; {len(uploads)} uploads read back"


def _upload_problems(
    upload_id: str, expected: dict[str, Any], clients: Sequence[httpx2.Client], deadline: float
) -> list[str]:
    while True:
        bodies = [client.get(f"/uploads/{upload_id}").json() for client in clients]
        if all(body.get("status") == "done" for body in bodies) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    found = [{key: body.get(key) for key in expected} for body in bodies]
    if bodies[0] != bodies[1] or found != [expected, expected]:
        return [f"upload {upload_id}: expected {expected}, read {bodies}"]
    return []


def errors_in_log(log: Path, limit: int = 15) -> str:
    """The last lines of a server's log that name an error: why a request got a 5xx."""
    lines = log.read_text(errors="replace").splitlines()
    found = [line for line in lines if "Error" in line or "error" in line.split(" - ")[-1]]
    return "\n".join(found[-limit:]) or "(none)"


def report(backend: str, seconds: int, users: int, results: dict[str, Any]) -> None:
    say(f"{backend}: {seconds} s, {users} connections per app, both apps at once")
    say(f"{'app':<20} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}  statuses")
    for app, summary in results["apps"].items():
        statuses = ", ".join(f"{status}: {count}" for status, count in summary["statuses"].items())
        say(
            f"{APP_LABELS[app]:<20} {summary['requests']:>9} "
            f"{summary['requests_per_second']:>7.0f} {summary['p50_ms']:>7.0f} "
            f"{summary['p99_ms']:>7.0f}  {statuses}"
        )


def load_and_judge(
    label: str, urls: dict[str, str], seconds: int, users: int, env: dict[str, str], workdir: Path
) -> tuple[dict[str, Any] | None, list[str]]:
    """Locust on both apps at `urls`, then the read-back: the results and every problem."""
    results_path = workdir / "results.json"
    run_locust(urls, users, seconds, env, results_path)
    if not results_path.exists():
        return None, ["Locust wrote no results"]
    results: dict[str, Any] = json.loads(results_path.read_text(encoding="utf-8"))
    report(label, seconds, users, results)
    problems = traffic_problems(results)
    read_problems, checked = read_back(results, urls)
    say(checked)
    return results, problems + read_problems


def print_verdict(label: str, problems: Sequence[str]) -> None:
    for problem in problems[:20]:
        say(f"  problem: {problem}")
    if len(problems) > 20:
        say(f"  ... and {len(problems) - 20} more")
    say(f"{label}: {'PASS' if not problems else f'FAIL ({len(problems)} problems)'}")


def run(backend: Backend, seconds: int, users: int) -> tuple[dict[str, Any] | None, bool]:
    """One database's run on this machine: its results (None without any) and its verdict."""
    with tempfile.TemporaryDirectory(prefix="twins-load-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        url = stack.enter_context(fresh_database(backend, workdir))
        prepare_database(Settings(database_url=url))
        env = live_environment(url, workdir)
        urls = {}
        for name in APP_LABELS:
            server = stack.enter_context(running(name, free_port(), env, workdir / f"{name}.log"))
            urls[name] = server.url
        say(f"{backend}: servers up at {urls['flask']} and {urls['fastapi']}; running Locust")
        results, problems = load_and_judge(backend, urls, seconds, users, env, workdir)
        if problems:
            for name in APP_LABELS:
                say(f"the errors in {name}'s log:\n{errors_in_log(workdir / f'{name}.log')}")
    print_verdict(backend, problems)
    return results, not problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.load", description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users-per-app", type=int, default=64)
    parser.add_argument("--database", choices=BACKENDS, action="append")
    options = parser.parse_args(argv)
    passed = True
    for backend in options.database or list(BACKENDS):
        reason = postgres_unavailable_reason() if backend == "postgresql" else None
        if reason:
            say(f"{backend}: {reason}: FAIL (load runs on both databases)")
            passed = False
            continue
        passed = run(backend, options.seconds, options.users_per_app)[1] and passed
    return 0 if passed else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
