"""Report pieces a project with its own report reuses: a case's row, an accepted difference's
section."""

from sidebyside import AcceptedDifference, Observation, Probe, judge, registry_of
from sidebyside.report import accepted_entry, row

HTML_404 = Observation(404, "text/html", {}, "<title>404 Not Found</title>")
JSON_404 = Observation(404, "application/json", {}, {"detail": "Not Found"})
HTML = AcceptedDifference(
    "html-errors",
    "HTML errors",
    frozenset({"content-type", "body"}),
    reference_does="an HTML page",
    candidate_does="JSON",
    why="Werkzeug renders HTML.",
    link="https://example.com/errors",
)
REGISTRY = registry_of([HTML])
CASE = judge(
    Probe("missing", "GET", "/missing|x", differences=("html-errors",)),
    HTML_404,
    JSON_404,
    REGISTRY,
    latency=(0.001, 0.0025),
)


def test_a_row_shows_the_request_both_answers_the_verdict_and_the_latency() -> None:
    assert row(CASE) == (
        '| missing | `GET /missing\\|x` | 404 text/html; page "404 Not Found" | '
        '404 application/json; detail "Not Found" | '
        "documented difference: [html-errors](#html-errors) | 1.0 / 2.5 |"
    )


def test_a_row_leaves_the_latency_out_when_asked() -> None:
    assert row(CASE, latency=False) == row(CASE).rsplit(" | ", 1)[0] + " |"


def test_an_accepted_difference_shows_only_the_parts_it_has() -> None:
    lines = accepted_entry(HTML, ("old", "new"), ["missing"])

    assert lines == [
        '### <a id="html-errors"></a>html-errors: HTML errors',
        "",
        "- **old**: an HTML page",
        "- **new**: JSON",
        "- **Why**: Werkzeug renders HTML.",
        "- **Reference**: <https://example.com/errors>",
        "- **Compared aspects it may change**: body, content-type",
        "- **Seen in**: missing",
        "",
    ]


def test_an_entry_bound_to_releases_says_which() -> None:
    entry = AcceptedDifference(
        "old-html", "HTML errors", frozenset({"body"}), versions=frozenset({"flask<3.1"})
    )

    lines = accepted_entry(entry, ("old", "new"), [])

    assert "- **Releases**: only where `flask<3.1` (installed here or not)" in lines
    assert not any("Releases" in line for line in accepted_entry(HTML, ("old", "new"), []))


def test_a_migration_entry_shows_its_bridge_and_impact_and_any_extra_line() -> None:
    entry = AcceptedDifference(
        "html-errors",
        "HTML errors",
        frozenset({"body"}),
        why="Werkzeug renders HTML.",
        bridge="An error handler that answers JSON.",
        impact="breaks clients",
        impact_reason="A client parses the JSON of a 404.",
    )

    lines = accepted_entry(entry, ("old", "new"), [], ["- **In a browser**: the same"])

    assert lines[2:] == [
        "- **Why**: Werkzeug renders HTML.",
        "- **Bridge**: An error handler that answers JSON.",
        "- **Impact**: breaks clients. A client parses the JSON of a 404.",
        "- **Compared aspects it may change**: body",
        "- **Seen in**: no case in this run",
        "- **In a browser**: the same",
        "",
    ]
