"""What an orchestrator does to the servers: stop them with SIGTERM, start them again."""

import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from parity_tests.contract.helpers import new_employee
from parity_tests.servers import stopped_cleanly
from tests.deploy.conftest import StartServer

IN_FLIGHT_SECONDS = 3.0


@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_sigterm_lets_a_request_in_flight_finish_with_its_response(
    start_server: StartServer, name: str
) -> None:
    sent = threading.Event()
    with (
        start_server(name) as server,
        httpx2.Client(base_url=server.url, timeout=30) as client,
        ThreadPoolExecutor(1) as pool,
    ):
        # A connection a worker has already accepted: the request below is then in the
        # server's hands once sent, not waiting in the listen backlog that SIGTERM closes.
        client.get("/health")
        client.event_hooks["request"] = [lambda _: sent.set()]
        in_flight = pool.submit(client.get, f"/async?delay={IN_FLIGHT_SECONDS}")
        assert sent.wait(10)
        time.sleep(IN_FLIGHT_SECONDS / 2)
        server.process.send_signal(signal.SIGTERM)

        response = in_flight.result()
        exit_status = server.process.wait(30)

    assert response.status_code == 200
    assert response.json() == {"waited": IN_FLIGHT_SECONDS}
    assert stopped_cleanly(exit_status), exit_status
    with pytest.raises(httpx2.ConnectError):
        httpx2.get(f"{server.url}/health")


def test_data_written_before_a_restart_of_both_servers_is_still_there(
    start_server: StartServer,
) -> None:
    with start_server("flask") as flask:
        created = httpx2.post(f"{flask.url}/employees", json=new_employee()).json()

    with start_server("flask") as flask, start_server("fastapi") as fastapi:
        after_restart = [
            httpx2.get(f"{server.url}/employees/{created['id']}").json()
            for server in (flask, fastapi)
        ]

    assert after_restart == [created, created]
