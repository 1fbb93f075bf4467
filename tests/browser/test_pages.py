"""/page in both apps, as a person's browser shows it."""

from pathlib import Path
from urllib.parse import urlsplit

import httpx2
from playwright.sync_api import Dialog, Page, Response, expect

from parity_tests.contract.helpers import new_employee
from parity_tests.sides import Framework
from tests.browser.conftest import Apps
from tests.browser.watch import Watch

MARKUP_NAME = "<img src=x onerror=alert(1)>"


def test_the_page_shows_the_employees_with_its_css_and_js_from_static(
    page: Page, apps: Apps, framework: Framework, watch: Watch, screens: Path
) -> None:
    loaded: list[Response] = []
    page.on("response", lambda response: loaded.append(response))

    page.goto(apps.url(framework) + "/page")

    expect(page.get_by_role("cell", name="Ada Lovelace", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Account <Lead> & Co", exact=True)).to_be_visible()
    static = {urlsplit(r.url).path: r.status for r in loaded if "/static/" in r.url}
    assert static == {"/static/style.css": 200, "/static/app.js": 200}
    # app.js marks the document; the stylesheet's rules apply to the table.
    expect(page.locator("html")).to_have_attribute("data-scripted", "yes")
    expect(page.locator("table")).to_have_css("border-collapse", "collapse")
    assert watch.errors == []
    page.screenshot(path=screens / f"{framework}-page.png", full_page=True)


def test_markup_stored_through_the_api_is_shown_as_text_and_runs_no_script(
    page: Page, apps: Apps, framework: Framework, watch: Watch
) -> None:
    created = httpx2.post(
        apps.url(framework) + "/employees", json=new_employee(name=MARKUP_NAME), timeout=10
    )
    assert created.status_code == 201
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(apps.url(framework) + "/page")

    expect(page.get_by_role("cell", name=MARKUP_NAME, exact=True).first).to_be_visible()
    assert page.locator("img").count() == 0
    assert dialogs == []
    assert watch.errors == []
