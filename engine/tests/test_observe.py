"""What an observation keeps of a response: every header but a pinned few, and the body."""

import dataclasses

import httpx2
import pytest
from sidebyside import Observation
from sidebyside.observe import (
    IGNORED_HEADERS,
    OWN_ORIGIN,
    Rule,
    differing_aspects,
    observe,
    parse_body,
)


def test_the_ignored_headers_are_exactly_the_transport_ones() -> None:
    assert set(IGNORED_HEADERS) == {
        "date",
        "server",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
    }
    assert all(reason.strip() for reason in IGNORED_HEADERS.values())


def test_an_observation_keeps_every_other_header_and_drops_the_ignored_ones() -> None:
    headers = {name: "x" for name in IGNORED_HEADERS} | {
        "X-Process-Time": "0.1",
        "Vary": "Origin",
        "Cache-Control": "no-store",
    }
    response = httpx2.Response(200, headers=headers, json={"a": 1})

    seen = observe(response)

    assert dict(seen.headers) == {
        "x-process-time": "0.1",
        "vary": "Origin",
        "cache-control": "no-store",
    }
    assert (seen.status, seen.content_type, seen.body) == (200, "application/json", {"a": 1})


def test_a_header_sent_twice_is_observed_as_one_joined_value() -> None:
    response = httpx2.Response(200, headers=[("Vary", "Origin"), ("vary", "Accept")], text="")

    assert observe(response).headers == {"vary": "Origin, Accept"}


def test_the_aspects_that_differ_include_a_header_only_one_side_sent() -> None:
    left = Observation(200, "text/plain", {"x-a": "1"}, "same")
    right = Observation(201, "text/plain", {"x-b": "1"}, "same")

    assert differing_aspects(left, right) == ["status", "header:x-a", "header:x-b"]
    assert differing_aspects(left, left) == []


def _sent(response: httpx2.Response) -> httpx2.Response:
    response.request = httpx2.Request("GET", "http://testserver:8000/start")
    return response


def test_the_servers_own_address_is_written_as_a_placeholder_in_location_and_text() -> None:
    redirect = _sent(
        httpx2.Response(302, headers={"Location": "http://testserver:8000/next"}, text="")
    )
    page = _sent(httpx2.Response(200, text='<a href="http://testserver:8000/a">a</a>'))

    assert observe(redirect).headers["location"] == f"{OWN_ORIGIN}/next"
    assert observe(page).body == f'<a href="{OWN_ORIGIN}/a">a</a>'


def test_a_json_body_and_a_response_without_location_are_left_as_they_came() -> None:
    answer = _sent(httpx2.Response(200, json={"url": "http://testserver:8000/a"}))

    seen = observe(answer)

    assert seen.body == {"url": "http://testserver:8000/a"}
    assert "location" not in seen.headers


def test_a_body_that_says_json_but_is_not_is_kept_as_text() -> None:
    broken = httpx2.Response(200, headers={"Content-Type": "application/json"}, text="{oops")

    assert observe(broken).body == "{oops"
    assert parse_body(httpx2.Response(200, json={"a": 1})) == {"a": 1}


def test_the_rules_are_applied_in_order() -> None:
    def tag(mark: str) -> Rule:
        return Rule(mark, "marks the body", lambda seen: seen.with_body(f"{seen.body}{mark}"))

    seen = observe(httpx2.Response(200, text="x"), rules=[tag("1"), tag("2")])

    assert seen.body == "x12"


def test_an_observation_and_a_rule_cannot_be_changed_once_made() -> None:
    seen = observe(httpx2.Response(200, text="x"))
    rule = Rule("r", "why", lambda observation: observation)

    with pytest.raises(dataclasses.FrozenInstanceError):
        seen.status = 500  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.name = "other"  # type: ignore[misc]
