import re

import httpx2
from markupsafe import escape

from parity_tests.contract.helpers import new_employee
from parity_tests.sides import Side

FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI"}


def test_the_page_lists_employees_and_names_the_framework_that_served_it(
    client: httpx2.Client, side: Side
) -> None:
    client.post("/employees", json=new_employee(name="Page Person"))

    response = client.get("/page")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f"Served by <strong>{FRAMEWORK_NAMES[side.framework]}</strong>" in response.text
    assert "<td>Page Person</td>" in response.text


def test_the_page_escapes_what_users_typed(client: httpx2.Client) -> None:
    title = "<script>alert('x')</script>"
    client.post("/employees", json=new_employee(title=title))

    response = client.get("/page")

    # The escaping Jinja applies: markupsafe writes a quote as &#39;.
    assert str(escape(title)) in response.text
    assert title not in response.text


def test_the_shared_stylesheet_is_served_as_css(client: httpx2.Client) -> None:
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "font-family" in response.text


def test_the_page_lists_the_most_recently_hired_first(client: httpx2.Client) -> None:
    client.post("/employees", json=new_employee(hired_on="1999-12-31"))
    client.post("/employees", json=new_employee(hired_on="2031-01-01"))

    hiring_dates = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td>", client.get("/page").text)

    assert hiring_dates[0] == "2031-01-01"
    assert hiring_dates == sorted(hiring_dates, reverse=True)


def test_the_favicon_is_served_where_browsers_ask_for_it(client: httpx2.Client) -> None:
    # Browsers request /favicon.ico from any page that names no icon (the admins' pages).
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
