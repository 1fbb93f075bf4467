"""Evidence links: a missing file or anchor is caught."""

from tools.claims.ledger import Link
from tools.claims.links import broken, slug


def test_a_link_to_a_file_of_the_repository_resolves() -> None:
    assert broken(Link("the Makefile", "Makefile")) is None


def test_a_link_to_a_missing_file_is_broken() -> None:
    assert broken(Link("gone", "docs/nowhere.md")) == "docs/nowhere.md: no such file"


def test_a_link_to_a_heading_or_a_named_anchor_resolves() -> None:
    assert broken(Link("a feature", "docs/parity.md#validation")) is None
    assert broken(Link("an entry", "docs/parity.md#path-converter-mismatch")) is None


def test_a_link_to_a_missing_anchor_is_broken() -> None:
    reason = broken(Link("a lost entry", "docs/parity.md#no-such-difference"))

    assert reason == (
        "docs/parity.md#no-such-difference: no anchor #no-such-difference in docs/parity.md"
    )


def test_a_heading_anchor_is_lower_case_with_hyphens_and_no_punctuation() -> None:
    assert slug("What matters most, for an API client?") == "what-matters-most-for-an-api-client"
