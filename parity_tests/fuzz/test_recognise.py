"""Each recogniser matches the pair of answers its registry entry describes, and not the
nearest pair that its entry does not explain."""

import pytest

from parity_tests.fuzz.cases import SentRequest
from parity_tests.fuzz.recognise import (
    FILE_MISSING_DETAIL,
    NON_OBJECT_DETAIL,
    RECOGNISERS,
    recognised,
)
from parity_tests.normalise import Observation
from parity_tests.registry import REGISTRY

HTML = "text/html;charset=utf-8"
JSON = "application/json"


def answer(status: int, body: object, content_type: str = JSON, **headers: str) -> Observation:
    return Observation(status, content_type, headers, body)


def sent(method: str = "POST", url: str = "/employees") -> SentRequest:
    query = [tuple(pair.split("=", 1)) for pair in url.partition("?")[2].split("&") if pair]
    return SentRequest(method, url, {}, None, query)  # type: ignore[arg-type]


def errors(*first_locations_and_types: tuple[str, str]) -> Observation:
    detail = [
        {"type": kind, "loc": [where, "x"], "msg": "m"} for where, kind in first_locations_and_types
    ]
    return answer(422, {"detail": detail})


FLASK_VALIDATION = answer(400, {"validation_error": {"body_params": []}})
HTML_400 = answer(400, "<title>400 Bad Request</title>", HTML)
HTML_404 = answer(404, "<title>404 Not Found</title>", HTML)
HTML_405 = answer(405, "<title>405</title>", HTML, allow="GET, HEAD, OPTIONS")

