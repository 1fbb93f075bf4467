import httpx2

from shared.settings import Settings
from shared.withheld import REDACTED


def test_settings_shows_the_configuration_from_the_environment(
    client: httpx2.Client, settings: Settings
) -> None:
    body = client.get("/settings").json()

    assert body["environment"] == settings.environment
    assert body["message"] == settings.message
    assert body["database"] == settings.database_backend
    assert body["cors_origins"] == settings.cors_origins
    assert body["max_body_bytes"] == settings.max_body_bytes


def test_settings_never_echoes_a_secret_or_the_database_url(
    client: httpx2.Client, settings: Settings
) -> None:
    response = client.get("/settings")

    assert response.json()["auth_password"] == REDACTED
    assert response.json()["secret_key"] == REDACTED
    assert settings.auth_password.get_secret_value() not in response.text
    assert settings.secret_key.get_secret_value() not in response.text
    assert settings.database_url not in response.text
