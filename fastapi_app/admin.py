"""SQLAdmin over the employees table, behind the configured HTTP Basic credentials."""

from fastapi import FastAPI, HTTPException
from fastapi.security import HTTPBasic
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from shared.admin import (
    CREDENTIALS_REQUIRED,
    FORM_EXCLUDED_COLUMNS,
    LIST_COLUMNS,
    SEARCHABLE_COLUMNS,
)
from shared.auth import basic_challenge, credentials_are_valid
from shared.models import Employee
from shared.settings import Settings


class BasicAuthBackend(AuthenticationBackend):
    """SQLAdmin's own idiom is a login form; Basic keeps both admins behind the same gate.
    FastAPI's HTTPBasic reads the credentials, as it does for /whoami."""

    read_credentials = HTTPBasic(auto_error=False)

    def __init__(self, settings: Settings) -> None:
        super().__init__(secret_key=settings.secret_key.get_secret_value())
        self.settings = settings

    async def login(self, request: Request) -> bool:
        return False

    async def logout(self, request: Request) -> bool:
        return True

    async def authenticate(self, request: Request) -> Response | bool:
        try:
            credentials = await self.read_credentials(request)
        except HTTPException:  # present but unreadable: refused like missing ones, below
            credentials = None
        if credentials is not None and credentials_are_valid(
            self.settings, credentials.username, credentials.password
        ):
            return True
        return PlainTextResponse(
            CREDENTIALS_REQUIRED,
            status_code=401,
            headers={"WWW-Authenticate": basic_challenge(self.settings)},
        )


class EmployeeAdmin(ModelView, model=Employee):
    column_list = LIST_COLUMNS
    column_searchable_list = SEARCHABLE_COLUMNS
    form_excluded_columns = FORM_EXCLUDED_COLUMNS


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
    # On the app's state with its other resources, for code that must reach its backend.
    app.state.admin = admin
