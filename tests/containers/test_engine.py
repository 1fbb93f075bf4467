import os
import subprocess
import time
from pathlib import Path

import pytest

from tools.containers.engine import (
    EngineError,
    EnginePaths,
    check_paths,
    client_environment,
    dockerd_argv,
)


def test_the_engine_keeps_everything_under_its_own_directory(tmp_path: Path) -> None:
    paths = EnginePaths(tmp_path / "engine")
    argv = dockerd_argv(paths)

    for option in ("--data-root", "--exec-root", "--pidfile"):
        (value,) = [arg.split("=", 1)[1] for arg in argv if arg.startswith(f"{option}=")]
        assert Path(value).is_relative_to(paths.root)
    assert f"--host=unix://{paths.socket}" in argv


def test_the_engine_changes_neither_the_host_bridge_nor_its_firewall(tmp_path: Path) -> None:
    argv = dockerd_argv(EnginePaths(tmp_path))

    assert {"--bridge=none", "--iptables=false", "--ip-forward=false"} <= set(argv)


def test_clients_talk_to_our_engine_alone_with_an_empty_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_CONTEXT", "somewhere-else")
    monkeypatch.setenv("DOCKER_TLS_VERIFY", "1")
    monkeypatch.setenv("COMPOSE_FILE", "other.yml")
    paths = EnginePaths(tmp_path)

    env = client_environment(paths)

    assert env["DOCKER_HOST"] == f"unix://{paths.socket}"
    assert env["DOCKER_CONFIG"] == str(paths.client_config)
    assert not {"DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "COMPOSE_FILE"} & set(env)
    assert env["PATH"] == os.environ["PATH"]


def test_a_data_directory_too_deep_for_a_unix_socket_is_refused(tmp_path: Path) -> None:
    paths = EnginePaths(tmp_path / ("d" * 100))

    with pytest.raises(EngineError, match="longer than a Unix socket path"):
        check_paths(paths)


def test_a_stale_pidfile_is_cleared(tmp_path: Path) -> None:
    paths = EnginePaths(tmp_path)
    # This process is alive but is no dockerd: the pidfile is a leftover.
    paths.pidfile.write_text(f"{os.getpid()}\n")

    check_paths(paths)

    assert not paths.pidfile.exists()


def test_a_dockerd_still_running_on_the_same_data_is_refused(tmp_path: Path) -> None:
    paths = EnginePaths(tmp_path)
    dockerd = tmp_path / "dockerd"
    # A process whose command name is dockerd: a copy of sleep, named so.
    sleep = Path("/bin/sleep").read_bytes()
    dockerd.write_bytes(sleep)
    dockerd.chmod(0o755)
    process = subprocess.Popen([dockerd, "30"])
    try:
        # The name is the new one only once the child has exec'd.
        comm = Path(f"/proc/{process.pid}/comm")
        deadline = time.monotonic() + 10
        while comm.read_text().strip() != "dockerd" and time.monotonic() < deadline:
            time.sleep(0.01)
        paths.pidfile.write_text(f"{process.pid}\n")
        with pytest.raises(EngineError, match=f"still uses .* as PID {process.pid}"):
            check_paths(paths)
    finally:
        process.kill()
        process.wait(10)
