"""The read-back verdict, shown passing on a faithful history and failing on each fault it
exists to catch."""

from collections.abc import Mapping, Sequence
from typing import Any

from tools.load.readback import EmployeeHistory, Read, UnansweredWrite, judge, judge_employee


def body(employee_id: int, email: str, salary: int, updated: str = "t0") -> dict[str, Any]:
    return {"id": employee_id, "email": email, "salary": salary, "updated_at": updated}


def history(
    employee_id: int,
    email: str,
    *acknowledged: dict[str, Any] | None,
    unanswered: UnansweredWrite | None = None,
) -> EmployeeHistory:
    return {
        "email": email,
        "app": "flask",
        "id": employee_id,
        "acknowledged": list(acknowledged),
        "unanswered": unanswered,
    }


def both(read: Read) -> list[Read]:
    return [read, read]


def reads(table: Mapping[int, Read]) -> Any:
    def read(employee_id: int) -> Sequence[Read]:
        return both(table.get(employee_id, (404, None)))

    return read


created = body(7, "a@example.com", 100)
patched = body(7, "a@example.com", 200, "t1")


def test_an_employee_read_as_its_last_acknowledged_write_passes() -> None:
    assert (
        judge_employee(history(7, "a@example.com", created, patched), both((200, patched))) is None
    )


def test_a_deleted_employee_read_as_404_passes() -> None:
    assert judge_employee(history(7, "a@example.com", created, None), both((404, None))) is None


def test_a_read_of_an_earlier_write_is_named_a_lost_write() -> None:
    problem = judge_employee(history(7, "a@example.com", created, patched), both((200, created)))

    assert problem is not None
    assert "write 1 of 2" in problem
    assert "1 later acknowledged write(s) lost" in problem


def test_an_acknowledged_delete_that_did_not_happen_is_a_lost_write() -> None:
    problem = judge_employee(history(7, "a@example.com", created, None), both((200, created)))

    assert problem is not None
    assert "lost" in problem


def test_an_employee_gone_without_an_acknowledged_delete_fails() -> None:
    problem = judge_employee(history(7, "a@example.com", created), both((404, None)))

    assert problem is not None
    assert "no acknowledged write deleted it" in problem


def test_two_apps_that_read_one_employee_differently_fail() -> None:
    problem = judge_employee(history(7, "a@example.com", created), [(200, created), (404, None)])

    assert problem is not None
    assert "differently" in problem


def test_a_deleted_employees_id_that_answers_someone_else_names_them() -> None:
    someone_else = body(7, "b@example.com", 100)

    problem = judge_employee(history(7, "a@example.com", created, None), both((200, someone_else)))

    assert problem is not None
    assert "another employee, b@example.com" in problem


def test_an_id_given_to_two_employees_is_reported_naming_both() -> None:
    first = history(7, "a@example.com", created, None)
    second = history(7, "b@example.com", body(7, "b@example.com", 100))

    verdict = judge([first, second], reads({7: (200, body(7, "b@example.com", 100))}))

    assert verdict.problems == [
        "id 7 given to 2 employees: a@example.com (through flask) and b@example.com (through flask)"
    ]


def test_an_unanswered_patch_may_have_happened_or_not() -> None:
    pending: UnansweredWrite = {"method": "PATCH", "change": {"salary": 300}}
    employee = history(7, "a@example.com", created, unanswered=pending)

    assert judge_employee(employee, both((200, created))) is None
    assert judge_employee(employee, both((200, body(7, "a@example.com", 300, "t2")))) is None


def test_an_unanswered_patch_does_not_excuse_any_other_state() -> None:
    pending: UnansweredWrite = {"method": "PATCH", "change": {"salary": 300}}
    employee = history(7, "a@example.com", created, unanswered=pending)

    assert judge_employee(employee, both((200, body(7, "a@example.com", 999, "t2")))) is not None
    assert judge_employee(employee, both((404, None))) is not None


def test_an_unanswered_delete_may_have_happened_or_not() -> None:
    employee = history(7, "a@example.com", created, unanswered={"method": "DELETE"})

    assert judge_employee(employee, both((404, None))) is None
    assert judge_employee(employee, both((200, created))) is None


def test_an_unanswered_write_does_not_excuse_an_earlier_lost_one() -> None:
    employee = history(7, "a@example.com", created, patched, unanswered={"method": "DELETE"})

    assert judge_employee(employee, both((200, created))) is not None


def test_the_verdict_counts_what_it_checked() -> None:
    employees = [
        history(1, "a@example.com", body(1, "a@example.com", 1)),
        history(2, "b@example.com", body(2, "b@example.com", 1), None),
        history(3, "c@example.com", body(3, "c@example.com", 1), unanswered={"method": "DELETE"}),
    ]
    table = {1: (200, body(1, "a@example.com", 1)), 3: (200, body(3, "c@example.com", 1))}

    verdict = judge(employees, reads(table))

    assert verdict.problems == []
    assert (verdict.checked, verdict.deleted, verdict.unanswered) == (3, 1, 1)
