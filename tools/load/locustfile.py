"""The mixed workload Locust puts on both apps at once: reads, creates, updates, deletes, uploads.

Run by `python -m tools.load`, which starts the servers and sets the environment read here:
LOAD_FLASK_URL, LOAD_FASTAPI_URL, LOAD_USERS_PER_APP and LOAD_RESULTS (a JSON file written at
the end: per-app statistics, and every acknowledged write for the read-back check).

Each simulated user writes only employees it created, so each employee's acknowledged writes
are recorded in the order the server acknowledged them: its history (tools/load/readback.py
judges it). An employee is known by the unique email it was created with, not by the id it was
given, so an id given twice shows as two employees holding one id.
"""

import hashlib
import json
import os
import random
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, events, task
from locust.env import Environment
from locust.stats import StatsEntry

APPS = ("flask", "fastapi")
PROGRESS_SECONDS = 10.0
USERS_PER_APP = int(os.environ.get("LOAD_USERS_PER_APP", "64"))

# Every employee created, each with its history (tools/load/readback.py's EmployeeHistory).
EMPLOYEES: list[dict[str, Any]] = []
# Every upload accepted: its id and what processing must find.
UPLOADS: list[dict[str, Any]] = []
STATUSES: dict[str, Counter[str]] = {app: Counter() for app in APPS}


def employee_body() -> dict[str, Any]:
    unique = uuid.uuid4().hex[:16]
    return {
        "name": "Load Test",
        "email": f"load-{unique}@example.com",
        "department": "load",
        "title": "Engineer",
        "salary": random.randint(50_000, 150_000),  # noqa: S311 - test data, not secrets
        "hired_on": "2024-05-01",
    }


def upload_content() -> tuple[bytes, dict[str, Any]]:
    count = random.randint(1, 50)  # noqa: S311 - test data
    text = "".join(f"line {n} of {uuid.uuid4().hex}\n" for n in range(count)).encode()
    expected = {"lines": count, "words": count * 4, "sha256": hashlib.sha256(text).hexdigest()}
    return text, expected


class TwinUser(FastHttpUser):
    """One client of one app; `app` names it in every statistic."""

    abstract = True
    app = ""

    def on_start(self) -> None:
        self.own: list[dict[str, Any]] = []

    def _name(self, label: str) -> str:
        return f"{self.app} {label}"

    def _expect(
        self, method: str, path: str, label: str, status: int, **kwargs: Any
    ) -> dict[str, Any] | None:
        """The JSON body ({} for none) when the answer has `status`; otherwise None, and a
        failure in Locust's count."""
        with self.client.request(
            method, path, name=self._name(label), catch_response=True, **kwargs
        ) as response:
            if response.status_code != status:
                # No status: the connection failed, and what the client saw says why.
                seen = response.status_code or f"no answer ({response.error!r})"
                response.failure(f"{seen} instead of {status}")
                return None
            body: dict[str, Any] = response.json() if response.text else {}
            return body

    @task(4)
    def list_employees(self) -> None:
        self._expect("GET", "/employees?department=load&limit=20", "GET /employees", 200)

    @task(3)
    def read_employee(self) -> None:
        if self.own:
            employee = random.choice(self.own)  # noqa: S311 - not security
            self._expect("GET", f"/employees/{employee['id']}", "GET /employees/{id}", 200)

    @task(2)
    def create_employee(self) -> None:
        body = employee_body()
        created = self._expect("POST", "/employees", "POST /employees", 201, json=body)
        if created is not None:
            employee = {
                "email": body["email"],
                "app": self.app,
                "id": created["id"],
                "acknowledged": [created],
                "unanswered": None,
            }
            EMPLOYEES.append(employee)
            self.own.append(employee)

    @task(2)
    def update_employee(self) -> None:
        if not self.own:
            return
        employee = random.choice(self.own)  # noqa: S311 - not security
        change = {"salary": random.randint(50_000, 150_000)}  # noqa: S311 - test data
        # Until the answer comes, the employee may read as before or as after this write.
        employee["unanswered"] = {"method": "PATCH", "change": change}
        path = f"/employees/{employee['id']}"
        updated = self._expect("PATCH", path, "PATCH /employees/{id}", 200, json=change)
        if updated is not None:
            employee["acknowledged"].append(updated)
            employee["unanswered"] = None

    @task(1)
    def delete_employee(self) -> None:
        if not self.own:
            return
        employee = self.own.pop(random.randrange(len(self.own)))  # noqa: S311
        employee["unanswered"] = {"method": "DELETE"}
        path = f"/employees/{employee['id']}"
        if self._expect("DELETE", path, "DELETE /employees/{id}", 204) is not None:
            employee["acknowledged"].append(None)
            employee["unanswered"] = None

    @task(1)
    def upload(self) -> None:
        content, expected = upload_content()
        files = {"file": ("load.txt", content, "text/plain")}
        accepted = self._expect("POST", "/uploads", "POST /uploads", 202, files=files)
        if accepted is not None:
            UPLOADS.append({"id": accepted["id"], "expected": expected})


