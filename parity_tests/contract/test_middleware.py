import httpx2
import pytest

from parity_tests.contract.helpers import add_get_route
from parity_tests.sides import Side, build_app, client_for


@pytest.mark.parametrize("path", ["/", "/employees", "/no-such-page", "/static/style.css"])
def test_every_response_carries_its_process_time_in_seconds(
    client: httpx2.Client, path: str
) -> None:
    response = client.get(path)

    assert float(response.headers["x-process-time"]) >= 0


def raise_an_unexpected_error() -> str:
    raise RuntimeError("a bug in a view")


def test_an_unhandled_error_is_a_500_that_carries_its_process_time_where_the_timer_reaches_it(
    side: Side,
) -> None:
    if side.live:
        pytest.skip("needs a route that raises, added to an app built in-process")
    app = build_app(side.name, side.settings)
    add_get_route(app, "/boom", raise_an_unexpected_error)

    with client_for(app) as client:
        response = client.get("/boom")

    assert response.status_code == 500
    assert "a bug in a view" not in response.text
    if side.name == "fastapi":
        # ServerErrorMiddleware is outside the timer (process-time-outside-server-errors).
        assert "x-process-time" not in response.headers
    else:
        assert float(response.headers["x-process-time"]) >= 0
