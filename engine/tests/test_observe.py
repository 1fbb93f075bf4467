"""What an observation keeps of a response: every header but a pinned few, and the body."""

import httpx2
from sidebyside import Observation
from sidebyside.observe import IGNORED_HEADERS, differing_aspects, observe


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
