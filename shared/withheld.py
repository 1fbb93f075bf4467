"""What a secret becomes wherever it would be shown, and models that echo no input at all.

Redacting the fields a model names as secret is not enough: the client, not the model,
chooses the key a value travels under. A password sent as `pasword` is an extra_forbidden
error on that key, one pasted into the username is a string error on the username, and each
would echo it. So a model that declares a secret field (StrictModel insists on it) derives
from WithholdsInput: every one of its validation errors keeps where it is, what is wrong and
which rule (loc, msg, type, ctx, url), and carries REDACTED as its input, in both twins and
in anything else that validates the model, since the rule lives in the model itself.
"""

from typing import Any, Self

from pydantic import BaseModel, ModelWrapValidatorHandler, SecretStr, model_validator
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, ValidationError

REDACTED = "**********"


def secret_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of a model whose values are secrets."""
    return frozenset(
        name for name, field in model.model_fields.items() if field.annotation is SecretStr
    )


def _withheld(error: ErrorDetails) -> InitErrorDetails:
    details: InitErrorDetails = {"type": error["type"], "loc": error["loc"], "input": REDACTED}
    if "url" in error:
        # One of pydantic's own error types: rebuilt from its type and context, it gets the
        # same message and documentation URL again.
        if "ctx" in error:
            details["ctx"] = error["ctx"]
    else:
        # A custom error (PydanticCustomError, as an email or a blank text raises) has no
        # message pydantic could rebuild: its message is kept as it was written.
        details["type"] = PydanticCustomError(error["type"], error["msg"], error.get("ctx"))
    return details


class WithholdsInput(BaseModel):
    """A model whose validation errors echo none of the input they refused."""

    @model_validator(mode="wrap")
    @classmethod
    def _withhold_input(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        try:
            return handler(data)
        except ValidationError as error:
            withheld = [_withheld(item) for item in error.errors()]
            # from None: the original error, with every input, must not ride along in a
            # traceback or a log line.
            raise ValidationError.from_exception_data(error.title, withheld) from None
