import httpx2
import pytest


@pytest.mark.parametrize("path", ["/", "/employees", "/no-such-page", "/static/style.css"])
def test_every_response_carries_its_process_time_in_seconds(
    client: httpx2.Client, path: str
) -> None:
    response = client.get(path)

    assert float(response.headers["x-process-time"]) >= 0
