import base64

import pytest

from migration.compat.security import basic_credentials


def basic(raw: bytes, scheme: str = "Basic") -> str:
    return f"{scheme} {base64.b64encode(raw).decode('ascii')}"


@pytest.mark.parametrize(
    ("header", "credentials"),
    [
        (basic(b"admin:change-me"), ("admin", "change-me")),
        (basic("jörg:pässwörd".encode()), ("jörg", "pässwörd")),
        (basic(b"admin:pass:with:colons"), ("admin", "pass:with:colons")),
        (basic(b"admin:"), ("admin", "")),
        (basic(b":secret"), ("", "secret")),
        (basic(b"admin:x", scheme="basic"), ("admin", "x")),
        (basic(b"admin:x", scheme="BASIC"), ("admin", "x")),
    ],
    ids=[
        "ascii",
        "utf-8, as browsers send it",
        "colons in the password",
        "an empty password",
        "an empty username",
        "a lower-case scheme",
        "an upper-case scheme",
    ],
)
def test_basic_credentials_are_read_from_the_header(
    header: str, credentials: tuple[str, str]
) -> None:
    assert basic_credentials(header) == credentials


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Basic",
        "Basic ",
        "Bearer abc.def",
        "Basic %%%not-base64%%%",
        basic(b"no-colon-at-all"),
        basic("jörg:pässwörd".encode("latin-1")),
        "Basic " + base64.b64encode(b"admin:x").decode()[:-1],
    ],
    ids=[
        "missing",
        "empty",
        "a scheme alone",
        "a scheme and a space",
        "another scheme",
        "not base64",
        "no colon",
        "latin-1, not utf-8",
        "truncated base64",
    ],
)
def test_anything_else_is_no_credentials(header: str | None) -> None:
    assert basic_credentials(header) is None
