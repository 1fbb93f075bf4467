"""One Settings class for both apps, read from the environment and from `.env`."""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_AUTH_PASSWORD = "change-me"  # noqa: S105 - the development default that production refuses
DEV_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105 - likewise

Environment = Literal["development", "test", "production"]
# Where the upload job runs: "inline" in the web process once the response is sent (each
# framework's own background task), "queue" on RabbitMQ, consumed by `python -m shared.jobs
# worker` (docs/jobs.md).
JobsMode = Literal["inline", "queue"]
BROKER_SCHEMES = ("amqp", "amqps")


class Settings(BaseSettings):
    # hide_input_in_errors: an error a server logs when it cannot start never shows a secret.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    environment: Environment = "development"
    message: str = "Same endpoints, two frameworks."
    database_url: str = "sqlite:///var/twins.db"
    # A comma-separated list in the environment: CORS_ORIGINS=http://a.test,http://b.test
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:3000"]
    )
    cors_allow_credentials: bool = True
    # Host names the apps answer to; a request with any other Host header is refused with 400,
    # so nothing can build a link from a foreign one. Comma-separated; "*.example.com" allows
    # the subdomains. The defaults are what make up, compose (ports published on the
    # loopback), the live tests (127.0.0.1) and the in-process test clients (testserver) use.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "testserver"]
    )
    auth_username: str = "admin"
    auth_email: str = "admin@example.com"
    auth_password: SecretStr = SecretStr(DEV_AUTH_PASSWORD)
    auth_realm: str = "twins"
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)
    upload_dir: Path = Path("var/uploads")
    max_body_bytes: int = Field(default=1_048_576, gt=0)
    jobs: JobsMode = "inline"
    jobs_broker_url: SecretStr = SecretStr("amqp://guest:guest@127.0.0.1:5672/")
    # One broker can serve several deployments (and test runs), each on a queue of its own.
    jobs_queue: str = Field(default="uploads", min_length=1, pattern=r"^[A-Za-z0-9._-]+$")

    @field_validator("cors_origins", "allowed_hosts", mode="before")
    @classmethod
    def split_comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("jobs_broker_url")
    @classmethod
    def broker_url_is_amqp(cls, value: SecretStr) -> SecretStr:
        scheme, separator, _rest = value.get_secret_value().partition("://")
        if not separator or scheme not in BROKER_SCHEMES:
            raise ValueError("JOBS_BROKER_URL must be an amqp:// or amqps:// URL")
        return value

    @model_validator(mode="after")
    def refuse_unsafe_combinations(self) -> "Settings":
        if "*" in self.cors_origins and self.cors_allow_credentials:
            raise ValueError(
                "CORS_ORIGINS='*' cannot be combined with CORS_ALLOW_CREDENTIALS=true: "
                "browsers reject it, and it would let any site act as the user. "
                "List the origins, or set CORS_ALLOW_CREDENTIALS=false."
            )
        if self.environment == "production":
            defaults = {
                "AUTH_PASSWORD": self.auth_password.get_secret_value() == DEV_AUTH_PASSWORD,
                "SECRET_KEY": self.secret_key.get_secret_value() == DEV_SECRET_KEY,
            }
            unsafe = [name for name, is_default in defaults.items() if is_default]
            if unsafe:
                raise ValueError(
                    f"ENVIRONMENT=production refuses the development default for "
                    f"{', '.join(unsafe)}: set {' and '.join(unsafe)} in the environment or .env."
                )
        return self

    def as_environment(self) -> dict[str, str]:
        """Every setting as the environment variable that sets it. Environment variables win
        over `.env`, so a process started with these runs with exactly these settings."""
        environment = {}
        for name, value in self.model_dump().items():
            if isinstance(value, SecretStr):
                text = value.get_secret_value()
            elif isinstance(value, list):
                text = ",".join(value)
            elif isinstance(value, bool):
                text = str(value).lower()
            else:
                text = str(value)
            environment[name.upper()] = text
        return environment

    @property
    def database_backend(self) -> str:
        """The dialect only: a DSN can carry a password, so it is never shown."""
        return self.database_url.split(":", 1)[0].split("+", 1)[0]
