"""Verdicts: strict both ways, and an accepted difference expected only on its pairs."""

import dataclasses
import json
from collections.abc import Callable

import pytest
from sidebyside import (
    AcceptedDifference,
    Observation,
    Probe,
    explain,
    judge,
    most_serious,
    registry_of,
)
from sidebyside.verdict import DuplicateIdError, UnknownDifferenceError, versions_hold

JSON_404 = Observation(404, "application/json", {}, {"detail": "Not Found"})
HTML_404 = Observation(404, "text/html", {}, "<h1>Not Found</h1>")
JSON_422 = Observation(422, "application/json", {}, {"detail": []})
HTML = AcceptedDifference("html-errors", "HTML errors", frozenset({"content-type", "body"}))
ONLY_PORT = AcceptedDifference(
    "html-errors", "HTML errors", frozenset({"content-type", "body"}), pairs=frozenset({"old:new"})
)


def verdict(
    reference: Observation, candidate: Observation, *expected: str, pair: str = "old:new"
) -> str:
    registry = registry_of([HTML])
    return judge(probe(*expected), reference, candidate, registry, pair).verdict


def probe(*expected: str) -> Probe:
    return Probe("t", "GET", "/", differences=expected, feature="f")


def test_equal_answers_are_the_same() -> None:
    assert verdict(JSON_404, JSON_404) == "same"


def test_a_difference_nobody_accepted_is_unexpected() -> None:
    assert verdict(HTML_404, JSON_404) == "unexpected"


def test_an_accepted_difference_that_shows_is_documented() -> None:
    assert verdict(HTML_404, JSON_404, "html-errors") == "documented"


def test_an_accepted_difference_that_no_longer_shows_is_unexpected() -> None:
    assert verdict(JSON_404, JSON_404, "html-errors") == "unexpected"


def test_a_difference_beyond_the_accepted_aspects_is_unexpected() -> None:
    assert verdict(HTML_404, JSON_422, "html-errors") == "unexpected"


@pytest.mark.parametrize(
    ("reference", "pair", "expected"),
    [
        (HTML_404, "old:new", "documented"),  # applies and shows
        (JSON_404, "old:new", "unexpected"),  # applies and no longer shows
        (JSON_404, "old:compat", "same"),  # does not apply, does not show
        (HTML_404, "old:compat", "unexpected"),  # does not apply, shows anyway
    ],
)
def test_an_accepted_difference_is_expected_only_on_its_pairs(
    reference: Observation, pair: str, expected: str
) -> None:
    registry = registry_of([ONLY_PORT])
    result = judge(probe("html-errors"), reference, JSON_404, registry, pair)

    assert result.verdict == expected


def test_two_accepted_differences_with_one_id_are_refused() -> None:
    with pytest.raises(DuplicateIdError, match="html-errors"):
        registry_of([HTML, ONLY_PORT])


def test_a_probe_naming_an_unknown_difference_is_refused() -> None:
    with pytest.raises(UnknownDifferenceError, match="nowhere"):
        judge(probe("nowhere"), JSON_404, JSON_404, {}, "old:new")


def test_a_result_carries_the_probe_and_the_request_as_shown() -> None:
    result = judge(probe(), JSON_404, JSON_404, {}, "old:new", (0.1, 0.2))

    assert (result.feature, result.title, result.request) == ("f", "t", "GET /")
    assert (result.pair, result.latency) == ("old:new", (0.1, 0.2))
    assert judge(probe(), JSON_404, JSON_404, {}, request="GET / <masked>").request == (
        "GET / <masked>"
    )


def test_a_result_gives_each_side_by_its_name_in_the_pair() -> None:
    result = judge(probe(), HTML_404, JSON_404, {}, "old:new")

    assert (result.side("old"), result.side("new")) == (HTML_404, JSON_404)
    with pytest.raises(LookupError, match="no side named 'other'"):
        result.side("other")


RANKING = ("breaks clients", "visible", "wire only")
LOUD = AcceptedDifference("loud", "loud", frozenset({"status"}), impact="breaks clients")
QUIET = AcceptedDifference("quiet", "quiet", frozenset({"body"}), impact="wire only")


def test_a_case_counts_under_the_most_serious_impact_it_shows() -> None:
    registry = registry_of([LOUD, QUIET])
    both = judge(probe("quiet", "loud"), JSON_404, JSON_422, registry)
    quiet = judge(probe("quiet"), HTML_404, Observation(404, "text/html", {}, "x"), registry)

    assert most_serious(both, registry, RANKING) == "breaks clients"
    assert most_serious(quiet, registry, RANKING) == "wire only"
    # Nothing documented, nothing to rank: the same, or unexpected.
    assert most_serious(judge(probe(), JSON_404, JSON_404, registry), registry, RANKING) is None
    assert (
        most_serious(judge(probe("loud"), JSON_404, JSON_404, registry), registry, RANKING) is None
    )


