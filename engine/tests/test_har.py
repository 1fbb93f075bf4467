"""Recorded traffic: every HAR entry a probe, in order, the recording's host left behind."""

import json
from pathlib import Path

import pytest
from sidebyside import probes_from_har
from sidebyside.har import HarError, expected_for


def har(tmp_path: Path, *entries: dict[str, object]) -> Path:
    path = tmp_path / "traffic.har"
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": list(entries)}}))
    return path


def request(method: str, url: str, **extra: object) -> dict[str, object]:
    return {"request": {"method": method, "url": url, "headers": [], **extra}}


def test_each_entry_is_a_probe_in_recorded_order_without_the_recorded_host(
    tmp_path: Path,
) -> None:
    probes = probes_from_har(
        har(
            tmp_path,
            request("GET", "https://shop.example/items?limit=2"),
            request(
                "POST",
                "https://shop.example/items",
                headers=[
                    {"name": "Host", "value": "shop.example"},
                    {"name": ":authority", "value": "shop.example"},
                    {"name": "Content-Type", "value": "application/json"},
                ],
                postData={"mimeType": "application/json", "text": '{"name": "tea"}'},
            ),
        )
    )

    assert [(p.title, p.path) for p in probes] == [
        ("001 GET /items?limit=2", "/items?limit=2"),
        ("002 POST /items", "/items"),
    ]
    assert probes[1].headers == {"Content-Type": "application/json"}
    assert probes[1].content == b'{"name": "tea"}'
    assert probes[1].changes_state
    assert not probes[0].changes_state


def test_a_base64_body_is_decoded(tmp_path: Path) -> None:
    entry = request(
        "PUT", "http://x/blob", postData={"mimeType": "x", "text": "AAE=", "encoding": "base64"}
    )

    assert probes_from_har(har(tmp_path, entry))[0].content == b"\x00\x01"


def test_expected_differences_match_a_method_and_path_or_one_numbered_entry() -> None:
    expect = {"GET /items/*": ["a"], "002 POST /items": ["b"]}

    assert expected_for("001 GET /items/9", expect) == ("a",)
    assert expected_for("002 POST /items", expect) == ("b",)
    assert expected_for("003 POST /items", expect) == ()


def test_a_file_that_is_not_a_har_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.har"
    path.write_text('{"entries": []}')

    with pytest.raises(HarError, match=r"log\.entries"):
        probes_from_har(path)


def test_a_request_line_masks_credentials_and_cookies() -> None:
    from sidebyside import Probe

    probe = Probe(
        "t", "GET", "/", {"Authorization": "Bearer s3cret", "Cookie": "session=abc", "X-A": "1"}
    )

    line = probe.request_line()
    assert "s3cret" not in line
    assert "session=abc" not in line
    assert "[Authorization: <masked>] [Cookie: <masked>] [X-A: 1]" in line


def answer(body: object, *headers: tuple[str, str]) -> dict[str, object]:
    return {
        "status": 200,
        "headers": [{"name": name, "value": value} for name, value in headers],
        "content": {"mimeType": "application/json", "text": json.dumps(body)},
    }


def test_a_token_and_an_id_a_side_issued_are_captured_and_sent_in_later_requests(
    tmp_path: Path,
) -> None:
    token = "5f2b9c0e7d1a4b3c"
    probes = probes_from_har(
        har(
            tmp_path,
            {
                **request("POST", "http://x/users/login"),
                "response": answer({"user": {"token": token, "name": "ann of green gables"}}),
            },
            {
                **request(
                    "POST",
                    "http://x/notes",
                    headers=[{"name": "Authorization", "value": f"Token {token}"}],
                ),
                "response": answer({"note": {"id": 12}}, ("Location", "http://x/notes/12")),
            },
            request(
                "PUT",
                "http://x/notes/12",
                headers=[{"name": "Authorization", "value": f"Token {token}"}],
                postData={"mimeType": "application/json", "text": '{"by": "' + token + '"}'},
            ),
        )
    )

    assert probes[0].capture == {"v001_1": "$.user.token"}
    assert probes[1].headers == {"Authorization": "Token {v001_1}"}
    assert probes[1].capture == {"v002_1": "location"}
    assert probes[2].path == "{v002_1}"
    assert probes[2].headers == {"Authorization": "Token {v001_1}"}
    assert probes[2].content == b'{"by": "{v001_1}"}'


def test_a_short_or_worded_recorded_value_is_not_taken_for_an_issued_one(tmp_path: Path) -> None:
    probes = probes_from_har(
        har(
            tmp_path,
            {**request("GET", "http://x/a"), "response": answer({"n": "abc", "t": "a b c 1 2 3"})},
            request("GET", "http://x/abc?q=a b c 1 2 3"),
        )
    )

    assert probes[0].capture == {}
    assert probes[1].path == "/abc?q=a b c 1 2 3"
