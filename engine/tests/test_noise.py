"""Declared noise rules remove what they say and keep what a client could still tell apart."""

from sidebyside import (
    Observation,
    drop_headers,
    mask_header_values,
    mask_json_keys,
    mask_pattern,
)

SEEN = Observation(
    200,
    "application/json",
    {"x-request-id": "abc123", "etag": '"v1"'},
    {"id": 7, "items": [{"id": "9", "token": "tok_12ab"}]},
)


def test_dropped_headers_are_not_compared() -> None:
    rule = drop_headers("ids", "fresh per request", "X-Request-Id")

    assert rule.apply(SEEN).headers == {"etag": '"v1"'}


def test_masked_header_values_stay_present() -> None:
    rule = mask_header_values("etags", "opaque", "etag")

    assert rule.apply(SEEN).headers == {"x-request-id": "abc123", "etag": "<etag>"}


def test_masked_json_keys_keep_their_type_at_any_depth() -> None:
    rule = mask_json_keys("ids", "numbered per app", "id")

    assert rule.apply(SEEN).body == {
        "id": "<int>",
        "items": [{"id": "<str>", "token": "tok_12ab"}],
    }


def test_a_masked_pattern_is_replaced_in_strings_and_headers() -> None:
    rule = mask_pattern("tokens", "random", r"tok_[0-9a-f]+|abc\d+", "<token>")
    masked = rule.apply(SEEN)

    assert masked.body["items"][0]["token"] == "<token>"
    assert masked.headers["x-request-id"] == "<token>"
