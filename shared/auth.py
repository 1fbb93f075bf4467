"""Credential checks shared by /login, /whoami and the admin pages."""

import base64
import binascii
import hmac

from shared.settings import Settings


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def credentials_are_valid(settings: Settings, username: str, password: str) -> bool:
    # Both comparisons always run, so the time taken says nothing about which part was wrong.
    username_ok = _same(username, settings.auth_username)
    password_ok = _same(password, settings.auth_password.get_secret_value())
    return username_ok and password_ok


def basic_challenge(settings: Settings) -> str:
    """The WWW-Authenticate value that asks a client for HTTP Basic credentials."""
    return f'Basic realm="{settings.auth_realm}"'


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """(username, password) from an Authorization header, or None if it holds no Basic ones.

    The one parser for every protected path of both apps. The credentials are decoded as
    UTF-8, as browsers send them (RFC 7617 section 2.1); strict base64, and a colon required.
    """
    scheme, _, encoded = (authorization or "").strip().partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None
