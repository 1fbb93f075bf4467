"""The registry and the verdicts hold the suite to account: these check the checkers."""

from dataclasses import replace

import pytest
from sidebyside import AcceptedDifference, Probe, judge, registry_of
from sidebyside.verdict import DuplicateIdError

from parity_tests.differential.cases import every_probe
from parity_tests.normalise import Observation
from parity_tests.registry import IMPACT_RULES, REGISTRY
from parity_tests.sides import DEFAULT_PAIR

ALL_PROBES = every_probe()
TWINS = DEFAULT_PAIR.name

JSON_404 = Observation(404, "application/json", {}, {"detail": "Not Found"})
HTML_404 = Observation(404, "text/html;charset=utf-8", {}, "<h1>Not Found</h1>")
HTML_405 = Observation(405, "text/html;charset=utf-8", {}, "<h1>Method Not Allowed</h1>")


def probe_expecting(*differences: str) -> Probe:
    return Probe("an unknown path", "GET", "/nowhere", feature="routing", differences=differences)


def test_two_equal_responses_are_the_same() -> None:
    assert judge(probe_expecting(), JSON_404, JSON_404, REGISTRY, TWINS).verdict == "same"


def test_an_unregistered_difference_is_unexpected() -> None:
    assert judge(probe_expecting(), HTML_404, JSON_404, REGISTRY, TWINS).verdict == "unexpected"


def test_a_registered_difference_that_shows_is_documented() -> None:
    result = judge(probe_expecting("werkzeug-html-errors"), HTML_404, JSON_404, REGISTRY, TWINS)
    assert result.verdict == "documented"
    assert result.differing == ("content-type", "body")


def test_a_registered_difference_that_no_longer_shows_is_unexpected() -> None:
    assert judge(
        probe_expecting("werkzeug-html-errors"), JSON_404, JSON_404, REGISTRY, TWINS
    ).verdict == ("unexpected")


def test_a_probe_naming_two_differences_is_unexpected_when_only_one_shows() -> None:
    probe = probe_expecting("werkzeug-html-errors", "allow-header-per-route")

    assert judge(probe, HTML_404, JSON_404, REGISTRY, TWINS).verdict == "unexpected"


def test_a_probe_naming_two_differences_is_documented_when_both_show() -> None:
    probe = probe_expecting("werkzeug-html-errors", "allow-header-per-route")
    flask = Observation(405, "text/html;charset=utf-8", {"allow": "GET, POST"}, "<h1>405</h1>")
    fastapi = Observation(405, "application/json", {"allow": "GET"}, {"detail": "405"})

    assert judge(probe, flask, fastapi, REGISTRY, TWINS).verdict == "documented"


def test_two_registry_entries_with_one_id_are_refused() -> None:
    entry = REGISTRY["admin-ui"]

    with pytest.raises(DuplicateIdError, match="admin-ui"):
        registry_of([entry, replace(entry, title="a second entry under the same id")])


def test_a_difference_beyond_what_the_entry_covers_is_unexpected() -> None:
    # The status is not among werkzeug-html-errors' aspects.
    assert judge(
        probe_expecting("werkzeug-html-errors"), HTML_405, JSON_404, REGISTRY, TWINS
    ).verdict == ("unexpected")


@pytest.mark.parametrize("probe", ALL_PROBES, ids=lambda probe: probe.title)
def test_every_difference_a_probe_names_is_registered(probe: Probe) -> None:
    assert set(probe.differences) <= set(REGISTRY)


def test_every_registered_difference_is_probed() -> None:
    probed = {name for probe in ALL_PROBES for name in probe.differences}
    assert set(REGISTRY) - probed == set()


def test_probe_titles_are_unique_so_report_rows_are_too() -> None:
    titles = [(probe.feature, probe.title) for probe in ALL_PROBES]
    assert len(titles) == len(set(titles))


def incomplete_parts(entry: AcceptedDifference) -> list[str]:
    """What an entry leaves unsaid: what each does, why, the bridge, a reference, the aspects
    it may change, and what a client would notice (an impact class and its reason)."""
    texts = ("title", "reference_does", "candidate_does", "why", "bridge", "impact_reason")
    missing = [name for name in texts if not getattr(entry, name).strip()]
    missing += [] if entry.link.startswith("https://") else ["link"]
    missing += [] if entry.aspects else ["aspects"]
    missing += [] if entry.impact in IMPACT_RULES else ["impact"]
    return missing


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=lambda entry: entry.id)
def test_every_entry_says_what_each_does_why_how_to_bridge_what_clients_notice(
    entry: AcceptedDifference,
) -> None:
    assert incomplete_parts(entry) == []


def test_an_entry_without_an_impact_or_its_reason_is_incomplete() -> None:
    entry = replace(REGISTRY["admin-ui"], impact="harmless", impact_reason=" ")

    assert incomplete_parts(entry) == ["impact_reason", "impact"]


# An entry may be restricted to some pairs: where it applies it must show, elsewhere it must not.
ONLY_TWINS = frozenset({"flask:fastapi"})


@pytest.fixture
def html_errors_only_between_the_twins(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = replace(REGISTRY["werkzeug-html-errors"], pairs=ONLY_TWINS)
    monkeypatch.setitem(REGISTRY, entry.id, entry)


@pytest.mark.usefixtures("html_errors_only_between_the_twins")
def test_an_entry_restricted_to_a_pair_that_shows_there_is_documented() -> None:
    result = judge(
        probe_expecting("werkzeug-html-errors"), HTML_404, JSON_404, REGISTRY, "flask:fastapi"
    )

    assert (result.verdict, result.differences) == ("documented", ("werkzeug-html-errors",))


@pytest.mark.usefixtures("html_errors_only_between_the_twins")
def test_an_entry_restricted_to_a_pair_that_no_longer_shows_there_is_unexpected() -> None:
    result = judge(
        probe_expecting("werkzeug-html-errors"), JSON_404, JSON_404, REGISTRY, "flask:fastapi"
    )

    assert result.verdict == "unexpected"


@pytest.mark.usefixtures("html_errors_only_between_the_twins")
def test_an_entry_for_other_pairs_is_not_expected_where_it_does_not_apply() -> None:
    result = judge(
        probe_expecting("werkzeug-html-errors"), JSON_404, JSON_404, REGISTRY, "flask:compat"
    )

    assert (result.verdict, result.differences) == ("same", ())


@pytest.mark.usefixtures("html_errors_only_between_the_twins")
def test_an_entry_for_other_pairs_that_shows_anyway_is_unexpected() -> None:
    result = judge(
        probe_expecting("werkzeug-html-errors"), HTML_404, JSON_404, REGISTRY, "flask:compat"
    )

    assert (result.verdict, result.differences) == ("unexpected", ())


def test_an_entry_without_pairs_applies_to_every_pair() -> None:
    entry = replace(REGISTRY["admin-ui"], pairs=None)

    assert entry.applies_to("flask:fastapi")
    assert entry.applies_to("anything:else")


def test_an_entrys_pairs_may_be_patterns() -> None:
    entry = replace(REGISTRY["admin-ui"], pairs=frozenset({"flask:strangler*"}))

    assert entry.applies_to("flask:strangler-50")
    assert not entry.applies_to("flask:fastapi")
    assert not entry.applies_to("fastapi:strangler")


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=lambda entry: entry.id)
def test_every_entry_applies_to_some_pair_it_can_be_probed_on(entry: AcceptedDifference) -> None:
    # An entry restricted to no pair would never be expected anywhere: dead weight.
    assert entry.pairs is None or entry.pairs
