"""A probe: one request sent to both sides, and the accepted differences it may show.

Probes come as Python objects, from a data file (`sidebyside.datafile`) or from recorded
traffic (`sidebyside.har`). Secrets in a request (Authorization, cookies) are sent as they are
and masked wherever a request is shown.

A probe written in Python may need more than a fixed request: a `setup` that creates what the
request names first (its result fills `{placeholders}` in the path and header values), values
built for each side from that side's own configuration (`PerSide`), and any other keyword of
`httpx2.Client.request` (`options`: files, form data, query parameters). Such a probe is sent
to a `Side`: a client, the context its per-side values are built from, and the placeholders
the side can fill.

A probe can also capture values from its answer (`capture = {"token": "$.user.token"}`), on
each side separately; a later probe of the same source names them as `{token}` in its path,
header values, query, options or body, and each side is sent its own value (`fill`).
"""

import json
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import httpx2

# Header values that a report never shows.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
MASKED = "<masked>"
# Methods that do not change state (RFC 9110 9.2.1).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Runs against one side before its request; what it returns fills the {placeholders}.
Setup = Callable[[httpx2.Client], Mapping[str, object]]


def masked_headers(headers: Mapping[str, object]) -> dict[str, str]:
    """The headers as a report may show them: every secret value masked."""
    return {
        name: MASKED if name.lower() in SECRET_HEADERS else str(value)
        for name, value in headers.items()
    }


class UnsendableProbeError(LookupError):
    """The probe needs a value the side it is sent to cannot give (a placeholder it lacks)."""


@dataclass(frozen=True)
class PerSide:
    """A request value built for each side as the probe is sent, from that side's context
    (how it is configured: credentials, limits), or fresh, so that two sides sharing one
    database never collide. A report shows its description, never a value."""

    description: str
    build: Callable[[Any], Any]

    def __str__(self) -> str:
        return f"<{self.description}>"


def resolve(value: Any, context: object) -> Any:
    """The value as this side gets it."""
    return value.build(context) if isinstance(value, PerSide) else value


class Side(Protocol):
    """What a probe with per-side values or placeholders is sent to; a bare client is a side
    with no context and no placeholders."""

    @property
    def client(self) -> httpx2.Client: ...

    # What each PerSide value of a probe is built from (the twins pass their settings).
    @property
    def context(self) -> object: ...

    # The values a path or header may name as {name}. A name missing here makes the probe
    # unsendable to this side (UnsendableProbeError); a mapping may raise that itself to
    # give its own reason.
    def placeholders(self) -> Mapping[str, object]: ...


class _Values(dict[str, object]):
    """What a setup returned; any other name is the side's to fill, or to refuse."""

    def __init__(self, given: Mapping[str, object], side: Mapping[str, object]) -> None:
        super().__init__(given)
        self.side = side

    def __missing__(self, name: str) -> object:
        try:
            return self.side[name]
        except KeyError:
            raise UnsendableProbeError(f"no value for the placeholder {{{name}}}") from None


@dataclass(frozen=True)
class Probe:
    """One request, and the ids of the accepted differences it may show."""

    title: str
    method: str
    path: str
    # Values may be PerSide.
    headers: Mapping[str, Any] = field(default_factory=dict)
    # The body: JSON to encode, or bytes (or text) sent as they are; None for no body. Either
    # may be PerSide.
    json: Any = None
    content: Any = None
    differences: tuple[str, ...] = ()
    feature: str = ""
    # Any other keyword of httpx2.Client.request (files=, data=, params=); values may be
    # PerSide.
    options: Mapping[str, Any] = field(default_factory=dict)
    # Runs against each side first; its result fills the {placeholders} in the path and
    # header values. With a setup, or sent to a Side, path and headers are templates
    # (str.format_map); otherwise they are sent as written.
    setup: Setup | None = None
    # Compare the body's exact text rather than its parsed JSON: for encoding questions.
    raw: bool = False
    # Which pair of sides the probe needs, for a suite that keeps more than one (the twins'
    # suite names a pytest fixture); empty: the suite's usual pair.
    sides: str = ""
    # Values this probe's answer gives later probes, each side its own: name -> where to
    # find it (`$.user.token`, `header:X-Token`, or `location`); see `captured`.
    capture: Mapping[str, str] = field(default_factory=dict)

    @property
    def changes_state(self) -> bool:
        return self.method.upper() not in SAFE_METHODS

    @property
    def body(self) -> tuple[str, Any] | None:
        """The body as (the keyword httpx2 takes it by, its value), or None."""
        if self.json is not None:
            return "json", self.json
        if self.content is not None:
            return "content", self.content
        for kind in ("files", "data"):
            if kind in self.options:
                return kind, self.options[kind]
        return None

    def request_line(self, limit: int = 160) -> str:
        """The request as a report shows it: method, path, headers (secrets masked), a
        glimpse of the body."""
        shown = "".join(
            f" [{name}: {value}]" for name, value in masked_headers(self.headers).items()
        )
        body = ""
        if isinstance(self.json, PerSide) or isinstance(self.content, PerSide):
            body = f" {self.json if self.json is not None else self.content}"
        elif self.json is not None:
            body = " " + json.dumps(self.json, ensure_ascii=False)
        elif self.content:
            body = f" ({len(self.content)} bytes)"
        params = self.options.get("params")
        query = ""
        if isinstance(params, Mapping) and params:
            query = "?" + "&".join(f"{name}={value}" for name, value in params.items())
        line = f"{self.method} {self.path}{query}{shown}{body}"
        return line if len(line) <= limit else line[: limit - 1] + "…"

    def send(self, to: "httpx2.Client | Side") -> tuple[httpx2.Response, float]:
        """The response, and the seconds it took (the setup's requests not counted)."""
        if isinstance(to, httpx2.Client):
            client, context = to, None
            known: Mapping[str, object] = {}
            templated = self.setup is not None
        else:
            client, context, known = to.client, to.context, to.placeholders()
            templated = True
        values = _Values(self.setup(client) if self.setup else {}, known)
        headers = {name: resolve(value, context) for name, value in self.headers.items()}
        path = self.path
        if templated:
            path = path.format_map(values)
            headers = {name: str(value).format_map(values) for name, value in headers.items()}
        options: dict[str, Any] = {
            name: resolve(value, context) for name, value in self.options.items()
        }
        if headers:
            options["headers"] = headers
        if self.json is not None:
            options["json"] = resolve(self.json, context)
        elif self.content is not None:
            options["content"] = resolve(self.content, context)
        began = time.perf_counter()
        response = client.request(self.method, path, **options)
        return response, time.perf_counter() - began


