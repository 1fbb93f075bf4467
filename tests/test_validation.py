import json
import math

from shared.validation import json_safe_errors


def test_inputs_that_strict_json_cannot_carry_are_escaped() -> None:
    errors: list[dict[str, object]] = [
        {"loc": ["salary"], "input": math.nan},
        {"loc": ["name"], "input": "a\ud800b"},
        {"loc": ["body"], "input": {"nested": [math.inf, "ok"]}},
    ]

    safe = json_safe_errors(errors)

    assert json.loads(json.dumps(safe, allow_nan=False).encode("utf-8")) == [
        {"loc": ["salary"], "input": "nan"},
        {"loc": ["name"], "input": "a\\ud800b"},
        {"loc": ["body"], "input": {"nested": ["inf", "ok"]}},
    ]


def test_ordinary_errors_pass_through_unchanged() -> None:
    errors = [{"loc": ["limit"], "msg": "too big", "input": 1000, "ctx": {"le": 100}}]

    assert json_safe_errors(errors) == errors
