"""The fault test's judgements, apart from Docker: each shown catching what it exists to catch."""

from collections import Counter
from typing import cast

import httpx2

from tools.containers.faults import (
    ProxyProbe,
    errors_seen,
    exactly_once_problems,
    plain,
    sent_and_acknowledged,
    unacknowledged_by_address,
)
from tools.containers.scaled_load import comparison

DONE = ("done", "2026-12-07 01:00:00.1")


def test_unacknowledged_jobs_are_summed_per_client_address() -> None:
    listing = (
        "172.18.0.7:40112 -> 172.18.0.3:5672 (1)\t0\n"
        "172.18.0.7:40112 -> 172.18.0.3:5672 (2)\t3\n"
        "172.18.0.8:51220 -> 172.18.0.3:5672 (1)\t1\n"
    )

    assert unacknowledged_by_address(listing) == {"172.18.0.7": 3, "172.18.0.8": 1}


def test_lines_that_are_not_channels_hold_no_jobs() -> None:
    assert unacknowledged_by_address("Listing channels ...\nname\tmessages_unacknowledged\n") == {}


def test_an_upload_done_once_and_left_alone_is_processed_exactly_once() -> None:
    rows = {"a": DONE}

    assert exactly_once_problems(["a"], rows, dict(rows)) == []


def test_an_accepted_upload_without_a_row_is_lost() -> None:
    assert exactly_once_problems(["a"], {}, {}) == ["upload a was accepted but has no row"]


def test_an_accepted_upload_still_pending_was_never_processed() -> None:
    pending = {"a": ("pending", "")}

    assert exactly_once_problems(["a"], pending, pending) == ["upload a is pending, not done"]


def test_an_upload_recorded_again_after_it_was_done_was_processed_twice() -> None:
    again = {"a": ("done", "2026-12-07 01:00:04.9")}

    (problem,) = exactly_once_problems(["a"], {"a": DONE}, again)
    assert problem.startswith("upload a changed after it was done")


def test_every_answer_that_is_not_a_success_is_reported_with_its_count() -> None:
    results = {
        "apps": {
            "flask": {"statuses": {"200": 900, "201": 80, "502": 3}},
            "fastapi": {"statuses": {"200": 950, "socket error": 1, "503": 2}},
        }
    }

    assert errors_seen(results) == ["flask 502: 3", "fastapi socket error: 1", "fastapi 503: 2"]


def test_writes_sent_and_acknowledged_count_every_kind_of_write_on_both_apps() -> None:
    results = {
        "requests": {
            "flask POST /employees": {"sent": 10, "failed": 1},
            "fastapi PATCH /employees/{id}": {"sent": 5, "failed": 0},
            "flask GET /employees": {"sent": 99, "failed": 9},
        }
    }

    assert sent_and_acknowledged(results, ("POST /employees", "PATCH /employees/{id}")) == (15, 14)


def test_the_load_comparison_puts_each_apps_figures_side_by_side() -> None:
    def run(flask: float, fastapi: float) -> dict[str, object]:
        return {
            "apps": {
                "flask": {"requests_per_second": flask, "p99_ms": 40.0},
                "fastapi": {"requests_per_second": fastapi, "p99_ms": 60.0},
            }
        }

    header, flask, fastapi = comparison(run(300, 400), run(200, 250))

    assert "one machine" in header
    assert "scaled" in header
    assert flask.split()[-4:] == ["300", "40", "200", "40"]
    assert fastapi.split()[-4:] == ["400", "60", "250", "60"]


def test_an_upload_is_found_by_its_id_with_or_without_hyphens() -> None:
    assert plain("200720F9-eaf1-483a-aa0e-94f94e034e83") == "200720f9eaf1483aaa0e94f94e034e83"


class ScriptedClient:
    """Answers each GET with the next of its outcomes: a status, or an error to raise."""

    def __init__(self, *outcomes: int | Exception) -> None:
        self.outcomes = list(outcomes)

    def get(self, _url: str) -> httpx2.Response:
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return httpx2.Response(outcome)


def test_a_probe_whose_connection_closed_without_an_answer_is_asked_again_once() -> None:
    probe = ProxyProbe()
    closed = httpx2.RemoteProtocolError("Server disconnected without sending a response.")

    probe.ask(cast(httpx2.Client, ScriptedClient(closed, 200)), "http://proxy")

    assert probe.answers == Counter({"200": 1})
    assert len(probe.asked_twice) == 1
    assert probe.unanswered == []


def test_a_probe_closed_twice_or_refused_is_unanswered() -> None:
    probe = ProxyProbe()
    closed = httpx2.RemoteProtocolError("Server disconnected without sending a response.")

    probe.ask(cast(httpx2.Client, ScriptedClient(closed, closed)), "http://proxy")
    probe.ask(cast(httpx2.Client, ScriptedClient(httpx2.ConnectError("refused"))), "http://proxy")

    assert len(probe.unanswered) == 2
    assert len(probe.asked_twice) == 1
    assert probe.answers == Counter()
