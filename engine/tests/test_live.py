"""The live runner: both sides on real servers (free ports), the suite against them, both
stopped."""

import sys
from pathlib import Path

import pytest
from sidebyside.live import (
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
