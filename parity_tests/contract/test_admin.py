import httpx2
import pytest

from parity_tests.contract.helpers import basic_auth, new_employee
from parity_tests.sides import Side
from shared.settings import Settings

# Each admin names its pages its own way: Flask-Admin lists at the view's root, SQLAdmin at /list.
EMPLOYEE_LIST = {"flask": "/admin/employee/", "fastapi": "/admin/employee/list"}


def admin_credentials(settings: Settings) -> dict[str, str]:
    return basic_auth(settings.auth_username, settings.auth_password.get_secret_value())


@pytest.mark.parametrize("page", ["index", "employee list"])
def test_the_admin_asks_for_credentials(client: httpx2.Client, side: Side, page: str) -> None:
    path = "/admin/" if page == "index" else EMPLOYEE_LIST[side.framework]

    response = client.get(path)

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic ")


def test_the_admin_refuses_wrong_credentials(client: httpx2.Client, side: Side) -> None:
    response = client.get(EMPLOYEE_LIST[side.framework], headers=basic_auth("admin", "wrong"))

    assert response.status_code == 401


def test_the_admin_lists_employees_to_the_configured_user(
    client: httpx2.Client, side: Side, settings: Settings
) -> None:
    created = client.post("/employees", json=new_employee()).json()

    response = client.get(
        EMPLOYEE_LIST[side.framework],
        params={"search": created["email"]},
        headers=admin_credentials(settings),
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert created["email"] in response.text