# A {name} in a request: a value captured from an earlier answer.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]')


class CaptureError(LookupError):
    """A capture found nothing where it looked."""


@dataclass(frozen=True)
class Missing:
    """A value an earlier probe was to capture on one side and could not."""

    reason: str


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield value.decode("utf-8", "replace")
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def names_used(probe: Probe) -> list[str]:
    """The {names} the probe's request mentions, in order, each once."""
    texts = [probe.path, *_strings(dict(probe.headers)), *_strings(probe.json)]
    texts += [*_strings(probe.content), *_strings(dict(probe.options))]
    return list(dict.fromkeys(name for text in texts for name in PLACEHOLDER.findall(text)))


def json_at(body: Any, path: str) -> Any:
    """The value at a JSON path such as `$.user.token` or `$.notes[0]["id"]`."""
    if not path.startswith("$"):
        raise CaptureError(f"{path!r} is not a JSON path (it starts with $)")
    position, value = 1, body
    while position < len(path):
        step = _STEP.match(path, position)
        if step is None:
            raise CaptureError(f"{path!r} is not a JSON path: cannot read {path[position:]!r}")
        key, index, quoted = step.groups()
        if index is not None:
            if not isinstance(value, list) or int(index) >= len(value):
                raise CaptureError(f"no {path} in the answer")
            value = value[int(index)]
        else:
            name = key if key is not None else json.loads(f'"{quoted}"')
            if not isinstance(value, dict) or name not in value:
                raise CaptureError(f"no {path} in the answer")
            value = value[name]
        position = step.end()
    return value


def capture_one(response: httpx2.Response, where: str) -> object:
    """One value of an answer: at a JSON path of its body (`$.user.token`), a header's
    (`header:X-Token`), or the path of its Location (`location`, its own origin dropped)."""
    if where.lower().startswith("header:"):
        name = where.partition(":")[2].strip()
        if name not in response.headers:
            raise CaptureError(f"no {name} header in the answer")
        return response.headers[name]
    if where.lower() == "location":
        if "location" not in response.headers:
            raise CaptureError("no Location header in the answer")
        url = httpx2.URL(response.headers["location"])
        return url.raw_path.decode("ascii") if url.is_absolute_url else str(url)
    try:
        body = json.loads(response.content)
    except ValueError:
        raise CaptureError(f"no {where} in the answer: its body is not JSON") from None
    return json_at(body, where)


def captured(response: httpx2.Response, capture: Mapping[str, str]) -> dict[str, object]:
    """The values the probe captures from one side's answer; one it cannot find is kept as
    Missing, with the reason, for the probe that would use it to report."""
    values: dict[str, object] = {}
    for name, where in capture.items():
        try:
            values[name] = capture_one(response, where)
        except CaptureError as error:
            values[name] = Missing(f"{error} ({response.status_code})")
    return values


def _fill_text(text: str, values: Mapping[str, object], title: str) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        found = values[name]
        if isinstance(found, Missing):
            raise UnsendableProbeError(f"{title!r} needs {{{name}}}, not captured: {found.reason}")
        return str(found)

    return PLACEHOLDER.sub(value, text)


def _fill(value: Any, values: Mapping[str, object], title: str) -> Any:
    if isinstance(value, str):
        whole = PLACEHOLDER.fullmatch(value)
        if whole and whole.group(1) in values:
            # A value that is only a placeholder keeps the captured value's type (an id).
            _fill_text(value, values, title)  # raises if it is missing
            return values[whole.group(1)]
        return _fill_text(value, values, title)
    if isinstance(value, bytes):
        return _fill_text(value.decode("utf-8"), values, title).encode("utf-8")
    if isinstance(value, Mapping):
        return {key: _fill(item, values, title) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_fill(item, values, title) for item in value)
    if isinstance(value, list):
        return [_fill(item, values, title) for item in value]
    return value


def fill(probe: Probe, values: Mapping[str, object]) -> Probe:
    """The probe with every {name} that `values` holds replaced by its value (in the path,
    header values, options, JSON or text body); others are left as written. A value that
    could not be captured makes the probe unsendable, with the reason."""
    if not values or not names_used(probe):
        return probe
    title = probe.title
    headers = {
        name: _fill_text(v, values, title) if isinstance(v, str) else v
        for name, v in probe.headers.items()
    }
    return replace(
        probe,
        path=_fill_text(probe.path, values, title),
        headers=headers,
        json=_fill(probe.json, values, title),
        content=_fill(probe.content, values, title),
        options=_fill(dict(probe.options), values, title),
    )
