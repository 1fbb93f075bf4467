"""A Schemathesis case as the bytes a client would send, for the project's own clients."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from schemathesis import Case

from parity_tests.sides import BASE_URL, Side

GeneratedCase = Case[Any]

# /async waits up to 5 s by design; a fuzz run sends it hundreds of valid delays. Valid ones
# are shortened to this, so the run stays bounded; invalid ones (over 5, NaN, text) are sent
# as generated. The bound itself has contract tests (parity_tests/contract/test_async.py).
LONGEST_WAIT_SECONDS = 0.01


@dataclass(frozen=True)
class SentRequest:
    """One request exactly as both apps receive it."""

    method: str
    url: str  # path and query, relative to the app
    headers: dict[str, str]
    content: bytes | None
    query: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_case(cls, case: GeneratedCase) -> "SentRequest":
        _shorten_waits(case)
        kwargs = case.as_transport_kwargs(base_url=BASE_URL)
        # requests serialises the case as Schemathesis' own network transport would: JSON,
        # multipart with its boundary, or raw bytes, and the query string.
        prepared = requests.Request(
            **{key: value for key, value in kwargs.items() if key in _REQUEST_ARGUMENTS}
        ).prepare()
        body = prepared.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        assert body is None or isinstance(body, bytes), type(body)
        url = prepared.path_url
        return cls(
            method=str(prepared.method),
            url=url,
            headers={name: _text(value) for name, value in prepared.headers.items()},
            content=body,
            query=parse_qsl(urlsplit(url).query, keep_blank_values=True),
        )

    def send(self, side: Side) -> Any:
        return side.client.request(
            self.method, self.url, headers=self.headers, content=self.content
        )

    def describe(self) -> str:
        shown = (self.content or b"")[:300]
        return f"{self.method} {self.url[:300]} {self.headers} {shown!r}"


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("latin-1")


_REQUEST_ARGUMENTS = ("method", "url", "headers", "params", "cookies", "json", "data", "files")


def _shorten_waits(case: GeneratedCase) -> None:
    if case.path != "/async" or not isinstance(case.query, dict):
        return
    delay = case.query.get("delay")
    if isinstance(delay, int | float) and LONGEST_WAIT_SECONDS < delay <= 5:
        case.query["delay"] = LONGEST_WAIT_SECONDS
