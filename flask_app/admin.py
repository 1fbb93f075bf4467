"""Flask-Admin over the employees table, behind the configured HTTP Basic credentials."""

import warnings
from typing import Any

from flask import Flask, Response
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from sqlalchemy.orm import scoped_session

from flask_app.deps import get_basic_credentials, get_resources, get_settings
from shared.admin import (
    CREDENTIALS_REQUIRED,
    FORM_EXCLUDED_COLUMNS,
    LIST_COLUMNS,
    SEARCHABLE_COLUMNS,
)
from shared.auth import basic_challenge, credentials_are_valid
from shared.models import Employee


class BasicAuthMixin:
    def is_accessible(self) -> bool:
        credentials = get_basic_credentials()
        return credentials is not None and credentials_are_valid(get_settings(), *credentials)

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Response:
        return Response(
            CREDENTIALS_REQUIRED,
            status=401,
            mimetype="text/plain",
            headers={"WWW-Authenticate": basic_challenge(get_settings())},
        )


class ProtectedIndexView(BasicAuthMixin, AdminIndexView):
    pass


class EmployeeAdmin(BasicAuthMixin, ModelView):
    column_list = LIST_COLUMNS
    column_searchable_list = SEARCHABLE_COLUMNS
    column_filters = ("department",)
    form_excluded_columns = FORM_EXCLUDED_COLUMNS


def init_app(app: Flask) -> None:
    with app.app_context():
        session = scoped_session(get_resources().session_factory)
    admin = Admin(
        app, name="Twins admin (Flask-Admin)", index_view=ProtectedIndexView(url="/admin")
    )
    with warnings.catch_warnings():
        # Flask-Admin 2 prefers a Flask-SQLAlchemy `db` object; this app uses plain
        # SQLAlchemy, for which a scoped session is still the supported way in.
        warnings.filterwarnings("ignore", "Passing a session object directly", DeprecationWarning)
        view = EmployeeAdmin(Employee, session, name="Employees", endpoint="employee")
    admin.add_view(view)
    app.teardown_appcontext(lambda _error: session.remove())
