"""The transport report's own rules, each shown failing on the input it exists to catch."""

import re
from pathlib import Path

from parity_tests.servers import PRODUCTION_SERVERS
from tests.transport.cases import CASES
from tests.transport.deviations import DEVIATIONS
from tests.transport.notes import GUARDS, NOTES
from tests.transport.report import Outcome, check, describe, needed_by, render, unrecorded
from tests.transport.wire import Answer, Response

APP = {"x-process-time": "0.001"}


def answer(status: int, headers: dict[str, str], connection: str = "open") -> Answer:
    return Answer(responses=[Response(status, "1.1", headers, b"")], connection=connection)


def every_outcome(special: dict[tuple[str, str], Answer]) -> dict[tuple[str, str], Outcome]:
    return {
        (case.id, server.id): Outcome(
            case.id, server.id, special.get((case.id, server.id), answer(400, {})), True
        )
        for case in CASES
        for server in PRODUCTION_SERVERS
    }


def test_a_refusal_written_by_the_app_names_the_server_that_needed_the_guard() -> None:
    host_rule = GUARDS[0]
    outcomes = every_outcome({("host-twice", "uvicorn"): answer(400, APP)})

    assert needed_by(host_rule, outcomes) == ["FastAPI on uvicorn"]


def test_a_refusal_written_by_every_server_itself_needs_no_guard() -> None:
    assert needed_by(GUARDS[0], every_outcome({})) == []


def test_a_cell_says_who_answered_and_whether_the_connection_survived() -> None:
    assert describe(answer(400, {}, "reset")) == "400 by the server, closed"
    assert describe(answer(200, APP)) == "200 by the app, open"
    assert describe(Answer(connection="closed")) == "no response, closed"


def test_the_staleness_check_fails_on_a_report_that_differs_from_this_run(tmp_path: Path) -> None:
    fresh, checked_in = tmp_path / "fresh.md", tmp_path / "checked_in.md"
    fresh.write_text(render(every_outcome({})))
    checked_in.write_text(render(every_outcome({("http-1-0", "gthread"): answer(200, APP)})))

    assert check(fresh, checked_in) != []
    checked_in.write_text(fresh.read_text())
    assert check(fresh, checked_in) == []


def test_a_pair_without_an_answer_keeps_the_report_from_being_written() -> None:
    outcomes = every_outcome({})
    del outcomes[("pipelining", "uvicorn")]

    assert unrecorded(outcomes) == ["pipelining on uvicorn"]
    assert unrecorded(every_outcome({})) == []


def test_a_note_sends_the_reader_to_the_deviations_only_for_a_case_that_has_one() -> None:
    deviating = {case for case, _server in DEVIATIONS}

    pointing = [case for case, note in NOTES.items() if "see Deviations" in note]

    assert [case for case in pointing if case not in deviating] == []


ROOT = Path(__file__).resolve().parents[2]
EDGE_CASES = re.compile(r"(\d+) edge cases")


def edge_case_counts(text: str) -> list[int]:
    return [int(count) for count in EDGE_CASES.findall(text)]


def test_every_count_of_edge_cases_in_the_readme_and_docs_is_the_number_of_cases() -> None:
    stated = {
        path.relative_to(ROOT).as_posix(): counts
        for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        if (counts := edge_case_counts(path.read_text(encoding="utf-8")))
    }

    assert stated, "no document counts the edge cases: the check would pass on nothing"
    assert {path: counts for path, counts in stated.items() if set(counts) != {len(CASES)}} == {}


def test_a_count_of_edge_cases_that_drifted_is_caught() -> None:
    assert edge_case_counts("a client that sends 18 edge cases of RFC 9112") != [len(CASES)]
