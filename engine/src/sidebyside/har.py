"""Recorded traffic as probes: a HAR file (HTTP Archive 1.2, as browsers and proxies export it),
and a small recorder that writes one from a scripted client session.

Every entry becomes a probe, in the order recorded, with its method, its path and query
(the recording's host is dropped: each side has its own), its request headers less those a
client or a proxy adds per connection, and its body. The replay sends them in that order to
fresh apps, so that a request that changes state finds what the recording found.
"""

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2

from sidebyside.probes import Probe

# Headers that describe the recording's connection or are recomputed when the request is sent.
NOT_REPLAYED = frozenset(
    {
        "host",
        "content-length",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "accept-encoding",
        "te",
        "upgrade",
        "proxy-connection",
    }
)


class HarError(ValueError):
    """A file that is not a HAR recording this module can read."""


def _headers(entry_request: Mapping[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for header in entry_request.get("headers", []):
        name = str(header["name"])
        # HTTP/2 recordings list pseudo-headers (:authority, :path); they are not headers.
        if name.startswith(":") or name.lower() in NOT_REPLAYED:
            continue
        headers[name] = str(header["value"])
    return headers


def _body(entry_request: Mapping[str, Any]) -> bytes | None:
    post = entry_request.get("postData")
    if not post:
        return None
    text = post.get("text")
    if text is None:
        # Only params (a form the recorder did not keep as text): rebuild it urlencoded.
        params = post.get("params", [])
        text = "&".join(f"{p['name']}={p.get('value', '')}" for p in params)
    if post.get("encoding") == "base64":
        return base64.b64decode(text)
    return str(text).encode("utf-8")


def expected_for(title: str, expect: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """The accepted differences of every pattern (shell-style) that matches the entry's
    `"METHOD PATH"`, or its title `"NNN METHOD PATH"` to single out one entry."""
    line = title.partition(" ")[2]
    found: dict[str, None] = {}
    for pattern, names in expect.items():
        if fnmatchcase(line, pattern) or fnmatchcase(title, pattern):
            found.update(dict.fromkeys(names))
    return tuple(found)


def probes_from_har(
    path: Path, expect: Mapping[str, Iterable[str]] | None = None, feature: str = ""
) -> list[Probe]:
    """Every request of the recording, in order, as a probe."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
    except (ValueError, KeyError, TypeError) as error:
        raise HarError(f"{path} is not a HAR file (log.entries): {error}") from error
    probes = []
    for number, entry in enumerate(entries, start=1):
        request = entry["request"]
        url = urlsplit(request["url"])
        target = url.path + (f"?{url.query}" if url.query else "")
        method = str(request["method"]).upper()
        title = f"{number:03d} {method} {target}"
        probes.append(
            Probe(
                title=title,
                method=method,
                path=target,
                headers=_headers(request),
                content=_body(request),
                differences=expected_for(title, expect or {}),
                feature=feature or path.stem,
            )
        )
    return probes


# A scripted session: (method, path, headers, JSON body or None).
Step = tuple[str, str, Mapping[str, str], object]


def _recorded_headers(headers: httpx2.Headers) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers.multi_items()]


def har_entry(response: httpx2.Response) -> dict[str, Any]:
    request = response.request
    body = request.content
    recorded: dict[str, Any] = {
        "method": request.method,
        "url": str(request.url),
        "httpVersion": "HTTP/1.1",
        "headers": _recorded_headers(request.headers),
        "queryString": [
            {"name": name, "value": value} for name, value in request.url.params.multi_items()
        ],
        "cookies": [],
        "headersSize": -1,
        "bodySize": len(body),
    }
    if body:
        recorded["postData"] = {
            "mimeType": request.headers.get("content-type", ""),
            "text": body.decode("utf-8"),
        }
    return {
        "startedDateTime": datetime.now(UTC).isoformat(),
        "time": response.elapsed.total_seconds() * 1000,
        "request": recorded,
        "response": {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": "HTTP/1.1",
            "headers": _recorded_headers(response.headers),
            "cookies": [],
            "content": {
                "size": len(response.content),
                "mimeType": response.headers.get("content-type", ""),
                "text": response.text,
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(response.content),
        },
        "cache": {},
        "timings": {"send": 0, "wait": response.elapsed.total_seconds() * 1000, "receive": 0},
    }


def recording(client: httpx2.Client, steps: Sequence[Step], creator: str) -> dict[str, Any]:
    """A HAR log of `steps` sent in order through `client`."""
    entries = []
    for method, path, headers, body in steps:
        options: dict[str, Any] = {"headers": dict(headers)}
        if body is not None:
            options["json"] = body
        entries.append(har_entry(client.request(method, path, **options)))
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": creator, "version": "1"},
            "entries": entries,
        }
    }
