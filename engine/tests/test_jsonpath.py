"""Two JSON bodies compared key by key: each place that differs, how, and both values."""

from sidebyside.jsonpath import ABSENT, PathDifference, differences, folded, map_at, matches


def test_each_differing_place_says_how_it_differs() -> None:
    reference = {"user": {"email": "x@y", "age": 3, "name": "ann", "tags": ["a"]}}
    candidate = {"user": {"age": "3", "name": "bob", "tags": ["a", "b"], "bio": None}}

    assert list(differences(reference, candidate)) == [
        PathDifference("$.user.email", "missing", "x@y", ABSENT),
        PathDifference("$.user.age", "type", 3, "3"),
        PathDifference("$.user.name", "value", "ann", "bob"),
        PathDifference("$.user.tags[1]", "added", ABSENT, "b"),
        PathDifference("$.user.bio", "added", ABSENT, None),
    ]


def test_equal_bodies_differ_nowhere() -> None:
    assert list(differences({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]})) == []


def test_a_key_that_is_not_a_name_is_quoted() -> None:
    assert [d.path for d in differences({"a b": 1}, {"a b": 2})] == ['$["a b"]']


def test_a_pattern_names_any_index_and_with_under_what_is_inside() -> None:
    assert matches("$.notes[*].createdAt", "$.notes[3].createdAt")
    assert matches("$.notes[*].createdAt", "$.notes[*].createdAt")
    assert not matches("$.notes[*].createdAt", "$.notes[3].updatedAt")
    assert not matches("$.user", "$.user.email")
    assert matches("$.user", "$.user.email", under=True)
    assert not matches("$.user", "$.username", under=True)
    assert folded("$.a[0].b[12]") == "$.a[*].b[*]"


def test_a_value_is_transformed_only_at_the_places_named() -> None:
    body = {"token": "t1", "user": {"token": "t2"}, "items": [{"at": 1}, {"at": None}]}

    assert map_at(body, ("$.user.token", "$.items[*].at"), lambda _: "X") == {
        "token": "t1",
        "user": {"token": "X"},
        "items": [{"at": "X"}, {"at": None}],
    }