NOTE = Observation(200, "application/json", {}, {"note": {"at": "+00:00", "bio": None}})
NOTE_Z = Observation(200, "application/json", {}, {"note": {"at": "Z", "bio": None}})
NOTE_Z_NO_BIO = Observation(200, "application/json", {}, {"note": {"at": "Z"}})
SUFFIX = AcceptedDifference("suffix", "+00:00 vs Z", frozenset({"$.note.at"}))


def test_an_accepted_place_covers_that_place_of_the_body() -> None:
    result = judge(probe("suffix"), NOTE, NOTE_Z, registry_of([SUFFIX]))

    assert result.verdict == "documented"


def test_a_difference_elsewhere_in_the_body_is_not_covered_by_an_accepted_place() -> None:
    result = judge(probe("suffix"), NOTE, NOTE_Z_NO_BIO, registry_of([SUFFIX]))

    assert result.verdict == "unexpected"
    assert [difference.path for difference in result.paths] == ["$.note.at", "$.note.bio"]


def test_an_accepted_place_that_no_longer_differs_is_unexpected() -> None:
    result = judge(probe("suffix"), NOTE, NOTE, registry_of([SUFFIX]))

    assert result.verdict == "unexpected"


def test_a_whole_body_accepted_difference_still_covers_every_place() -> None:
    whole = AcceptedDifference("suffix", "bodies", frozenset({"body"}))

    assert judge(probe("suffix"), NOTE, NOTE_Z_NO_BIO, registry_of([whole])).verdict == (
        "documented"
    )


def test_a_failure_names_each_differing_place_with_both_values_and_how_it_differs() -> None:
    result = judge(probe(), NOTE, NOTE_Z_NO_BIO, {}, "old:new")

    assert explain(result, {}).splitlines()[1:] == [
        "body $.note.at: old='+00:00' new='Z' (different value)",
        "body $.note.bio: old=None new=<absent> (missing from new)",
    ]


# Exact boundaries of what an accepted difference covers: each test below fails if one
# comparison in the judge is loosened or turned around.
STATUS_ONLY = AcceptedDifference("status", "status", frozenset({"status"}))
JSON_404_TEXT = Observation(404, "text/html", {}, {"detail": "Not Found"})
TRACED = Observation(404, "application/json", {"x-trace": "1"}, {"detail": "Not Found"})
TRACED_OTHER = Observation(404, "application/json", {"x-trace": "2"}, {"detail": "Not Found"})
TAGGED = Observation(404, "application/json", {"x-tag": "1"}, {"detail": "Not Found"})
TAGGED_OTHER = Observation(404, "application/json", {"x-tag": "2"}, {"detail": "Not Found"})


def judged(reference: Observation, candidate: Observation, *entries: AcceptedDifference) -> str:
    names = [entry.id for entry in entries]
    return judge(probe(*names), reference, candidate, registry_of(entries)).verdict


def test_an_accepted_status_does_not_cover_a_content_type_that_differs() -> None:
    assert judged(JSON_404, JSON_404_TEXT, STATUS_ONLY) == "unexpected"


def test_an_accepted_header_covers_that_header_whatever_the_case_it_was_registered_in() -> None:
    trace = AcceptedDifference("trace", "trace", frozenset({"header:X-Trace"}))

    assert judged(TRACED, TRACED_OTHER, trace) == "documented"


def test_an_accepted_header_covers_no_other_header() -> None:
    trace = AcceptedDifference("trace", "trace", frozenset({"header:X-Trace"}))
    # Both a header that sorts before it and one that sorts after it stay unexpected.
    before = Observation(404, "application/json", {"x-a": "1"}, {"detail": "Not Found"})
    before_other = Observation(404, "application/json", {"x-a": "2"}, {"detail": "Not Found"})

    after = Observation(404, "application/json", {"x-zed": "1"}, {"detail": "Not Found"})
    after_other = Observation(404, "application/json", {"x-zed": "2"}, {"detail": "Not Found"})

    assert judged(TAGGED, TAGGED_OTHER, trace) == "unexpected"
    assert judged(before, before_other, trace) == "unexpected"
    assert judged(after, after_other, trace) == "unexpected"
    assert judged(JSON_404, JSON_422, trace) == "unexpected"


def test_an_accepted_header_does_not_cover_a_place_in_the_body() -> None:
    tag = AcceptedDifference("tag", "tag", frozenset({"header:x-tag", "header:x-trace"}))
    reference = Observation(200, "application/json", {"x-tag": "1"}, {"a": 1})
    candidate = Observation(200, "application/json", {"x-tag": "2"}, {"a": 2})

    assert judged(reference, candidate, tag) == "unexpected"


def test_an_accepted_place_covers_what_lies_under_it() -> None:
    note = AcceptedDifference("note", "the whole note", frozenset({"$.note"}))

    assert judged(NOTE, NOTE_Z_NO_BIO, note) == "documented"


