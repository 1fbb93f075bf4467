"""The requests each case sends, and which subjects can serve them.

Baselines only have a hello, so every other workload runs on the twins (as written and tuned)
alone; the concurrency sweep runs on each twin's own server beside that server's bare and raw
apps. A twin with one recipe answers the hello only, the question being what that recipe wins;
the migration kit answers the hello and a few reads of the API, enough to price each step; a
variant of a twin answers the workloads that reach the database.
"""

import json
from dataclasses import dataclass
from typing import Literal

from tools.bench.subjects import NATIVE_SERVERS, SUBJECTS, Subject

Group = Literal["hello", "sweep", "list", "app", "io"]

DEFAULT_CONNECTIONS = 32
SWEEP_CONNECTIONS = (1, 16, 64, 256)
LIST_SIZES = (10, 100, 1000)
HELLO_KEY = "hello"
# What the migration kit's subjects run: the hello, and reads the strangler's steps route apart.
MIGRATION_WORKLOADS = (HELLO_KEY, "employee", "list-10")
# Every workload that reads or writes the database: what the variants of a twin run.
DATABASE_WORKLOADS = ("employee", "list-10", "list-100", "list-1000", "create")
ASYNC_DELAY_SECONDS = 0.1
ASYNC_CONNECTIONS = 100
# The employee every "by id" case reads: the bench database always has it (tools.bench.database).
EMPLOYEE_ID = 1
# Valid for the apps' default settings (AUTH_USERNAME, AUTH_EMAIL, AUTH_PASSWORD).
LOGIN_BODY = {"username": "admin", "email": "admin@example.com", "password": "change-me"}
NEW_EMPLOYEE_BODY = {
    "name": "Bench Person",
    "email": "{email}",
    "department": "bench-writes",
    "title": "Load",
    "salary": 1000,
    "hired_on": "2024-01-01",
}


@dataclass(frozen=True)
class Workload:
    key: str
    label: str
    group: Group
    path: str
    connections: int = DEFAULT_CONNECTIONS
    method: str = "GET"
    body: str | None = None
    # The body's "{email}" is replaced per request, so that every write is a new employee.
    unique_email: bool = False
    expected_status: int = 200
    # A number the case is about, for the sweeps' x axis: rows listed, or connections.
    size: int | None = None

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    def runs_on(self, subject: Subject) -> bool:
        kind = subject.app.kind
        if kind in ("reference", "recipe"):
            # The reference hellos answer GET / alone, at the hello's connections.
            return self.key == HELLO_KEY
        if kind == "migration":
            return self.key in MIGRATION_WORKLOADS
        if kind == "variant":
            return self.key in DATABASE_WORKLOADS
        if self.group == "hello":
            return True
        if self.group == "sweep":
            if kind == "tuned":
                return False
            framework = subject.app.framework
            native = NATIVE_SERVERS.get(framework or "")
            on_native_server = subject.server in NATIVE_SERVERS.values()
            # Raw callables have no framework: they sweep on every native server.
            return on_native_server if framework is None else subject.server == native
        return kind in ("twin", "tuned")


def _json(body: object) -> str:
    return json.dumps(body, separators=(",", ":"))


HELLO = Workload(HELLO_KEY, "GET / (hello)", "hello", "/")
WORKLOADS: tuple[Workload, ...] = (
    HELLO,
    *(
        Workload(f"hello-c{n}", f"GET / at {n} connections", "sweep", "/", connections=n, size=n)
        for n in SWEEP_CONNECTIONS
    ),
    Workload("employee", "GET /employees/{id}", "app", f"/employees/{EMPLOYEE_ID}"),
    *(
        Workload(f"list-{n}", f"GET /employees?limit={n}", "list", f"/employees?limit={n}", size=n)
        for n in LIST_SIZES
    ),
    Workload(
        "login",
        "POST /login (validated body)",
        "app",
        "/login",
        method="POST",
        body=_json(LOGIN_BODY),
    ),
    Workload("page", "GET /page (template)", "app", "/page"),
    Workload("static", "GET /static/style.css", "app", "/static/style.css"),
    Workload(
        "async",
        f"GET /async?delay={ASYNC_DELAY_SECONDS} at {ASYNC_CONNECTIONS} connections",
        "io",
        f"/async?delay={ASYNC_DELAY_SECONDS}",
        connections=ASYNC_CONNECTIONS,
    ),
    # Last: the writes add rows that every later read of the round would count.
    Workload(
        "create",
        "POST /employees (a write)",
        "app",
        "/employees",
        method="POST",
        body=_json(NEW_EMPLOYEE_BODY),
        unique_email=True,
        expected_status=201,
    ),
)


def workload(key: str) -> Workload:
    for candidate in WORKLOADS:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no workload {key!r}; known: {', '.join(w.key for w in WORKLOADS)}")


def cases(
    subjects: tuple[Subject, ...] = SUBJECTS, workloads: tuple[Workload, ...] = WORKLOADS
) -> list[tuple[Workload, Subject]]:
    """Every (workload, subject) pair of one round, workload by workload."""
    return [(w, s) for w in workloads for s in subjects if w.runs_on(s)]
