import json
from typing import Annotated, Any

import pytest
from pydantic import AfterValidator, EmailStr, Field, SecretStr, ValidationError

from shared.schemas import StrictModel
from shared.withheld import REDACTED, WithholdsInput, secret_fields


def _no_x(value: str) -> str:
    if "x" in value:
        raise ValueError("must not contain x")
    return value


class Account(StrictModel):
    """Fields that fail with each kind of error: pydantic's own, with and without a context,
    a validator's ValueError, and a custom error (EmailStr's)."""

    name: Annotated[str, Field(max_length=5)]
    handle: Annotated[str, AfterValidator(_no_x)]
    email: EmailStr
    age: int


class WithheldAccount(Account, WithholdsInput):
    pass


REFUSED: dict[str, Any] = {
    "name": "Katherine",
    "handle": "kx",
    "email": "not-an-address",
    "age": "ninety",
    "nickname": "stray",
}


def errors_of(model: type[StrictModel], data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    # What the frameworks read (errors()), with a validator's ValueError in the context as its
    # text, so that two errors compare by what they say.
    errors: list[dict[str, Any]] = json.loads(json.dumps(caught.value.errors(), default=str))
    return errors


def test_a_model_that_withholds_input_echoes_none_of_it() -> None:
    errors = errors_of(WithheldAccount, REFUSED)

    assert [error["input"] for error in errors] == [REDACTED] * 5


def test_withheld_errors_keep_their_location_message_type_context_and_url() -> None:
    plain = errors_of(Account, REFUSED)

    withheld = errors_of(WithheldAccount, REFUSED)

    assert [{**error, "input": REDACTED} for error in plain] == withheld


def test_a_strict_model_with_a_secret_field_that_would_echo_input_is_refused() -> None:
    with pytest.raises(TypeError, match="token"):

        class Leaky(StrictModel):
            token: SecretStr


def test_a_strict_model_with_a_secret_field_may_withhold_its_input() -> None:
    class Careful(StrictModel, WithholdsInput):
        token: SecretStr

    assert secret_fields(Careful) == {"token"}
