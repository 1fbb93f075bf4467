"""Noise found by asking the reference twice: each varying place once, with the narrowest
declaration that explains it."""

from sidebyside import Observation
from sidebyside.findnoise import declaration, json_paths, noise_between

FIRST = Observation(
    200,
    "application/json",
    {"x-request-id": "a1"},
    {"items": [{"id": 1, "at": "10:00"}, {"id": 2, "at": "10:01"}], "total": 2},
)
SECOND = Observation(
    200,
    "application/json",
    {"x-request-id": "b2"},
    {"items": [{"id": 1, "at": "11:00"}, {"id": 2, "at": "11:01"}], "total": 2},
)


def test_json_bodies_differ_at_paths_with_list_items_folded() -> None:
    assert list(dict.fromkeys(json_paths(FIRST.body, SECOND.body))) == ["$.items[*].at"]


def test_a_key_only_one_answer_has_is_a_difference() -> None:
    assert list(json_paths({"a": 1}, {"a": 1, "b": None})) == ["$.b"]


def test_each_varying_place_is_proposed_once_with_the_rule_that_declares_it() -> None:
    found = noise_between(FIRST, SECOND, "GET /items")

    assert [(item.aspect, item.declaration()) for item in found] == [
        ("header:x-request-id", 'mask_header_values = ["x-request-id"]'),
        ("body $.items[*].at", 'mask_json_paths = ["$.items[*].at"] with keep = "format"'),
    ]


def test_a_value_whose_format_varies_is_proposed_with_its_type_kept_only() -> None:
    hex_token = Observation(200, "application/json", {}, {"user": {"token": "3fa9"}})
    other = Observation(200, "application/json", {}, {"user": {"token": "b2c1"}})

    assert [item.declaration() for item in noise_between(hex_token, other, "POST /login")] == [
        'mask_json_paths = ["$.user.token"]'
    ]


def test_one_request_whose_format_varied_makes_the_whole_place_keep_its_type_only() -> None:
    times = noise_between(FIRST, SECOND, "GET /items")
    tokens = noise_between(
        Observation(200, "application/json", {}, {"items": [{"at": "1a"}]}),
        Observation(200, "application/json", {}, {"items": [{"at": "b2"}]}),
        "GET /items?page=2",
    )
    place = [item for item in [*times, *tokens] if item.aspect == "body $.items[*].at"]

    assert declaration(place) == 'mask_json_paths = ["$.items[*].at"]'


def test_two_equal_answers_propose_nothing() -> None:
    assert noise_between(FIRST, FIRST, "GET /items") == []
