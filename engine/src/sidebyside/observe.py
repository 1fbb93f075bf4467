"""What a response looks like once noise is removed, and where two responses differ.

A response becomes an `Observation`: its status, its content type (lower-cased, without
spaces), every header but the transport ones, and its body (parsed JSON, or text without
trailing whitespace). Noise rules then rewrite it; whatever they leave is compared.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import httpx2

# Every header is compared except these, each of which no client can base a decision on.
IGNORED_HEADERS: dict[str, str] = {
    "date": "the moment the response was made, which differs between any two responses",
    "server": "names the server software (gunicorn, uvicorn), which the API does not include",
    "content-length": "follows from the body, which is compared",
    "transfer-encoding": "how the body was framed on this connection; the body is compared",
    "connection": "hop-by-hop: describes this connection, not the response (RFC 9110 7.6.1)",
    "keep-alive": "hop-by-hop, like Connection",
}

Body = Any

# A server writes absolute URLs (a redirect's Location, a link in a page) with the address it
# was reached at, and the two sides of a live pair listen at different addresses: that
# address is written as this placeholder on both sides. Any other address is compared.
OWN_ORIGIN = "<origin>"


@dataclass(frozen=True)
class Observation:
    """One response, normalised: what the comparison and the report see."""

    status: int
    content_type: str
    headers: Mapping[str, str]
    body: Body

    def aspects(self) -> dict[str, object]:
        """Every part compared: status, content-type, header:NAME for each header, body."""
        found: dict[str, object] = {"status": self.status, "content-type": self.content_type}
        found.update({f"header:{name}": value for name, value in self.headers.items()})
        found["body"] = self.body
        return found

    def with_body(self, body: Body) -> "Observation":
        return replace(self, body=body)

    def with_headers(self, headers: Mapping[str, str]) -> "Observation":
        return replace(self, headers=headers)


@dataclass(frozen=True)
class Rule:
    """A noise rule: what it removes (`apply`) and why that is noise (`reason`)."""

    name: str
    reason: str
    apply: Callable[[Observation], Observation]


def parse_body(response: httpx2.Response, raw: bool = False) -> Body:
    """JSON parsed when the response says it is JSON; otherwise (or if raw) the text."""
    if raw:
        return response.text
    if response.headers.get("content-type", "").startswith("application/json"):
        try:
            return json.loads(response.content)
        except ValueError:
            return response.text.rstrip()
    return response.text.rstrip()


def _without_own_origin(
    response: httpx2.Response, headers: dict[str, str], body: Body
) -> tuple[dict[str, str], Body]:
    try:
        url = response.request.url
    except RuntimeError:  # a response built by hand, never sent
        return headers, body
    origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
    if "location" in headers:
        headers = {**headers, "location": headers["location"].replace(origin, OWN_ORIGIN)}
    return headers, body.replace(origin, OWN_ORIGIN) if isinstance(body, str) else body


def observe(
    response: httpx2.Response, rules: Iterable[Rule] = (), raw: bool = False
) -> Observation:
    """The response as compared: parsed (or, if raw, the exact text), transport headers left
    out, the server's own address written OWN_ORIGIN, then every rule applied in order."""
    content_type = response.headers.get("content-type", "").lower().replace(" ", "")
    headers = {
        name.lower(): ", ".join(response.headers.get_list(name))
        for name in dict.fromkeys(key.lower() for key in response.headers)
        if name.lower() not in IGNORED_HEADERS
    }
    headers.pop("content-type", None)  # compared on its own, normalised
    headers, body = _without_own_origin(response, headers, parse_body(response, raw))
    observation = Observation(response.status_code, content_type, headers, body)
    for rule in rules:
        observation = rule.apply(observation)
    return observation


def differing_aspects(reference: Observation, candidate: Observation) -> list[str]:
    """The aspects (status, content-type, header:NAME, body) in which the two differ."""
    left, right = reference.aspects(), candidate.aspects()
    return [name for name in dict.fromkeys([*left, *right]) if left.get(name) != right.get(name)]
