"""Recorded traffic as probes: a HAR file (HTTP Archive 1.2, as browsers and proxies export it).

Every entry becomes a probe, in the order recorded, with its method, its path and query
(the recording's host is dropped: each side has its own), its request headers less those a
client or a proxy adds per connection, and its body. The replay sends them in that order to
fresh apps, so that a request that changes state finds what the recording found.
"""

import base64
import json
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
