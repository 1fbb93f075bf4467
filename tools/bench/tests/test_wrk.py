import json

import pytest

from tools.bench.workloads import workload
from tools.bench.wrk import WrkError, parse_summary, request_environment

SUMMARY = {
    "duration_us": 2_000_000,
    "requests": 5000,
    "bytes": 100_000,
    "errors": {"connect": 1, "read": 2, "write": 3, "status": 4, "timeout": 5},
    "latency_us": {"mean": 1500.0, "max": 9000, "p50": 1000, "p90": 2000, "p99": 8000},
}


def test_the_summary_written_by_the_lua_script_becomes_a_result() -> None:
    result = parse_summary(json.dumps(SUMMARY), cpu_s=0.5)
    assert result.requests_per_s == 2500
    assert result.errors.socket == 1 + 2 + 3 + 5
    assert result.errors.status == 4
    assert (result.p50_ms, result.p99_ms) == (1.0, 8.0)
    assert result.cpu_share == 0.25


@pytest.mark.parametrize("text", ["", "Running 1s test", json.dumps({"requests": 1})])
def test_anything_but_the_scripts_summary_is_refused(text: str) -> None:
    with pytest.raises(WrkError):
        parse_summary(text, cpu_s=0.0)


def test_a_write_sends_its_body_as_json_with_a_fresh_email_each_time() -> None:
    environment = request_environment(workload("create"), unique_tag="r1-x")
    assert environment["BENCH_METHOD"] == "POST"
    assert environment["BENCH_CONTENT_TYPE"] == "application/json"
    assert "{email}" in environment["BENCH_BODY"]
    assert environment["BENCH_UNIQUE_EMAIL"] == "r1-x"


def test_a_read_sends_no_body() -> None:
    assert request_environment(workload("hello"), unique_tag="t") == {"BENCH_METHOD": "GET"}
