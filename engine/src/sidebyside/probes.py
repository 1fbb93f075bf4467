"""A probe: one request sent to both sides, and the accepted differences it may show.

Probes come as Python objects, from a data file (`sidebyside.datafile`) or from recorded
traffic (`sidebyside.har`). Secrets in a request (Authorization, cookies) are sent as they are
and masked wherever a request is shown.
"""

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx2

# Header values that a report never shows.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
MASKED = "<masked>"
# Methods that do not change state (RFC 9110 9.2.1).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def masked_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers as a report may show them: every secret value masked."""
    return {
        name: MASKED if name.lower() in SECRET_HEADERS else value for name, value in headers.items()
    }


@dataclass(frozen=True)
class Probe:
    """One request, and the ids of the accepted differences it may show."""

    title: str
    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    # The body: JSON to encode, or bytes (or text) sent as they are; None for no body.
    json: Any = None
    content: bytes | None = None
    differences: tuple[str, ...] = ()
    feature: str = ""

    @property
    def changes_state(self) -> bool:
        return self.method.upper() not in SAFE_METHODS

    def request_line(self, limit: int = 160) -> str:
        """The request as a report shows it: method, path, headers (secrets masked), a
        glimpse of the body."""
        shown = "".join(
            f" [{name}: {value}]" for name, value in masked_headers(self.headers).items()
        )
        body = ""
        if self.json is not None:
            body = " " + json.dumps(self.json, ensure_ascii=False)
        elif self.content:
            body = f" ({len(self.content)} bytes)"
        line = f"{self.method} {self.path}{shown}{body}"
        return line if len(line) <= limit else line[: limit - 1] + "…"

    def send(self, client: httpx2.Client) -> tuple[httpx2.Response, float]:
        """The response, and the seconds it took."""
        options: dict[str, Any] = {"headers": dict(self.headers)}
        if self.json is not None:
            options["json"] = self.json
        elif self.content is not None:
            options["content"] = self.content
        began = time.perf_counter()
        response = client.request(self.method, self.path, **options)
        return response, time.perf_counter() - began
