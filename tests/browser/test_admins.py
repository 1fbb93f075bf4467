"""Both admins in a browser, behind the configured HTTP Basic credentials."""

import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from playwright.sync_api import Page, expect

from parity_tests.sides import FRAMEWORKS, Framework
from shared.seed import DEMO_EMPLOYEES
from tests.browser.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, Apps, NewContext
from tests.browser.watch import Watch


@dataclass(frozen=True)
class AdminPages:
    """Where each admin keeps its employees: Flask-Admin and SQLAdmin name them differently."""

    list_path: str
    create_path: str
    save_button: str


ADMINS: dict[Framework, AdminPages] = {
    "flask": AdminPages("/admin/employee/", "/admin/employee/new/", "Save"),
    "fastapi": AdminPages("/admin/employee/list", "/admin/employee/create", "Save"),
}


@pytest.fixture
def admin_page(new_context: NewContext) -> Page:
    credentials = {"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
    return new_context(http_credentials=credentials).new_page()


def test_the_employee_list_shows_the_seeded_rows_and_no_other(
    admin_page: Page, seeded_apps: Apps, framework: Framework, watch: Watch, screens: Path
) -> None:
    admin_page.goto(seeded_apps.url(framework) + ADMINS[framework].list_path)

    for employee in DEMO_EMPLOYEES:
        expect(admin_page.get_by_role("cell", name=employee.name, exact=True)).to_be_visible()
    # The screenshot shows the seed alone: no row another test added.
    expect(admin_page.locator("table tbody tr")).to_have_count(len(DEMO_EMPLOYEES))
    assert watch.errors == []
    admin_page.screenshot(path=screens / f"{framework}-admin.png", full_page=True)


def test_an_employee_created_in_the_admin_form_is_readable_through_both_apis(
    admin_page: Page, apps: Apps, framework: Framework, watch: Watch
) -> None:
    department = f"admin-{framework}-{uuid.uuid4().hex[:8]}"
    admin_page.goto(apps.url(framework) + ADMINS[framework].create_path)
    form = admin_page.locator("form").filter(has=admin_page.locator("[name=email]"))
    # Both admins open a date picker over the form; a click on another field closes it, as
    # it would for a person.
    form.locator("[name=hired_on]").fill("2024-05-01")
    form.locator("[name=name]").click()
    form.locator("[name=name]").fill(f"Created in the {framework} admin")
    form.locator("[name=email]").fill(f"{department}@example.com")
    form.locator("[name=department]").fill(department)
    form.locator("[name=title]").fill("Clerk")
    form.locator("[name=salary]").fill("50000")
    form.get_by_role("button", name=ADMINS[framework].save_button, exact=True).click()
    admin_page.wait_for_load_state()

    for reader in FRAMEWORKS:
        listed = httpx2.get(
            apps.url(reader) + "/employees", params={"department": department}, timeout=10
        )
        items = listed.json()["items"]
        assert [(e["name"], e["salary"], e["hired_on"]) for e in items] == [
            (f"Created in the {framework} admin", 50000, "2024-05-01")
        ], reader
    assert watch.errors == []


def test_a_wrong_password_gets_no_admin_page(
    new_context: NewContext, apps: Apps, framework: Framework
) -> None:
    credentials = {"username": ADMIN_USERNAME, "password": "not-the-password"}
    page = new_context(http_credentials=credentials).new_page()

    response = page.goto(apps.url(framework) + ADMINS[framework].list_path)

    assert response is not None
    assert response.status == 401
    assert page.locator("body").inner_text().strip() == "Admin credentials required."
    assert page.locator("table, form").count() == 0
