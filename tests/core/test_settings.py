from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.settings import Settings


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSAGE", "from the environment")
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")

    settings = Settings(_env_file=None)

    assert settings.message == "from the environment"
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_settings_read_a_dotenv_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("MAX_BODY_BYTES=1234\n")

    assert Settings(_env_file=env_file).max_body_bytes == 1234


def test_production_refuses_the_development_secrets() -> None:
    with pytest.raises(ValidationError, match="AUTH_PASSWORD, SECRET_KEY"):
        Settings(_env_file=None, environment="production")


def test_production_starts_with_secrets_of_its_own() -> None:
    settings = Settings(
        _env_file=None, environment="production", auth_password="s3cret", secret_key="k" * 32
    )

    assert settings.environment == "production"


def test_a_wildcard_origin_with_credentials_is_refused() -> None:
    with pytest.raises(ValidationError, match="cannot be combined"):
        Settings(_env_file=None, cors_origins=["*"], cors_allow_credentials=True)


def test_a_wildcard_origin_without_credentials_is_allowed() -> None:
    settings = Settings(_env_file=None, cors_origins=["*"], cors_allow_credentials=False)

    assert settings.cors_origins == ["*"]


def test_the_database_backend_names_the_dialect_and_hides_the_dsn() -> None:
    settings = Settings(_env_file=None, database_url="postgresql+psycopg://u:pw@db:5432/twins")

    assert settings.database_backend == "postgresql"


def test_a_process_given_the_environment_of_settings_gets_exactly_those_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A developer's .env must not win over what a test runner hands its servers.
    (tmp_path / ".env").write_text("CORS_ALLOW_CREDENTIALS=false\nMESSAGE=from .env\n")
    monkeypatch.chdir(tmp_path)
    wanted = Settings(
        _env_file=None,
        cors_origins=["https://a.example", "https://b.example"],
        auth_password="s3cret",
        max_body_bytes=4096,
    )
    for name, value in wanted.as_environment().items():
        monkeypatch.setenv(name, value)

    assert Settings() == wanted


def test_a_settings_error_never_prints_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    # A server that cannot start logs this error; the configured secrets must not be in it.
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("AUTH_PASSWORD", "a-real-password")

    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None)

    assert "SECRET_KEY" in str(refused.value)
    assert "a-real-password" not in str(refused.value)


def test_the_default_hosts_are_those_make_up_compose_and_the_tests_use() -> None:
    assert Settings(_env_file=None).allowed_hosts == ["localhost", "127.0.0.1", "testserver"]


def test_allowed_hosts_come_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", "api.example.com, *.example.org")

    assert Settings(_env_file=None).allowed_hosts == ["api.example.com", "*.example.org"]
