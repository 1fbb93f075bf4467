import httpx2
import pytest

from parity_tests.sides import Side, in_process


def test_health_reports_a_reachable_database(client: httpx2.Client) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_503_with_a_json_body_when_the_database_is_unreachable(
    side: Side,
) -> None:
    if side.live:
        pytest.skip("needs an app built on an unreachable database; a live server is not")
    # Nothing listens on port 1: every connection attempt is refused at once.
    unreachable = side.settings.model_copy(
        update={"database_url": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    )
    with in_process(side.name, unreachable) as broken:
        response = broken.client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "127.0.0.1:1" not in response.text
