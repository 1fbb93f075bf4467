"""Recorded traffic as probes: a HAR file (HTTP Archive 1.2, as browsers and proxies export it),
and a small recorder that writes one from a scripted client session.

Every entry becomes a probe, in the order recorded, with its method, its path and query
(the recording's host is dropped: each side has its own), its request headers less those a
client or a proxy adds per connection, and its body. The replay sends them in that order to
fresh apps, so that a request that changes state finds what the recording found.

Values a side issued travel as they did when recorded: a token or an id that a recorded
answer gave (a string of 8 characters or more anywhere in its JSON body, an id under a key
named `id` or `...id`, the path of its Location) and that a later recorded request sends (in
its path, a header or its body) is captured from each side's own answer and sent in its place
(`Probe.capture`), so that a login's token or a created row's id is the one each side issued.
"""

import base64
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2

from sidebyside.jsonpath import child
from sidebyside.probes import Probe

# A recorded string this long (one word, with a digit) is taken for an issued value (a token)
# wherever it reappears; a shorter one would match by chance.
ISSUED_MIN_LENGTH = 8
_ID_KEY = re.compile(r"(?:^|_)id$|[a-z]Id$", re.IGNORECASE)

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


def issued(body: object, path: str = "$") -> Iterator[tuple[str, str, bool]]:
    """The values a recorded JSON answer issued: (its text, its JSON path, whether it is an
    id, matched only as a whole path segment)."""
    if isinstance(body, dict):
        for key, value in body.items():
            place = child(path, str(key))
            is_scalar = isinstance(value, int | str) and not isinstance(value, bool)
            if is_scalar and _ID_KEY.search(str(key)) and str(value):
                yield str(value), place, True
                continue
            yield from issued(value, place)
    elif isinstance(body, list):
        for index, item in enumerate(body):
            yield from issued(item, f"{path}[{index}]")
    elif isinstance(body, str) and _looks_issued(body):
        yield body, path, False


def _looks_issued(text: str) -> bool:
    """A token rather than words: long, one word, with a digit in it."""
    return (
        len(text) >= ISSUED_MIN_LENGTH
        and not any(character.isspace() or character in "{}" for character in text)
        and any(character.isdigit() for character in text)
    )


def _answer_values(entry: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    response = entry.get("response", {})
    found: list[tuple[str, str, bool]] = []
    content = response.get("content", {})
    if "json" in str(content.get("mimeType", "")) and content.get("text"):
        with suppress(ValueError):
            found += issued(json.loads(content["text"]))
    for header in response.get("headers", []):
        if str(header.get("name", "")).lower() == "location":
            location = urlsplit(str(header.get("value", ""))).path
            if location.count("/") > 1:
                found.append((location, "location", False))
    # The longest first, so that a value inside another is not replaced in part.
    return sorted(found, key=lambda value: -len(value[0]))


def _replaced(fields: dict[str, Any], text: str, is_id: bool, name: str) -> dict[str, Any]:
    """The request's fields with `text` written {name}: an id only as a whole path segment,
    any other value wherever it appears in the path, a header value or the body."""
    token = "{" + name + "}"
    target, mark, query = fields["path"].partition("?")
    if is_id:
        segments = [token if segment == text else segment for segment in target.split("/")]
        return {**fields, "path": "/".join(segments) + mark + query}
    content = fields["content"]
    return {
        **fields,
        "path": fields["path"].replace(text, token),
        "headers": {key: value.replace(text, token) for key, value in fields["headers"].items()},
        "content": content.replace(text.encode(), token.encode()) if content else content,
    }


def _carry(probes: list[dict[str, Any]], values: list[list[tuple[str, str, bool]]]) -> None:
    """Each later request's copies of an issued value replaced by a capture of it from the
    latest answer that issued it."""
    for later in range(len(probes)):
        for earlier in range(later - 1, -1, -1):
            capture = probes[earlier]["capture"]
            for text, place, is_id in values[earlier]:
                named = {where: key for key, where in capture.items()}
                name = named.get(place, f"v{earlier + 1:03d}_{len(capture) + 1}")
                replaced = _replaced(probes[later], text, is_id, name)
                if replaced != probes[later]:
                    probes[later] = replaced
                    capture[name] = place


def probes_from_har(
    path: Path, expect: Mapping[str, Iterable[str]] | None = None, feature: str = ""
) -> list[Probe]:
    """Every request of the recording, in order, as a probe, issued values carried."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
    except (ValueError, KeyError, TypeError) as error:
        raise HarError(f"{path} is not a HAR file (log.entries): {error}") from error
    fields: list[dict[str, Any]] = []
    for number, entry in enumerate(entries, start=1):
        request = entry["request"]
        url = urlsplit(request["url"])
        target = url.path + (f"?{url.query}" if url.query else "")
        method = str(request["method"]).upper()
        title = f"{number:03d} {method} {target}"
        fields.append(
            {
                "title": title,
                "method": method,
                "path": target,
                "headers": _headers(request),
                "content": _body(request),
                "differences": expected_for(title, expect or {}),
                "feature": feature or path.stem,
                "capture": {},
            }
        )
    _carry(fields, [_answer_values(entry) for entry in entries])
    return [Probe(**each) for each in fields]


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
