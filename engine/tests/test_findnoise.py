"""Noise found by asking the reference twice: each varying place once, with its declaration."""

from sidebyside import Observation
from sidebyside.findnoise import json_paths, noise_between

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
        ("body $.items[*].at", 'mask_json_keys = ["at"]'),
    ]


def test_two_equal_answers_propose_nothing() -> None:
    assert noise_between(FIRST, FIRST, "GET /items") == []
