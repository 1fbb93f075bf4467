"""Credential checks shared by /login, /whoami and the admin pages; each framework reads the
credentials its own way."""

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
