"""Declared noise rules remove what they say and keep what a client could still tell apart."""

from sidebyside import (
    Observation,
    drop_headers,
    mask_header_values,
    mask_json_keys,
    mask_json_paths,
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


TIMES = Observation(200, "application/json", {}, {"at": "2026-12-06T21:53:26.390480+00:00"})
LATER = Observation(200, "application/json", {}, {"at": "2026-12-06T22:01:02.123456+00:00"})
ZULU = Observation(200, "application/json", {}, {"at": "2026-12-06T21:53:26.390480Z"})


def test_a_format_keeping_mask_hides_the_moment_but_not_the_zone_suffix() -> None:
    rule = mask_json_paths("times", "when stored", "$.at", keep="format")

    assert rule.apply(TIMES) == rule.apply(LATER)
    # The difference a type-keeping mask would hide: +00:00 against Z.
    assert rule.apply(TIMES) != rule.apply(ZULU)
    typed = mask_json_paths("times", "when stored", "$.at")
    assert typed.apply(TIMES) == typed.apply(ZULU)


def test_a_format_keeping_mask_tells_an_empty_token_from_a_real_one() -> None:
    rule = mask_json_keys("tokens", "random", "token", keep="format")
    empty = Observation(200, "application/json", {}, {"user": {"token": ""}})
    real = Observation(200, "application/json", {}, {"user": {"token": "abc123"}})

    assert rule.apply(empty) != rule.apply(real)


def test_a_path_mask_masks_that_place_and_no_other_with_the_same_key() -> None:
    rule = mask_json_paths("tokens", "random", "$.user.token")
    first = Observation(200, "application/json", {}, {"user": {"token": "a"}, "token": "x"})
    second = Observation(200, "application/json", {}, {"user": {"token": "b"}, "token": "y"})

    assert rule.apply(first).body == {"user": {"token": "<str>"}, "token": "x"}
    assert rule.apply(first) != rule.apply(second)
