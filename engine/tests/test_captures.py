"""Values carried from one answer to later requests: captured per side by JSON path, header or
Location, filled into path, headers, query and body, and a clear error when one is missing."""

import json

import httpx2
import pytest
from sidebyside import Probe, UnsendableProbeError
from sidebyside.probes import CaptureError, Missing, capture_one, captured, fill, names_used

LOGIN = httpx2.Response(
    201,
    headers={"Location": "http://testserver/notes/7", "X-Token": "h1"},
    json={"user": {"token": "t0k3n", "ids": [4, 5]}, "odd key": 1},
    request=httpx2.Request("POST", "http://testserver/notes"),
)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("$.user.token", "t0k3n"),
        ("$.user.ids[1]", 5),
        ('$["odd key"]', 1),
        ("header:X-Token", "h1"),
        ("location", "/notes/7"),
    ],
)
def test_a_value_is_captured_by_json_path_header_or_location(where: str, value: object) -> None:
    assert capture_one(LOGIN, where) == value


def test_a_capture_that_finds_nothing_is_kept_as_missing_with_its_reason() -> None:
    with pytest.raises(CaptureError, match=r"no \$\.user\.email"):
        capture_one(LOGIN, "$.user.email")

    refused = httpx2.Response(401, json={"detail": "no"})
    assert captured(refused, {"token": "$.user.token"}) == {
        "token": Missing("no $.user.token in the answer (401)")
    }


def test_captured_values_fill_path_headers_query_and_body_keeping_an_ids_type() -> None:
    probe = Probe(
        "change it",
        "PUT",
        "/notes/{id}",
        headers={"Authorization": "Token {token}"},
        json={"id": "{id}", "text": "note {id}"},
        options={"params": {"by": "{token}"}},
    )

    filled = fill(probe, {"id": 7, "token": "abc"})

    assert filled.path == "/notes/7"
    assert filled.headers == {"Authorization": "Token abc"}
    assert filled.json == {"id": 7, "text": "note 7"}
    assert filled.options == {"params": {"by": "abc"}}
    assert names_used(probe) == ["id", "token"]


def test_a_probe_needing_a_value_its_side_could_not_capture_is_unsendable_with_why() -> None:
    probe = Probe("who am I", "GET", "/user", headers={"Authorization": "Token {token}"})

    with pytest.raises(UnsendableProbeError, match=r"'who am I' needs \{token\}.*\(401\)"):
        fill(probe, {"token": Missing("no $.user.token in the answer (401)")})


def test_a_text_body_is_filled_too() -> None:
    probe = Probe("t", "POST", "/", content=json.dumps({"token": "{token}"}).encode())

    assert fill(probe, {"token": "abc"}).content == b'{"token": "abc"}'