def test_a_json_body_against_a_text_body_is_judged_whole_not_place_by_place() -> None:
    text = Observation(200, "application/json", {}, "not json")
    result = judge(probe(), NOTE, text, {})

    assert result.paths == ()
    assert result.differing == ("body",)


def test_an_accepted_difference_is_hashable_and_cannot_be_changed() -> None:
    assert {HTML: "kept"}[HTML] == "kept"
    with pytest.raises(dataclasses.FrozenInstanceError):
        HTML.id = "other"  # type: ignore[misc]
    result = judge(probe(), JSON_404, JSON_404, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.verdict = "unexpected"  # type: ignore[misc]


def test_two_results_that_differ_only_in_latency_are_equal() -> None:
    registry = registry_of([HTML])
    fast = judge(probe(), JSON_404, JSON_404, registry, latency=(0.001, 0.002))
    slow = judge(probe(), JSON_404, JSON_404, registry, latency=(1.0, 2.0))

    assert fast == slow


def test_a_side_name_that_sorts_before_either_side_is_still_unknown() -> None:
    result = judge(probe(), HTML_404, JSON_404, {}, "old:new")

    for name in ("a", "n", "nex", "zzz"):
        with pytest.raises(LookupError):
            result.side(name)


def test_explaining_a_same_case_says_nothing_about_registered_differences() -> None:
    result = judge(probe(), JSON_404, JSON_404, {}, "old:new")

    assert explain(result, {}).splitlines() == ["f: t (GET /) on old:new"]


def test_a_failure_says_which_registered_difference_no_longer_shows() -> None:
    registry = registry_of([HTML, STATUS_ONLY])
    # The status differs as registered; the HTML error page no longer shows.
    only_status = Observation(422, "application/json", {}, {"detail": "Not Found"})
    result = judge(probe("html-errors", "status"), JSON_404, only_status, registry, "old:new")

    lines = explain(result, registry).splitlines()
    assert "registered as html-errors, which no longer shows" in lines
    assert "registered as status, which no longer shows" not in lines
    assert not any("both apps now agree" in line for line in lines)


def test_a_failure_says_when_both_apps_now_agree() -> None:
    registry = registry_of([HTML])
    result = judge(probe("html-errors"), JSON_404, JSON_404, registry, "old:new")

    assert explain(result, registry).splitlines()[1:] == [
        "registered as html-errors but both apps now agree"
    ]


def test_a_failure_names_every_aspect_besides_the_places_of_the_body() -> None:
    reference = Observation(200, "application/json", {}, {"a": 1})
    candidate = Observation(201, "application/json", {"x-extra": "1"}, {"a": 2})
    result = judge(probe(), reference, candidate, {}, "old:new")

    assert explain(result, {}).splitlines()[1:] == [
        "status: old=200 new=201",
        "body $.a: old=1 new=2 (different value)",
        "header:x-extra: old=None new='1'",
    ]


def test_a_whole_body_entry_read_from_a_data_file_covers_every_place() -> None:
    # Aspects read from a file are strings made at run time, never the literals of the code.
    whole = AcceptedDifference("suffix", "bodies", frozenset(json.loads('["body"]')))

    assert judge(probe("suffix"), NOTE, NOTE_Z_NO_BIO, registry_of([whole])).verdict == (
        "documented"
    )


def installed(versions: dict[str, str]) -> Callable[[str], str | None]:
    return versions.get


def test_an_entry_bound_to_releases_is_expected_only_where_they_are_installed() -> None:
    on_old = installed({"starlette": "0.46.2"})
    assert versions_hold(["starlette<0.47"], on_old)
    assert not versions_hold(["starlette>=0.47"], on_old)
    assert not versions_hold(["starlette>=0.40", "flask<3"], on_old)  # flask is not installed


def test_a_release_candidate_installed_counts_as_its_release_within_a_range() -> None:
    # A team trying a framework's release candidate meets the differences of that release.
    assert versions_hold(["starlette>=1"], installed({"starlette": "1.1.0rc1"}))


def test_an_entry_out_of_its_release_range_is_unexpected_where_it_would_have_shown() -> None:
    never_installed = AcceptedDifference(
        "html-errors",
        "HTML errors",
        frozenset({"content-type", "body"}),
        versions=frozenset({"a-package-nobody-installs>=1"}),
    )
    result = judge(
        probe("html-errors"), HTML_404, JSON_404, registry_of([never_installed]), "old:new"
    )
    assert result.differences == ()
    assert result.verdict == "unexpected"


def test_an_entry_within_its_release_range_is_judged_as_usual() -> None:
    current = AcceptedDifference(
        "html-errors",
        "HTML errors",
        frozenset({"content-type", "body"}),
        versions=frozenset({"pytest>=1"}),
    )
    result = judge(probe("html-errors"), HTML_404, JSON_404, registry_of([current]), "old:new")
    assert result.verdict == "documented"