class FlaskClient(TwinUser):
    app = "flask"
    host = os.environ.get("LOAD_FLASK_URL", "http://127.0.0.1:5000")
    fixed_count = USERS_PER_APP


class FastAPIClient(TwinUser):
    app = "fastapi"
    host = os.environ.get("LOAD_FASTAPI_URL", "http://127.0.0.1:8000")
    fixed_count = USERS_PER_APP


@events.request.add_listener  # type: ignore[untyped-decorator]
def count_status(name: str, response: Any, **_: Any) -> None:
    app = name.split(" ", 1)[0]
    # A connection refused, reset or timed out reaches here with no status: a socket error.
    status = getattr(response, "status_code", 0) or 0
    STATUSES[app][str(status) if status else "socket error"] += 1


def _progress(environment: Environment) -> None:
    while True:
        gevent.sleep(PROGRESS_SECONDS)
        total = environment.stats.total
        print(
            f"[load] {total.num_requests} requests, {total.num_failures} failures, "
            f"{total.current_rps:.0f} req/s",
            flush=True,
        )


@events.test_start.add_listener  # type: ignore[untyped-decorator]
def start_progress(environment: Environment, **_: Any) -> None:
    gevent.spawn(_progress, environment)


def app_summary(environment: Environment, app: str) -> dict[str, Any]:
    """One app's requests merged into one entry: Locust keeps statistics per request name."""
    merged = StatsEntry(environment.stats, app, "", use_response_times_cache=False)
    for (name, _method), entry in environment.stats.entries.items():
        if name.startswith(f"{app} "):
            merged.extend(entry)
    duration = max((merged.last_request_timestamp or merged.start_time) - merged.start_time, 1e-9)
    return {
        "requests": merged.num_requests,
        "failures": merged.num_failures,
        "requests_per_second": merged.num_requests / duration,
        "p50_ms": merged.get_response_time_percentile(0.50),
        "p99_ms": merged.get_response_time_percentile(0.99),
        "statuses": dict(sorted(STATUSES[app].items())),
    }


@events.quitting.add_listener  # type: ignore[untyped-decorator]
def write_results(environment: Environment, **_: Any) -> None:
    errors = [
        f"{error.name}: {error.error} ({error.occurrences}x)"
        for error in environment.stats.errors.values()
    ]
    results = {
        "apps": {app: app_summary(environment, app) for app in APPS},
        # Per request name ("flask POST /employees"): how many were sent, how many failed.
        "requests": {
            name: {"sent": entry.num_requests, "failed": entry.num_failures}
            for (name, _method), entry in environment.stats.entries.items()
        },
        "errors": errors,
        "employees": EMPLOYEES,
        "uploads": UPLOADS,
    }
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(results), encoding="utf-8")
