import base64

import httpx2
import pytest

from parity_tests.contract.helpers import basic_auth, validation_status
from parity_tests.sides import Side
from shared.settings import Settings


def login_body(settings: Settings, **overrides: str) -> dict[str, str]:
    body = {
        "username": settings.auth_username,
        "email": "someone@example.com",
        "password": settings.auth_password.get_secret_value(),
    }
    body.update(overrides)
    return body


def test_login_with_the_configured_credentials_returns_the_user_without_the_password(
    client: httpx2.Client, settings: Settings
) -> None:
    response = client.post("/login", json=login_body(settings))

    assert response.status_code == 200
    assert response.json() == {"username": settings.auth_username, "email": "someone@example.com"}
    assert settings.auth_password.get_secret_value() not in response.text


def test_login_with_a_wrong_password_is_401(client: httpx2.Client, settings: Settings) -> None:
    response = client.post("/login", json=login_body(settings, password="wrong"))

    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect username or password"}


def test_login_validates_the_body(client: httpx2.Client, settings: Settings, side: Side) -> None:
    response = client.post("/login", json=login_body(settings, email="no-at-sign"))

    assert response.status_code == validation_status(side)
    assert settings.auth_password.get_secret_value() not in response.text


def test_whoami_names_the_user_of_valid_basic_credentials(
    client: httpx2.Client, settings: Settings
) -> None:
    response = client.get(
        "/whoami",
        headers=basic_auth(settings.auth_username, settings.auth_password.get_secret_value()),
    )

    assert response.status_code == 200
    assert response.json() == {"username": settings.auth_username}


UNREADABLE_BASIC = ("Basic !!!not-base64!!!", "Basic " + base64.b64encode(b"no-colon").decode())


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic " + base64.b64encode(b"admin:wrong-password").decode(),
        "Basic " + base64.b64encode(b"nobody:change-me").decode(),
        *UNREADABLE_BASIC,
        "Bearer some-token",
    ],
    ids=["missing", "wrong password", "wrong user", "malformed", "no colon", "wrong scheme"],
)
def test_whoami_challenges_anything_but_valid_credentials(
    client: httpx2.Client, settings: Settings, side: Side, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/whoami", headers=headers)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == expected_challenge(side, settings, authorization)


def expected_challenge(side: Side, settings: Settings, authorization: str | None) -> str:
    """The view challenges with the configured realm; FastAPI's HTTPBasic refuses what it
    cannot read before the handler runs, without a realm (basic-challenge-realm)."""
    readable = (
        authorization is not None
        and authorization.startswith("Basic ")
        and (authorization not in UNREADABLE_BASIC)
    )
    if side.name == "fastapi" and not readable:
        return "Basic"
    return f'Basic realm="{settings.auth_realm}"'
