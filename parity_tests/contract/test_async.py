import time

import httpx2

from parity_tests.contract.helpers import validation_status
from parity_tests.sides import Side


def test_async_waits_the_delay_it_was_given(client: httpx2.Client) -> None:
    started = time.monotonic()

    response = client.get("/async", params={"delay": 0.2})

    assert response.status_code == 200
    assert response.json() == {"waited": 0.2}
    assert time.monotonic() - started >= 0.2


def test_async_refuses_a_delay_over_its_bound(client: httpx2.Client, side: Side) -> None:
    response = client.get("/async", params={"delay": 60})

    assert response.status_code == validation_status(side)
