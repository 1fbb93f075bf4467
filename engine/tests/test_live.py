"""The live runner: both sides on real servers (free ports), the suite against them, both
stopped."""

import shutil
import sys
from pathlib import Path

import pytest
from sidebyside.live import (
    Health,
    ServerError,
    free_port,
    main,
    port_is_free,
    serving,
    start,
    stopped_cleanly,
)

# The example package is imported from engine/, the folder that holds it.
ENGINE = Path(__file__).parents[1]
EXAMPLE = ENGINE / "examples" / "shop" / "shop.sidebyside.toml"


def server(factory: str) -> str:
    """A command that serves the example shop's `factory` with wsgiref on {port}."""
    return (
        f"{sys.executable} -c \"import sys; sys.path.insert(0, '{ENGINE}'); "
        "from wsgiref.simple_server import make_server; "
        f"from examples.shop.flask_shop import {factory} as f; "
        "make_server('127.0.0.1', {port}, f()).serve_forever()\""
    )


def test_the_example_pair_passes_on_real_servers(capfd: pytest.CaptureFixture[str]) -> None:
    uvicorn = (
        f"{sys.executable} -m uvicorn --factory examples.shop.fastapi_shop:create_app "
        f"--app-dir {ENGINE} --port {{port}} --log-level warning"
    )
    status = main(
        [
            *("--reference", server("create_app"), "--candidate", uvicorn),
            *("--health", "/items", str(EXAMPLE), "-q", "-p", "no:cacheprovider"),
        ]
    )

    assert status == 0
    assert "15 passed" in capfd.readouterr().out


def test_a_pair_that_no_longer_differs_fails_on_real_servers(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # The Flask shop on both sides: every accepted difference must then fail to show.
    status = main(
        [
            "--reference",
            server("create_app"),
            "--candidate",
            server("create_app"),
            "--health",
            "/items",
            str(EXAMPLE),
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "probes",
        ]
    )

    output = capfd.readouterr().out
    assert status == 1
    # Three probes expect a difference that a shop against itself does not show.
    assert "3 failed, 4 passed" in output
    assert "registered as html-not-found but both apps now agree" in output


def test_a_server_that_exits_is_reported_not_waited_for() -> None:
    with (
        pytest.raises(ServerError, match="exited with 3"),
        serving(f"{sys.executable} -c 'import sys; sys.exit(3)'"),
    ):
        pass


def test_a_command_that_is_not_there_is_reported_not_raised_raw() -> None:
    with pytest.raises(ServerError, match="cannot start"), serving("no-such-server-xyz {port}"):
        pass


def test_a_server_is_ready_only_when_its_health_check_says_so(tmp_path: Path) -> None:
    """A server that answers 404 is up, but not ready for a caller that wants a 200; it is
    stopped, and the error carries the end of its log."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"

    with pytest.raises(ServerError, match=r"did not answer .*/missing(.|\n)*GET /missing"):
        start(
            [*command, "--directory", str(tmp_path)],
            url,
            name="files",
            health="/missing",
            ready=lambda status: status == 200,
            log=log,
            timeout=3.0,
        )

    assert port_is_free(port)
    server = start([*command, "--directory", str(tmp_path)], url, health="/missing", log=log)
    try:
        assert not port_is_free(port)
        assert server.log_tail(1).endswith('"GET /missing HTTP/1.1" 404 -')
    finally:
        assert stopped_cleanly(server.terminate())


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("/health", Health("GET", "/health", None)),
        ("head /up", Health("HEAD", "/up", None)),
        ("GET /health 204", Health("GET", "/health", 204)),
    ],
)
def test_a_health_check_is_a_path_or_a_method_a_path_and_a_status(
    text: str, health: Health
) -> None:
    assert Health.parse(text) == health


def test_a_health_check_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\[METHOD\] /PATH \[STATUS\]"):
        Health.parse("GET health")


def test_a_health_check_with_a_status_waits_for_that_status(tmp_path: Path) -> None:
    # http.server answers 404 for a missing file: up, but not the 200 asked for.
    command = f"{sys.executable} -m http.server --bind 127.0.0.1 {{port}} -d {tmp_path}"
    with (
        pytest.raises(ServerError, match=r"did not answer GET .*/missing .*\(last answer 404\)"),
        serving(command, "GET /missing 200", timeout=2.0),
    ):
        pass


def test_a_start_command_runs_through_the_shell_and_stops_with_its_children(
    tmp_path: Path,
) -> None:
    # Resetting a database before the start needs a shell: `&&`, then the server as a child.
    marker = tmp_path / "reset"
    command = (
        f"touch {marker} && {sys.executable} -m http.server --bind 127.0.0.1 {{port}} -d {tmp_path}"
    )
    with serving(command, "/") as url:
        assert marker.exists()
        port = int(url.rpartition(":")[2])
        assert not port_is_free(port)
    assert port_is_free(port)


def test_server_output_goes_to_files_named_when_the_run_fails(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs"
    status = main(
        [
            *("--reference", server("create_app"), "--candidate", server("create_app")),
            *("--health", "/items", "--sbs-server-logs", str(logs), str(EXAMPLE)),
            *("-q", "-p", "no:cacheprovider", "-k", "unknown"),
        ]
    )

    output = capfd.readouterr().out
    assert status == 1
    assert f"the servers' output: {logs}/reference.log, {logs}/candidate.log" in output
    # wsgiref's access lines went to the files, not into pytest's output.
    assert '"GET /items/99 HTTP/1.1" 404' in (logs / "candidate.log").read_text()
    assert '"GET /items/99 HTTP/1.1"' not in output


NOTES = ENGINE / "examples" / "notes" / "notes.sidebyside.toml"


def test_live_noise_finding_starts_a_second_reference_and_finds_noise_born_in_writes(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    text = NOTES.read_text()
    # The notes suite as a new user starts it: no noise rules, no sides in the file.
    bare = text[text.index("[[accepted]]") :]
    (tmp_path / "notes.sidebyside.toml").write_text(bare)
    shutil.copy(NOTES.parent / "notes.har", tmp_path / "notes.har")
    gunicorn = (
        f"{sys.executable} -m gunicorn --chdir {ENGINE} -b 127.0.0.1:{{port}} "
        "'examples.notes.flask_notes:create_app()'"
    )
    uvicorn = (
        f"{sys.executable} -m uvicorn --factory examples.notes.fastapi_notes:create_app "
        f"--app-dir {ENGINE} --port {{port}}"
    )

    status = main(
        [
            *("--reference", gunicorn, "--candidate", uvicorn, "--health", "GET /notes 200"),
            *(str(tmp_path / "notes.sidebyside.toml"), "-q", "-p", "no:cacheprovider"),
            *("--sbs-find-noise", "--rootdir", str(tmp_path)),
        ]
    )

    output = capfd.readouterr().out
    assert status == 1  # the login's token differs: undeclared noise
    assert 'body $.user.token: mask_json_paths = ["$.user.token"]' in output
    assert (
        'body $.note.createdAt: mask_json_paths = ["$.note.createdAt"] with keep = "format"'
        in output
    )
    assert "no second one was given" not in output
