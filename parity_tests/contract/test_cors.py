import httpx2
import pytest

from shared.settings import Settings

DISALLOWED_ORIGIN = "https://evil.example"


def preflight(client: httpx2.Client, origin: str) -> httpx2.Response:
    return client.options(
        "/employees",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )


def test_a_preflight_from_an_allowed_origin_is_allowed(
    client: httpx2.Client, settings: Settings
) -> None:
    origin = settings.cors_origins[0]

    response = preflight(client, origin)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == origin
    assert "POST" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-allow-credentials"] == "true"


def test_a_simple_request_from_an_allowed_origin_can_read_the_response(
    client: httpx2.Client, settings: Settings
) -> None:
    origin = settings.cors_origins[0]

    response = client.get("/employees", headers={"Origin": origin})

    assert response.headers["access-control-allow-origin"] == origin
    assert "X-Process-Time" in response.headers["access-control-expose-headers"]


@pytest.mark.parametrize("request_kind", ["preflight", "simple"])
def test_a_disallowed_origin_gets_no_allow_origin_header(
    client: httpx2.Client, request_kind: str
) -> None:
    if request_kind == "preflight":
        response = preflight(client, DISALLOWED_ORIGIN)
    else:
        response = client.get("/employees", headers={"Origin": DISALLOWED_ORIGIN})

    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("origin", ["allowed", "disallowed", "none"])
def test_every_answer_varies_on_origin_so_a_shared_cache_keeps_origins_apart(
    client: httpx2.Client, settings: Settings, origin: str
) -> None:
    origins = {"allowed": settings.cors_origins[0], "disallowed": DISALLOWED_ORIGIN}
    headers = {"Origin": origins[origin]} if origin in origins else {}

    response = client.get("/employees", headers=headers)

    assert "origin" in response.headers.get("vary", "").lower()
