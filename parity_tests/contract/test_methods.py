import httpx2
import pytest


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_methods_echoes_the_verb_it_was_called_with(client: httpx2.Client, method: str) -> None:
    response = client.request(method, "/methods")

    assert response.status_code == 200
    assert response.json() == {"method": method}


def test_methods_refuses_a_verb_it_does_not_serve(client: httpx2.Client) -> None:
    response = client.delete("/methods")

    assert response.status_code == 405
    # Both name GET; only Flask also names POST, which FastAPI serves from a second route
    # (a registered difference, see the parity report).
    assert "GET" in {verb.strip() for verb in response.headers["allow"].split(",")}
