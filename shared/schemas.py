"""Request and response shapes, shared by both apps so that both validate alike."""

import re
import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    SecretStr,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from shared.emails import canonical_email
from shared.withheld import WithholdsInput, secret_fields

MAX_ID = 2**63 - 1  # the largest id a 64-bit database column holds
# The largest page of employees one request may ask for (the benchmark lists 10 to 1,000).
MAX_PAGE_SIZE = 1000


def _reject_unstorable_characters(value: str) -> str:
    # PostgreSQL refuses NUL in text and UTF-8 cannot encode a lone surrogate: reject both
    # here, as a validation error, rather than fail later as a database error.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise ValueError("must not contain lone surrogate characters")
    return value


_Storable = AfterValidator(_reject_unstorable_characters)

# The characters str.strip() removes (those for which str.isspace() is true), as one regular
# expression class, so that the schema can say what the validators do.
WHITESPACE_CLASS = (
    "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000"
)
NO_NUL = "^[^\\x00]*$"
NOT_BLANK_NOR_NUL = f"^[^\\x00]*[^\\x00{WHITESPACE_CLASS}][^\\x00]*$"


def _stripped(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise PydanticCustomError(
            "string_too_short", "String should have at least 1 character that is not whitespace"
        )
    return stripped


def _text(max_length: int) -> tuple[object, ...]:
    """Text stored stripped: at most max_length characters as sent, NUL refused, and at
    least one that is not whitespace. The schema states the same rule as a pattern."""
    return (
        StringConstraints(max_length=max_length),
        _Storable,
        AfterValidator(_stripped),
        Field(json_schema_extra={"minLength": 1, "pattern": NOT_BLANK_NOR_NUL}),
    )


Name = Annotated[str, *_text(100)]
Username = Annotated[str, *_text(100)]
Department = Annotated[str, *_text(50)]
Title = Annotated[str, *_text(100)]


def _reject_unstorable_secret(value: SecretStr) -> SecretStr:
    _reject_unstorable_characters(value.get_secret_value())
    return value


# SecretStr: never shown by repr or str, and marked writeOnly, format password in the schema.
Password = Annotated[
    SecretStr,
    Field(max_length=128, json_schema_extra={"pattern": NO_NUL}),
    AfterValidator(_reject_unstorable_secret),
]


Email = Annotated[
    EmailStr,
    AfterValidator(canonical_email),
    Field(
        description="An address email-validator accepts, which is stricter than the email "
        "format: special-use domains such as .test or .local are refused. Stored in lower "
        "case: an address is unique whatever its case."
    ),
]

_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _calendar_date_only(value: object) -> object:
    # Pydantic's lax mode reads a number, or digits in a string, as a Unix timestamp, so
    # "hired_on": 0 would become 1970-01-01. In this API a date is YYYY-MM-DD text (or a date,
    # from Python callers such as the seed), and nothing else.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _CALENDAR_DATE.fullmatch(value):
        return value
    raise PydanticCustomError("date_type", "Input should be a date in the format YYYY-MM-DD")


CalendarDate = Annotated[date, BeforeValidator(_calendar_date_only)]


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


def _a_number(value: object) -> object:
    # In lax mode pydantic reads false as 0 and "100000" as 100000; a JSON body carries
    # numbers as numbers (1000.0 is an integer to JSON Schema, so it stays one). Query
    # parameters, text by nature, are not validated by this.
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


Salary = Annotated[int, Field(ge=0, le=100_000_000), BeforeValidator(_a_number)]


class StrictModel(BaseModel):
    """Unknown fields are errors, and NaN or infinity are never numbers. A model that declares
    a secret field must withhold every input from its errors (shared/withheld.py says why)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        secrets = secret_fields(cls)
        if secrets and not issubclass(cls, WithholdsInput):
            raise TypeError(
                f"{cls.__name__} declares the secret field(s) {', '.join(sorted(secrets))}: "
                "derive it from WithholdsInput too, so that no error echoes what was sent"
            )


class Hello(BaseModel):
    Hello: str = "World"


class MethodEcho(BaseModel):
    method: str


class PublicSettings(BaseModel):
    environment: str
    message: str
    database: str
    cors_origins: list[str]
    cors_allow_credentials: bool
    auth_username: str
    auth_password: str
    secret_key: str
    max_body_bytes: int


class EmployeeIn(StrictModel):
    name: Name
    email: Email
    department: Department
    title: Title
    salary: Salary
    hired_on: CalendarDate


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


# A field a PATCH may leave out. None stands for "not sent" in Python only: the schema shows
# neither null nor a default, since a null is refused (reject_explicit_nulls).
_Optional = Field(default=None, json_schema_extra=_no_default)


class EmployeePatch(StrictModel):
    """Any subset of EmployeeIn's fields; a field sent as null is an error, not a delete."""

    name: Name | SkipJsonSchema[None] = _Optional
    email: Email | SkipJsonSchema[None] = _Optional
    department: Department | SkipJsonSchema[None] = _Optional
    title: Title | SkipJsonSchema[None] = _Optional
    salary: Salary | SkipJsonSchema[None] = _Optional
    hired_on: CalendarDate | SkipJsonSchema[None] = _Optional

    @model_validator(mode="after")
    def reject_explicit_nulls(self) -> "EmployeePatch":
        nulls = sorted(name for name in self.model_fields_set if getattr(self, name) is None)
        if nulls:
            raise ValueError(f"fields cannot be null: {', '.join(nulls)}")
        return self

    def changes(self) -> dict[str, object]:
        return self.model_dump(exclude_unset=True)


class EmployeeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str
    department: str
    title: str
    salary: int
    hired_on: date
    created_at: UtcDatetime
    updated_at: UtcDatetime


class EmployeeList(BaseModel):
    items: list[EmployeeOut]
    total: int
    limit: int
    offset: int


class EmployeeQuery(StrictModel):
    department: Department | None = None
    limit: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class LoginIn(StrictModel, WithholdsInput):
    username: Username
    email: EmailStr
    password: Password


# Fields whose values are never echoed, in an error or anywhere else (shared/validation.py).
SECRET_FIELDS = frozenset(
    name for model in StrictModel.__subclasses__() for name in secret_fields(model)
)


class UserOut(BaseModel):
    username: str
    email: str


class WhoAmI(BaseModel):
    username: str


MAX_WAIT_SECONDS = 5.0


class WaitQuery(StrictModel):
    delay: float = Field(default=0.1, ge=0, le=MAX_WAIT_SECONDS)


class Waited(BaseModel):
    waited: float


UploadStatus = Literal["pending", "done", "failed"]


class UploadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    size: int
    status: UploadStatus
    lines: int | None = None
    words: int | None = None
    sha256: str | None = None
    error: str | None = None
    created_at: UtcDatetime
    finished_at: UtcDatetime | None = None


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]


class ErrorOut(BaseModel):
    detail: str
