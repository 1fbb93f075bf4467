"""Bridges basic-credentials-ascii and basic-challenge-realm: HTTP Basic read as Werkzeug reads it.

FastAPI's HTTPBasic decodes the credentials as ASCII, refusing a user whose name or password is
not, and challenges a missing or unreadable header with a realm fixed when it was built.
Werkzeug (Flask's request.authorization) decodes UTF-8, as browsers send it (RFC 7617), and the
Flask twin challenges with the configured realm. FlaskBasic is an HTTPBasic, so /docs still
offers Basic auth; it replaces the app's own dependency:

    app.dependency_overrides[auth.security] = FlaskBasic(realm=settings.auth_realm)
"""

import base64
import binascii

from fastapi import HTTPException, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """(username, password) from an Authorization header, or None if it holds no Basic ones:
    UTF-8, strict base64, and a colon required, as Werkzeug reads them."""
    scheme, _, encoded = (authorization or "").strip().partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None


class FlaskBasic(HTTPBasic):
    """HTTPBasic that reads UTF-8 and challenges with its realm, as the Flask twin does."""

    async def __call__(  # type: ignore[override]
        self, request: Request
    ) -> HTTPBasicCredentials | None:
        credentials = basic_credentials(request.headers.get("Authorization"))
        if credentials is None:
            if not self.auto_error:
                return None
            challenge = f'Basic realm="{self.realm}"'
            raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": challenge})
        username, password = credentials
        return HTTPBasicCredentials(username=username, password=password)
