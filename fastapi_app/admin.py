"""SQLAdmin over the employees table, behind the configured HTTP Basic credentials."""

import base64
import binascii

from fastapi import FastAPI
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from shared.auth import basic_challenge, credentials_are_valid
from shared.models import Employee
from shared.settings import Settings


class BasicAuthBackend(AuthenticationBackend):
    """SQLAdmin's own idiom is a login form; Basic keeps both admins behind the same gate."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(secret_key=settings.secret_key.get_secret_value())
        self.settings = settings

    async def login(self, request: Request) -> bool:
        return False

    async def logout(self, request: Request) -> bool:
        return True

    async def authenticate(self, request: Request) -> Response | bool:
        credentials = _basic_credentials(request.headers.get("Authorization"))
        if credentials is not None and credentials_are_valid(self.settings, *credentials):
            return True
        return PlainTextResponse(
            "Admin credentials required.\n",
            status_code=401,
            headers={"WWW-Authenticate": basic_challenge(self.settings)},
        )


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    scheme, _, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None


class EmployeeAdmin(ModelView, model=Employee):
    column_list = (
        Employee.id,
        Employee.name,
        Employee.email,
        Employee.department,
        Employee.title,
        Employee.salary,
        Employee.hired_on,
    )
    column_searchable_list = (
        Employee.name,
        Employee.email,
    )
    form_excluded_columns = (
        Employee.created_at,
        Employee.updated_at,
    )


def init_app(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    admin = Admin(
        app,
        session_maker=app.state.session_factory,
        title="Twins admin (SQLAdmin)",
        authentication_backend=BasicAuthBackend(settings),
    )

    # SQLAdmin keeps its Admin on the view class: a subclass per app keeps apps apart.
    class AppEmployeeAdmin(EmployeeAdmin):
        name_plural = "Employees"

    admin.add_view(AppEmployeeAdmin)
