import json
import math

from shared.schemas import SECRET_FIELDS
from shared.validation import MAX_ECHO_CHARACTERS, MAX_ERRORS, public_errors
from shared.withheld import REDACTED


def test_the_password_is_the_secret_field_the_schemas_declare() -> None:
    assert {"password"} == SECRET_FIELDS


def test_inputs_that_strict_json_cannot_carry_are_escaped() -> None:
    errors: list[dict[str, object]] = [
        {"loc": ["salary"], "input": math.nan},
        {"loc": ["body", "name"], "input": "a\ud800b"},
    ]

    safe = public_errors(errors)

    assert json.loads(json.dumps(safe, allow_nan=False).encode("utf-8")) == [
        {"loc": ["salary"], "input": "nan"},
        {"loc": ["body", "name"], "input": "a\\ud800b"},
    ]


def test_ordinary_errors_pass_through_unchanged() -> None:
    errors = [
        {
            "type": "less_than_equal",
            "loc": ["query", "limit"],
            "msg": "too big",
            "input": 1000,
            "ctx": {"le": 100},
        }
    ]

    assert public_errors(errors) == errors


def test_the_input_of_a_secret_field_is_redacted_wherever_it_is() -> None:
    errors: list[dict[str, object]] = [
        {"type": "string_too_long", "loc": ["body", "password"], "input": "hunter2"},
        {"type": "string_type", "loc": ["password"], "input": 5},
        {"type": "string_type", "loc": ["body", "password", 0], "input": "hunter2"},
    ]

    assert [error["input"] for error in public_errors(errors)] == [REDACTED] * 3


def test_a_whole_body_or_a_container_is_never_echoed() -> None:
    errors: list[dict[str, object]] = [
        {"type": "missing", "loc": ["body", "email"], "input": {"password": "hunter2"}},
        {"type": "missing", "loc": ["email"], "input": {"password": "hunter2"}},
        {"type": "model_attributes_type", "loc": ["body"], "input": '{"password": "hunter2"}'},
        {"type": "value_error", "loc": [], "input": {"name": None}},
        {"type": "list_type", "loc": ["body", "name"], "input": ["hunter2"]},
    ]

    public = public_errors(errors)

    assert all("input" not in error for error in public)
    assert [error["loc"] for error in public] == [error["loc"] for error in errors]


def test_echoed_text_is_clipped() -> None:
    errors: list[dict[str, object]] = [
        {"type": "string_too_long", "loc": ["body", "x" * 1000], "input": "y" * 1000}
    ]

    (error,) = public_errors(errors)

    assert error["loc"][1] == "x" * (MAX_ECHO_CHARACTERS - 1) + "…"
    assert error["input"] == "y" * (MAX_ECHO_CHARACTERS - 1) + "…"


def test_errors_past_the_first_page_are_counted_in_one_last_entry() -> None:
    errors = [{"type": "extra_forbidden", "loc": [f"k{i}"], "msg": "no"} for i in range(1000)]

    public = public_errors(errors)

    assert public[:MAX_ERRORS] == errors[:MAX_ERRORS]
    assert public[MAX_ERRORS] == {
        "type": "too_many_errors",
        "loc": [],
        "msg": f"{1000 - MAX_ERRORS} more errors were found and not listed",
        "ctx": {"listed": MAX_ERRORS, "left_out": 1000 - MAX_ERRORS},
    }
    assert len(public) == MAX_ERRORS + 1


def test_a_page_of_errors_or_fewer_is_listed_whole() -> None:
    errors = [{"type": "missing", "loc": [f"k{i}"], "msg": "no"} for i in range(MAX_ERRORS)]

    assert public_errors(errors) == errors
