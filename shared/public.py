"""What GET /settings shows: configuration with every secret redacted."""

from shared.schemas import PublicSettings
from shared.settings import Settings
from shared.withheld import REDACTED


def public_settings(settings: Settings) -> PublicSettings:
    return PublicSettings(
        environment=settings.environment,
        message=settings.message,
        database=settings.database_backend,
        cors_origins=settings.cors_origins,
        cors_allow_credentials=settings.cors_allow_credentials,
        auth_username=settings.auth_username,
        auth_password=REDACTED,
        secret_key=REDACTED,
        max_body_bytes=settings.max_body_bytes,
    )
