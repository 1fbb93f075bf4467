"""What a response looks like once noise is removed: the one place the noise rules live.

Each rule says what it removes and why. Anything a rule does not remove is compared.
"""

import re
from typing import Any

import httpx2
from sidebyside.noise import map_values as _map_values
from sidebyside.noise import mask_strings as _mask_strings
from sidebyside.observe import (
    IGNORED_HEADERS,
    Observation,
    Rule,
    differing_aspects,
)
from sidebyside.observe import observe as observe_with

__all__ = ["IGNORED_HEADERS", "Observation", "Rule", "differing_aspects", "observe"]


ID_KEYS = frozenset({"id"})
TIMESTAMP_KEYS = frozenset({"created_at", "updated_at", "finished_at"})
# What `new_employee` generates so that tests can run twice against one database; any other
# value, a seeded or configured email for one, is compared.
_GENERATED_TEST_DATA = re.compile(r"\b(person|dept)-[0-9a-f]+")
_ID_IN_PATH = re.compile(r"/(employees|uploads)/[0-9a-f-]+$")
_FRAMEWORK_NAME = re.compile(r"\b(Flask|FastAPI)\b")
_UNORDERED_LIST_HEADERS = frozenset(
    {"allow", "access-control-allow-methods", "access-control-allow-headers", "vary"}
)
_HEADER_VALUES_THAT_VARY = {
    "x-process-time": "<seconds>",
    "etag": "<etag>",
}


_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
_DIGITS = re.compile(r"\d+")


def timestamp_shape(text: str) -> str:
    """A timestamp's format without its value: 2026-11-25T10:00:00.123456Z becomes
    9-9-9T9:9:9.9Z, so that Z against +00:00, or a missing zone, still shows."""
    return _TIMESTAMP.sub(lambda match: _DIGITS.sub("9", match.group()), text)


_TEXT_MASKS = (
    (re.compile(r'"id":\s*\d+'), '"id":<id:int>'),
    (re.compile(r'"id":\s*"[0-9a-f-]+"'), '"id":"<id:str>"'),
    (_GENERATED_TEST_DATA, "<unique>"),
)


def mask_text(text: str) -> str:
    for pattern, placeholder in _TEXT_MASKS:
        text = pattern.sub(placeholder, text)
    return timestamp_shape(text)


def mask_id(value: Any) -> str:
    """An id's value is masked, its type is not: "1" against 1 is a difference a client sees."""
    return f"<id:{type(value).__name__}>"


RULES: tuple[Rule, ...] = (
    Rule(
        "generated ids",
        "Each app numbers its own rows and uploads: an id's value says nothing about "
        "behaviour, but its type (a number or a string) is compared.",
        lambda o: o.with_body(_map_values(o.body, ID_KEYS, mask_id)).with_headers(
            {
                name: _ID_IN_PATH.sub(r"/\1/<id>", value) if name == "location" else value
                for name, value in o.headers.items()
            },
        ),
    ),
    Rule(
        "timestamp values",
        "created_at, updated_at and finished_at record when each app ran, not what it did: "
        "their digits are masked, their format (separators, fraction, zone) is compared.",
        lambda o: o.with_body(
            _map_values(o.body, TIMESTAMP_KEYS, lambda value: timestamp_shape(str(value)))
        ),
    ),
    Rule(
        "unique test data",
        "Tests give each new employee a generated email and department (`person-…`, "
        "`dept-…`) so they can run twice against one database; those values are masked by "
        "their pattern wherever they appear, and every other email or department is compared.",
        lambda o: o.with_body(_mask_strings(o.body, _GENERATED_TEST_DATA, "<unique>")),
    ),
    Rule(
        "varying header values",
        "X-Process-Time and ETag must be present, but their values are not the API's: the "
        "first measures this run, and an ETag is opaque (RFC 9110 8.8.3), so a client can "
        "only send it back, which the If-None-Match case compares. Last-Modified is compared.",
        lambda o: o.with_headers(
            {name: _HEADER_VALUES_THAT_VARY.get(name, value) for name, value in o.headers.items()},
        ),
    ),
    Rule(
        "the same, in exact text",
        "A body compared as exact text (for encoding questions) has the same ids, timestamps "
        "and test data masked as a parsed one.",
        lambda o: o.with_body(mask_text(o.body)) if isinstance(o.body, str) else o,
    ),
    Rule(
        "order within header lists",
        "Werkzeug builds Allow from a set, so its order changes from run to run; the order of "
        "the names in Allow, Access-Control-Allow-Methods, Access-Control-Allow-Headers or "
        "Vary means nothing to a client or a cache.",
        lambda o: o.with_headers(
            {
                name: ", ".join(sorted(part.strip() for part in value.split(",")))
                if name in _UNORDERED_LIST_HEADERS
                else value
                for name, value in o.headers.items()
            },
        ),
    ),
    Rule(
        "framework name",
        "The page says which framework served it; that is the one intended difference.",
        lambda o: (
            o.with_body(_FRAMEWORK_NAME.sub("<framework>", o.body))
            if isinstance(o.body, str)
            else o
        ),
    ),
)

# Applied while parsing, before the rules, because they are properties of the text itself.
PARSING_RULES: tuple[tuple[str, str], ...] = (
    (
        "transport headers",
        "Every header is compared except "
        + "; ".join(f"{name} ({reason})" for name, reason in IGNORED_HEADERS.items())
        + ".",
    ),
    ("key order", "JSON bodies are compared parsed, so the order of keys does not count."),
    (
        "trailing newline",
        "Flask's jsonify ends a body with a newline and FastAPI does not; text bodies are "
        "compared without trailing whitespace.",
    ),
    ("charset spelling", "Content types are compared lower-cased, without spaces."),
    (
        "the server's own address",
        "A server builds an absolute URL (a redirect's Location, the link on its page) from "
        "the address it was reached at; live, the two servers listen on different ports, so "
        "that address is written `<origin>` in both. Any other address is compared.",
    ),
)


def observe(response: httpx2.Response, raw: bool = False) -> Observation:
    """The response as compared: parsed (or, if raw, the exact text), selected headers only,
    every rule applied."""
    return observe_with(response, RULES, raw)
