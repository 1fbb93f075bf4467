"""The Node.js and Go hellos: run like the servers, on the hello alone, and reported as ratios."""

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest

from parity_tests.ci import require
from tools.bench import reference, report
from tools.bench.servers import launch, wait_until_ready
from tools.bench.subjects import SUBJECTS, Subject, subject
from tools.bench.workloads import WORKLOADS


def _row(markdown: str, first_cell: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {first_cell} |"))


def test_the_reference_hellos_run_the_hello_workload_only() -> None:
    for key in ("node-http@node", "go-http@go"):
        runs = [w.key for w in WORKLOADS if w.runs_on(subject(key))]
        assert runs == ["hello"], key


def test_the_reference_hellos_are_recorded_as_reference_subjects_named_as_the_ledger_reads() -> (
    None
):
    references = {s.key: s for s in SUBJECTS if s.app.kind == "reference"}
    assert set(references) == {"node-http@node", "go-http@go"}
    assert {(s.app.key, s.server.key) for s in references.values()} == {
        ("node-http", "node"),
        ("go-http", "go"),
    }


def test_each_reference_program_takes_the_port_as_its_last_argument() -> None:
    node, go = subject("node-http@node"), subject("go-http@go")
    assert node.server.command(node.app, 8123) == ["node", node.app.target, "8123"]
    assert Path(node.app.target).name == "hello.js"
    assert go.server.command(go.app, 8123) == [reference.GO_BINARY, "8123"]


def test_the_report_divides_each_python_hello_by_each_reference_within_each_round(
    run: dict[str, Any],
) -> None:
    section = report.render(run).split("### Against Node.js and Go")[1]
    # bare FastAPI ÷ Node per round: 0.20, 0.30, 0.25; ÷ Go: 0.10, 0.12, 0.15.
    assert _row(section, "bare FastAPI on uvicorn").endswith(
        "| 0.25 (0.20-0.30) | 0.12 (0.10-0.15) |"
    )
    assert _row(section, "Go net/http").startswith("| Go net/http | 20,000 (20,000-20,000) |")
    assert "serves 0.25 of Node.js http's and 0.12 of Go net/http's" in section


def test_a_failed_reference_round_is_left_out_of_its_ratios(run: dict[str, Any]) -> None:
    for result in run["results"]:
        if (result["subject"], result["round"]) == ("node-http@node", 2):
            result.update(failed=True, reasons=["3 socket errors"])
    section = report.render(run).split("### Against Node.js and Go")[1]
    # Rounds 1 and 3 only: 0.20 and 0.25.
    assert _row(section, "bare FastAPI on uvicorn").endswith(
        "| 0.23 (0.20-0.25) | 0.12 (0.10-0.15) |"
    )
    assert "1/3 rounds failed" in _row(section, "Node.js http")


def test_a_run_without_reference_subjects_has_no_reference_table(run: dict[str, Any]) -> None:
    run["results"] = [r for r in run["results"] if r["server"] not in ("node", "go")]
    assert "Against Node.js and Go" not in report.render(run)


def test_building_go_without_go_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(reference.ReferenceError, match="make go"):
        reference.build_go(tmp_path)


@contextmanager
def _serving(reference_subject: Subject, tmp_path: Path) -> Iterator[str]:
    environment = {"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"}
    server = launch(reference_subject, environment, tmp_path / "log", cpu=None)
    try:
        wait_until_ready(server, timeout_s=30.0)
        yield server.url
    finally:
        server.stop()
    assert not server.alive()


@pytest.mark.parametrize("key", ["node-http@node", "go-http@go"])
def test_each_reference_hello_answers_the_twins_hello_and_404_elsewhere(
    key: str, tmp_path: Path
) -> None:
    needed = "go" if key == "go-http@go" else "node"
    if shutil.which(needed) is None:
        require(
            f"{needed} is not installed (`make go` and `make node` install them)",
            "CI measures against both references, so both must run",
        )
    if needed == "go":
        reference.build_go(tmp_path / "bin")
    with _serving(subject(key), tmp_path) as url:
        hello = httpx2.get(url + "/", timeout=5.0)
        other = httpx2.get(url + "/employees", timeout=5.0)
    assert (hello.status_code, hello.headers["content-type"]) == (200, "application/json")
    assert json.loads(hello.content) == {"Hello": "World"}
    assert other.status_code == 404


def test_the_readme_summary_holds_bare_fastapi_against_node_and_go(run: dict[str, Any]) -> None:
    text = report.summary_sentences(run)
    assert "A bare FastAPI hello serves 0.25 of Node.js's `http` and 0.12 of Go's `net/http`" in (
        text
    )