# entry: (request, flask, fastapi) it must recognise, then one it must not.
CASES: dict[str, tuple[tuple[SentRequest, Observation, Observation], ...]] = {
    "validation-error-format": (
        (sent(), FLASK_VALIDATION, errors(("body", "missing"))),
        (sent(), answer(400, {"detail": "x"}), errors(("body", "missing"))),
    ),
    "malformed-json": (
        (sent(), HTML_400, errors(("body", "json_invalid"))),
        (sent(), HTML_400, errors(("body", "missing"))),
    ),
    "json-content-type-required": (
        (
            sent(),
            answer(415, "<title>415</title>", HTML),
            errors(("body", "model_attributes_type")),
        ),
        (
            sent(),
            answer(400, "<title>400</title>", HTML),
            errors(("body", "model_attributes_type")),
        ),
    ),
    "non-object-body": (
        (sent(), answer(400, {"detail": NON_OBJECT_DETAIL}), errors(("body", "dict_type"))),
        (sent(), answer(400, {"detail": "other"}), errors(("body", "dict_type"))),
    ),
    "path-converter-mismatch": (
        (sent("GET", "/employees/x"), HTML_404, errors(("path", "int_parsing"))),
        (sent("GET", "/employees/12"), HTML_404, errors(("path", "int_parsing"))),
    ),
    "converter-rejection-method-not-allowed": (
        (sent("DELETE", "/employees/" + "9" * 20), HTML_405, errors(("path", "less_than_equal"))),
        (sent("DELETE", "/employees/" + "9" * 18), HTML_405, errors(("path", "less_than_equal"))),
    ),
    "path-integer-spellings": (
        (sent("GET", "/employees/%2B42"), HTML_404, answer(200, {"id": 42})),
        (sent("GET", "/employees/%2B42"), HTML_404, errors(("path", "int_parsing"))),
    ),
    "path-uuid-spellings": (
        (sent("GET", "/uploads/" + "ab" * 16), HTML_404, answer(200, {"id": "x"})),
        (sent("GET", "/uploads/" + "ab" * 15), HTML_404, errors(("path", "uuid_parsing"))),
    ),
    "path-non-ascii-digits": (
        (
            sent("GET", "/employees/%D9%A4%D9%A2"),
            answer(200, {"id": 42}),
            errors(("path", "int_parsing")),
        ),
        (sent("GET", "/employees/x%D9%A4"), HTML_404, errors(("path", "int_parsing"))),
    ),
    "multipart-file-missing": (
        (
            sent(),
            answer(400, {"detail": FILE_MISSING_DETAIL}),
            answer(422, {"detail": [{"type": "missing", "loc": ["body", "file"], "msg": "m"}]}),
        ),
        (
            sent(),
            answer(400, {"detail": FILE_MISSING_DETAIL}),
            answer(422, {"detail": [{"type": "missing", "loc": ["body", "name"], "msg": "m"}]}),
        ),
    ),
    "multipart-parse-error": (
        (
            sent(),
            answer(400, {"detail": FILE_MISSING_DETAIL}),
            answer(400, {"detail": "Missing boundary in multipart."}),
        ),
        (sent(), answer(400, {"detail": FILE_MISSING_DETAIL}), errors(("body", "missing"))),
    ),
    "werkzeug-html-errors": (
        (sent(), HTML_400, answer(400, {"detail": "There was an error parsing the body"})),
        (sent(), HTML_400, answer(422, {"detail": "x"})),
    ),
    "allow-header-per-route": (
        (sent("TRACE"), HTML_405, answer(405, {"detail": "x"}, allow="GET")),
        (sent("TRACE"), HTML_405, answer(405, {"detail": "x"}, allow="GET, HEAD, OPTIONS")),
    ),
    "repeated-query-parameter": (
        (sent("GET", "/employees?limit=0&limit=5"), FLASK_VALIDATION, answer(200, {})),
        (sent("GET", "/employees?limit=0&offset=5"), FLASK_VALIDATION, answer(200, {})),
    ),
    "static-file-headers": (
        (
            sent("GET", "/favicon.ico"),
            answer(200, "", "image/png", **{"cache-control": "no-cache"}),
            answer(200, "", "image/png"),
        ),
        (
            sent("GET", "/page"),
            answer(200, "", HTML, **{"cache-control": "no-cache"}),
            answer(200, "", HTML),
        ),
    ),
    "automatic-head": (
        (sent("HEAD", "/"), answer(200, ""), answer(405, {"detail": "x"})),
        (sent("GET", "/"), answer(200, ""), answer(405, {"detail": "x"})),
    ),
    "automatic-options": (
        (sent("OPTIONS", "/"), answer(200, ""), answer(405, {"detail": "x"})),
        (sent("OPTIONS", "/"), answer(405, ""), answer(405, {"detail": "x"})),
    ),
    "basic-challenge-realm": (
        (
            sent("GET", "/whoami"),
            answer(401, {}, **{"www-authenticate": 'Basic realm="twins"'}),
            answer(401, {}, **{"www-authenticate": "Basic"}),
        ),
        (
            sent("GET", "/whoami"),
            answer(401, {}, **{"www-authenticate": 'Basic realm="twins"'}),
            answer(401, {}, **{"www-authenticate": 'Basic realm="other"'}),
        ),
    ),
}


def test_every_recogniser_names_a_registry_entry_and_has_cases() -> None:
    assert set(RECOGNISERS) <= set(REGISTRY)
    assert set(CASES) == set(RECOGNISERS)


@pytest.mark.parametrize("entry", CASES)
def test_a_recogniser_matches_its_entry_and_not_the_nearest_other_pair(entry: str) -> None:
    (matching, near_miss) = CASES[entry]

    assert entry in recognised(*matching)
    assert entry not in recognised(*near_miss)


@pytest.mark.parametrize(
    "path",
    [
        "/employees/-1",
        "/employees/1.5",
        "/employees/%C4%80",
        "/employees/9223372036854775808",
        "/uploads/not-a-uuid",
        "/uploads/00000000-0000-4000-8000-00000000000",
    ],
)
def test_a_path_flask_cannot_route_is_recognised_whatever_fastapi_reads_first(path: str) -> None:
    body_error = answer(400, {"detail": "There was an error parsing the body"})

    assert "path-converter-mismatch" in recognised(sent("PUT", path), HTML_404, body_error)


def test_two_equal_answers_show_no_difference() -> None:
    same = answer(200, {"Hello": "World"})

    assert recognised(sent("GET", "/"), same, same) == ()
