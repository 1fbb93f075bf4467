"""Request and response shapes, shared by both apps so that both validate alike."""

import re
import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Literal

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
from pydantic_core import PydanticCustomError

from shared.emails import canonical_email

MAX_ID = 2**63 - 1  # the largest id a 64-bit database column holds


def _reject_unstorable_characters(value: str) -> str:
    # PostgreSQL refuses NUL in text and UTF-8 cannot encode a lone surrogate: reject both
    # here, as a validation error, rather than fail later as a database error.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise ValueError("must not contain lone surrogate characters")
    return value


_Storable = AfterValidator(_reject_unstorable_characters)


def _bounded(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Name = Annotated[str, _bounded(100), _Storable]
Username = Annotated[str, _bounded(100), _Storable]
Department = Annotated[str, _bounded(50), _Storable]
Title = Annotated[str, _bounded(100), _Storable]


def _reject_unstorable_secret(value: SecretStr) -> SecretStr:
    _reject_unstorable_characters(value.get_secret_value())
    return value


# SecretStr: never shown by repr or str, and marked writeOnly, format password in the schema.
Password = Annotated[SecretStr, Field(max_length=128), AfterValidator(_reject_unstorable_secret)]


Email = Annotated[EmailStr, AfterValidator(canonical_email)]

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
Salary = Annotated[int, Field(ge=0, le=100_000_000)]


class StrictModel(BaseModel):
    """Unknown fields are errors, and NaN or infinity are never numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


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


class EmployeePatch(StrictModel):
    """Any subset of EmployeeIn's fields; a field sent as null is an error, not a delete."""

    name: Name | None = None
    email: Email | None = None
    department: Department | None = None
    title: Title | None = None
    salary: Salary | None = None
    hired_on: CalendarDate | None = None

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
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class LoginIn(StrictModel):
    username: Username
    email: EmailStr
    password: Password


# Fields whose values are never echoed, in an error or anywhere else (shared/validation.py).
SECRET_FIELDS = frozenset(
    name
    for model in StrictModel.__subclasses__()
    for name, field in model.model_fields.items()
    if field.annotation is SecretStr
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
