"""FastAPI's docs in a browser with no network: every asset comes from the app itself.

The context fixture fails any test whose pages request a host other than this machine, so a
page that still loads a script, a stylesheet, a font or a favicon from a CDN fails here.
"""

import re
from pathlib import Path

import httpx2
from playwright.sync_api import Page, expect

from tests.browser.conftest import Apps
from tests.browser.watch import Watch


def operations_in_schema(apps: Apps) -> set[tuple[str, str]]:
    schema = httpx2.get(apps.url("fastapi") + "/openapi.json", timeout=10).json()
    return {(method.upper(), path) for path, item in schema["paths"].items() for method in item}


def test_swagger_ui_lists_every_operation_of_the_schema(
    page: Page, apps: Apps, watch: Watch, screens: Path
) -> None:
    expected = operations_in_schema(apps)

    page.goto(apps.url("fastapi") + "/docs")
    summaries = page.locator(".opblock-summary")
    expect(summaries).to_have_count(len(expected))
    listed = {
        (
            summary.locator(".opblock-summary-method").inner_text().strip(),
            summary.locator(".opblock-summary-path").get_attribute("data-path") or "",
        )
        for summary in summaries.all()
    }

    assert listed == expected
    assert watch.errors == []
    page.screenshot(path=screens / "fastapi-docs.png")


def test_try_it_out_on_get_employees_shows_a_200_with_the_seeded_employees(
    page: Page, apps: Apps, watch: Watch
) -> None:
    page.goto(apps.url("fastapi") + "/docs")
    operation = page.locator(".opblock-get").filter(
        has=page.locator('.opblock-summary-path[data-path="/employees"]')
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    response = operation.locator(".live-responses-table .response")
    expect(response.locator(".response-col_status")).to_have_text("200")
    expect(response.locator(".response-col_description")).to_contain_text("Ada Lovelace")
    expect(response.locator(".response-col_description")).to_contain_text("Grace Hopper")
    assert watch.errors == []


def test_redoc_renders_the_api_with_every_operation(
    page: Page, apps: Apps, watch: Watch, screens: Path
) -> None:
    expected = operations_in_schema(apps)

    page.goto(apps.url("fastapi") + "/redoc")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Twin apps: FastAPI"))
    # ReDoc gives each operation a labelled HTTP verb in its side menu.
    menu_operations = page.locator("[role=menuitem] .operation-type")
    expect(menu_operations).to_have_count(len(expected))

    assert watch.errors == []
    page.screenshot(path=screens / "fastapi-redoc.png")
