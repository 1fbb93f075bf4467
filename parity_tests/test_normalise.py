"""The noise rules remove what varies between runs and nothing a client could notice."""

from typing import Any

import httpx2
import pytest

from parity_tests.normalise import differing_aspects, observe


def differences(flask_body: Any, fastapi_body: Any) -> list[str]:
    flask, fastapi = httpx2.Response(200, json=flask_body), httpx2.Response(200, json=fastapi_body)
    return differing_aspects(observe(flask), observe(fastapi))


def test_ids_of_one_type_are_noise() -> None:
    assert differences({"id": 1}, {"id": 7}) == []


def test_an_id_given_as_a_string_differs_from_the_same_id_as_a_number() -> None:
    assert differences({"id": "1"}, {"id": 1}) == ["body"]


def test_generated_test_data_is_noise_wherever_it_appears() -> None:
    flask = {"email": "person-1a2b@example.com", "detail": "person-1a2b@example.com exists"}
    fastapi = {"email": "person-9f8e@example.com", "detail": "person-9f8e@example.com exists"}

    assert differences(flask, fastapi) == []


def test_an_email_that_was_not_generated_is_compared() -> None:
    assert differences({"email": "admin@example.com"}, {"email": "ada@example.com"}) == ["body"]


def test_a_department_that_was_not_generated_is_compared() -> None:
    assert differences({"department": "research"}, {"department": "sales"}) == ["body"]


def test_the_format_of_a_timestamp_is_compared_but_not_its_digits() -> None:
    assert (
        differences({"created_at": "2026-01-01T00:00:00Z"}, {"created_at": "2027-02-02T01:01:01Z"})
        == []
    )
    assert differences(
        {"created_at": "2026-01-01T00:00:00Z"}, {"created_at": "2026-01-01T00:00:00+00:00"}
    ) == ["body"]


def header_differences(flask_headers: dict[str, str], fastapi_headers: dict[str, str]) -> list[str]:
    flask = httpx2.Response(200, json={}, headers=flask_headers)
    fastapi = httpx2.Response(200, json={}, headers=fastapi_headers)
    return differing_aspects(observe(flask), observe(fastapi))


def test_a_header_a_client_or_cache_can_act_on_is_compared() -> None:
    assert header_differences({"Vary": "Origin"}, {}) == ["header:vary"]


def test_transport_headers_are_not_compared() -> None:
    assert header_differences({"Server": "gunicorn", "Date": "Mon"}, {"Server": "uvicorn"}) == []


def test_the_order_of_names_in_vary_is_noise() -> None:
    assert header_differences({"Vary": "Origin, Cookie"}, {"Vary": "Cookie, Origin"}) == []


def redirect_from(origin: str, location: str) -> httpx2.Response:
    request = httpx2.Request("GET", f"{origin}/admin")
    return httpx2.Response(308, headers={"Location": location}, text=location, request=request)


def test_the_servers_own_address_is_noise() -> None:
    flask = redirect_from("http://127.0.0.1:5000", "http://127.0.0.1:5000/admin/")
    fastapi = redirect_from("http://127.0.0.1:8000", "http://127.0.0.1:8000/admin/")

    assert differing_aspects(observe(flask), observe(fastapi)) == []


def test_an_address_that_is_not_the_servers_own_is_compared() -> None:
    flask = redirect_from("http://127.0.0.1:5000", "http://127.0.0.1:5000/admin/")
    fastapi = redirect_from("http://127.0.0.1:8000", "http://evil.example/admin/")

    assert differing_aspects(observe(flask), observe(fastapi)) == ["header:location", "body"]


JSON_CONTENT_TYPE = {"Content-Type": "application/json"}


def test_a_json_body_is_compared_parsed_so_key_order_and_a_trailing_newline_are_noise() -> None:
    flask = httpx2.Response(
        200, content=b'{"name": "Ada", "role": "admin"}\n', headers=JSON_CONTENT_TYPE
    )
    fastapi = httpx2.Response(
        200, content=b'{"role":"admin","name":"Ada"}', headers=JSON_CONTENT_TYPE
    )

    assert differing_aspects(observe(flask), observe(fastapi)) == []


def exact_text_differences(flask_text: str, fastapi_text: str) -> list[str]:
    flask = httpx2.Response(200, text=flask_text, headers=JSON_CONTENT_TYPE)
    fastapi = httpx2.Response(200, text=fastapi_text, headers=JSON_CONTENT_TYPE)
    return differing_aspects(observe(flask, raw=True), observe(fastapi, raw=True))


def test_a_body_compared_as_exact_text_keeps_its_key_order() -> None:
    assert exact_text_differences('{"a":1,"b":2}', '{"b":2,"a":1}') == ["body"]


def test_a_body_compared_as_exact_text_has_ids_and_generated_test_data_masked() -> None:
    flask = '{"id": 1, "email": "person-1a2b@example.com"}'
    fastapi = '{"id":27, "email": "person-9f8e@example.com"}'

    assert exact_text_differences(flask, fastapi) == []


def test_a_body_compared_as_exact_text_still_shows_an_id_of_another_type() -> None:
    assert exact_text_differences('{"id": 1}', '{"id": "1"}') == ["body"]


def test_the_id_at_the_end_of_a_location_is_noise() -> None:
    assert header_differences({"Location": "/employees/12"}, {"Location": "/employees/345"}) == []
    assert header_differences({"Location": "/uploads/a1-b2"}, {"Location": "/uploads/c3-d4"}) == []


def test_a_location_to_another_kind_of_resource_is_compared() -> None:
    assert header_differences({"Location": "/employees/12"}, {"Location": "/uploads/12"}) == [
        "header:location"
    ]


@pytest.mark.parametrize("name", ["Content-Location", "Refresh"])
def test_an_id_path_in_any_header_but_location_is_compared(name: str) -> None:
    # Content-Location sorts before Location and Refresh after it: only the one name counts.
    assert header_differences({name: "/employees/12"}, {name: "/employees/345"}) == [
        f"header:{name.lower()}"
    ]
