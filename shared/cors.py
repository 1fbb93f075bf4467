"""One CORS policy from Settings, handed to flask-cors and to Starlette's CORSMiddleware."""

from dataclasses import dataclass

from shared.settings import Settings


@dataclass(frozen=True)
class CorsPolicy:
    origins: list[str]
    allow_credentials: bool
    methods: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE")
    headers: tuple[str, ...] = ("Authorization", "Content-Type")
    expose_headers: tuple[str, ...] = ("Location", "X-Process-Time")
    max_age_seconds: int = 600


def cors_policy(settings: Settings) -> CorsPolicy:
    # Settings refuses "*" together with credentials, so this cannot produce that pair.
    return CorsPolicy(
        origins=list(settings.cors_origins), allow_credentials=settings.cors_allow_credentials
    )
