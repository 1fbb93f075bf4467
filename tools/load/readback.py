"""The read-back verdict: every employee the load run created, judged on its own history.

The locustfile records each employee as its user saw it (`EmployeeHistory` below, as JSON):
the email it was created with (unique per run, so the employee's own name whatever id the
server gave), the id, every acknowledged write in the order the server acknowledged it (the
create's body, each PATCH's body, None for the DELETE), and the write still unanswered at the
stop, if any. Only the user that created an employee writes to it, so that order is exact.

Judged here, apart from HTTP so that each rule can be shown failing on what it exists to catch:
- an id the server gave to two employees is reported as such, naming both;
- an employee must read, through both apps alike, as its last acknowledged write left it, or as
  its unanswered write would have left it;
- a read that matches an earlier acknowledged write is a lost write, and is named as one.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

# What a PATCH changes besides the field it sends.
CHANGED_BY_EVERY_WRITE = frozenset({"updated_at"})

Body = dict[str, Any]
# One read of an employee through one app: its status and, for a 200, its body.
Read = tuple[int, Body | None]


class UnansweredWrite(TypedDict, total=False):
    method: str  # "PATCH" or "DELETE"
    change: Body  # what the PATCH sent


class EmployeeHistory(TypedDict):
    email: str
    app: str
    id: int
    acknowledged: list[Body | None]
    unanswered: UnansweredWrite | None


@dataclass(frozen=True)
class ReadBack:
    problems: list[str]
    checked: int
    deleted: int
    unanswered: int

    def summary(self) -> str:
        return (
            f"{self.checked} employees ({self.deleted} deleted, {self.unanswered} with a write "
            "unanswered at the stop) read back through both apps"
        )


def ids_given_twice(employees: Iterable[EmployeeHistory]) -> dict[int, list[EmployeeHistory]]:
    by_id: dict[int, list[EmployeeHistory]] = defaultdict(list)
    for employee in employees:
        by_id[employee["id"]].append(employee)
    return {key: found for key, found in by_id.items() if len(found) > 1}


def _without(body: Body, keys: Iterable[str]) -> Body:
    return {key: value for key, value in body.items() if key not in keys}


def _as_unanswered_write_leaves_it(seen: Read, last: Body, write: UnansweredWrite) -> bool:
    status, body = seen
    if write.get("method") == "DELETE":
        return status == 404
    change = write.get("change", {})
    if status != 200 or body is None:
        return False
    ignored = CHANGED_BY_EVERY_WRITE | change.keys()
    unchanged = _without(body, ignored) == _without(last, ignored)
    return unchanged and all(body.get(key) == value for key, value in change.items())


def judge_employee(employee: EmployeeHistory, seen: Sequence[Read]) -> str | None:
    """What is wrong with these reads of `employee` (one per app), or None when nothing is."""
    label = f"employee {employee['id']} ({employee['email']}, created through {employee['app']})"
    history = employee["acknowledged"]
    last = history[-1]
    if any(read != seen[0] for read in seen[1:]):
        return f"{label}: the apps read it differently: {list(seen)}"
    status, body = seen[0]
    if body is not None and body.get("email") not in (None, employee["email"]):
        return f"{label}: its id now answers another employee, {body.get('email')}"
    if (status, body) == ((404, None) if last is None else (200, last)):
        return None
    pending = employee["unanswered"]
    if last is not None and pending and _as_unanswered_write_leaves_it(seen[0], last, pending):
        return None
    if status == 200 and body in history[:-1]:
        position = history.index(body) + 1
        return (
            f"{label}: reads as its acknowledged write {position} of {len(history)} left it: "
            f"{len(history) - position} later acknowledged write(s) lost"
        )
    if status == 404 and last is not None:
        return f"{label}: reads 404, though no acknowledged write deleted it"
    wanted = "404 (deleted)" if last is None else f"200 {last}"
    return f"{label}: expected {wanted}, read {status} {body}"


def judge(employees: Sequence[EmployeeHistory], read: Callable[[int], Sequence[Read]]) -> ReadBack:
    """Every employee judged on what `read` (id -> one read per app) finds now."""
    problems = []
    reused = ids_given_twice(employees)
    for employee_id, holders in sorted(reused.items()):
        named = " and ".join(f"{held['email']} (through {held['app']})" for held in holders)
        problems.append(f"id {employee_id} given to {len(holders)} employees: {named}")
    checked = deleted = unanswered = 0
    for employee in employees:
        if employee["id"] in reused:
            continue
        problem = judge_employee(employee, read(employee["id"]))
        if problem:
            problems.append(problem)
        checked += 1
        deleted += employee["acknowledged"][-1] is None
        unanswered += employee["unanswered"] is not None
    return ReadBack(problems, checked, deleted, unanswered)
