"""The rules that say which entries a generated probe must show, each on the case it exists
to sort."""

import math
import uuid
from dataclasses import replace

import pytest

from parity_tests.differential.expectations import accepts, in_path, in_query, repeated_in_query
from parity_tests.differential.parameters import Parameter, UnprobedParameterError

LIMIT = Parameter("GET", "/employees", "query", "limit", "integer", minimum=1, maximum=1000)
DELAY = Parameter("GET", "/async", "query", "delay", "number", minimum=0, maximum=5)
NAME = Parameter("GET", "/x", "query", "name", "string", max_length=5, pattern="^[^\\x00]+$")
EMPLOYEE_ID = Parameter(
    "GET", "/employees/{employee_id}", "path", "employee_id", "integer", 0, 2**63 - 1
)
UPLOAD_ID = Parameter("GET", "/uploads/{upload_id}", "path", "upload_id", "uuid")
DELETED = ("empty-response-content-type",)


@pytest.mark.parametrize(
    ("parameter", "reading", "accepted"),
    [
        (LIMIT, 5, True),
        (LIMIT, 0, False),
        (LIMIT, 2**64, False),
        (LIMIT, None, False),
        (DELAY, -0.0, True),
        (DELAY, math.nan, False),
        (DELAY, math.inf, False),
        (NAME, "abc", True),
        (NAME, "abcdef", False),
        (NAME, "a\x00", False),
        (UPLOAD_ID, uuid.uuid4(), True),
    ],
    ids=repr,
)
def test_a_reading_is_accepted_only_within_what_the_schema_declares(
    parameter: Parameter, reading: object, accepted: bool
) -> None:
    assert accepts(parameter, reading) is accepted


def test_a_query_value_the_schema_refuses_is_a_validation_error_in_each_shape() -> None:
    assert in_query(LIMIT, 0) == ("validation-error-format",)


def test_a_query_value_the_schema_accepts_is_answered_alike() -> None:
    assert in_query(LIMIT, 5) == ()


def test_a_query_value_the_schema_accepts_shows_what_its_operation_shows_when_answered() -> None:
    assert in_query(DELAY, 0.01, ("flask-pydantic-async-view",)) == ("flask-pydantic-async-view",)
    assert in_query(DELAY, math.nan, ("flask-pydantic-async-view",)) == ("validation-error-format",)


def test_a_nul_refused_by_a_raising_validator_is_also_older_flask_pydantics_500() -> None:
    assert in_query(NAME, "a\x00") == ("validation-error-format", "flask-pydantic-raised-error")
    assert in_query(NAME, "abcdef") == ("validation-error-format",)


def test_a_repeated_value_shows_what_its_operation_shows_beside_the_first_or_last_reading() -> None:
    assert repeated_in_query() == ("repeated-query-parameter",)
    assert repeated_in_query(("flask-pydantic-async-view",)) == (
        "repeated-query-parameter",
        "flask-pydantic-async-view",
    )


def test_a_spelling_only_fastapi_reads_is_its_types_entry() -> None:
    assert in_path(EMPLOYEE_ID, "%2B42", 42, ()) == ("path-integer-spellings",)
    assert in_path(UPLOAD_ID, "ab" * 16, uuid.UUID("ab" * 16), ()) == ("path-uuid-spellings",)


def test_digits_only_werkzeug_reads_are_the_non_ascii_entry() -> None:
    assert in_path(EMPLOYEE_ID, "%D9%A4%D9%A2", None, ()) == ("path-non-ascii-digits",)


def test_a_value_both_read_shows_what_the_operation_shows() -> None:
    deleting = replace(EMPLOYEE_ID, method="DELETE")

    assert in_path(deleting, "0042", 42, DELETED) == DELETED


def test_a_value_both_refuse_is_a_converter_mismatch() -> None:
    assert in_path(EMPLOYEE_ID, "4.5", None, ()) == ("path-converter-mismatch",)


def test_a_value_werkzeugs_rule_matches_then_refuses_is_a_405_to_other_methods() -> None:
    changing = replace(EMPLOYEE_ID, method="PUT")

    assert in_path(EMPLOYEE_ID, str(2**63), 2**63, ()) == ("path-converter-mismatch",)
    assert in_path(changing, str(2**63), 2**63, ()) == ("converter-rejection-method-not-allowed",)


def test_an_empty_segment_is_a_trailing_slash_and_a_slash_another_path() -> None:
    assert in_path(EMPLOYEE_ID, "", None, ()) == ("trailing-slash-redirect",)
    assert in_path(EMPLOYEE_ID, "42%2F42", None, ()) == ("werkzeug-html-errors",)


def test_a_path_parameter_of_a_type_without_a_converter_rule_is_refused() -> None:
    name = replace(NAME, location="path")

    with pytest.raises(UnprobedParameterError, match="string"):
        in_path(name, "abc", "abc", ())
