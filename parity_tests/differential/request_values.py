"""Request values that probes share, each built for the side it is sent to from that side's
settings (the engine's `PerSide`): credentials, a body just over the limit, a fresh employee."""

from sidebyside import PerSide

from parity_tests.contract.helpers import basic_auth, new_employee
from shared.settings import Settings


def _login(settings: Settings, password: str | None = None) -> dict[str, str]:
    return {
        "username": settings.auth_username,
        "email": settings.auth_email,
        "password": password or settings.auth_password.get_secret_value(),
    }


CONFIGURED_LOGIN = PerSide("the configured username, email and password", _login)
WRONG_PASSWORD_LOGIN = PerSide(
    "the configured username and email, a wrong password", lambda s: _login(s, "wrong")
)
CONFIGURED_BASIC = PerSide(
    "Basic with the configured credentials",
    lambda s: basic_auth(s.auth_username, s.auth_password.get_secret_value())["Authorization"],
)
WRONG_PASSWORD_BASIC = PerSide(
    "Basic with the configured username and a wrong password",
    lambda s: basic_auth(s.auth_username, "wrong")["Authorization"],
)
OVER_THE_BODY_LIMIT = PerSide(
    "MAX_BODY_BYTES + 1 bytes of JSON whitespace", lambda s: b" " * (s.max_body_bytes + 1)
)

A_NEW_EMPLOYEE = PerSide("a new employee", lambda _: new_employee())
