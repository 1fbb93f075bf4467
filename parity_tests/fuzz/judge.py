"""How one generated case is judged: the schema's checks on each app, then the differential
verdict of the parity engine, with the registry entries the recognisers found."""

from collections.abc import Sequence

import httpx2
from schemathesis import CheckFunction
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sidebyside import CaseResult, Probe, judge

from parity_tests.fuzz.cases import GeneratedCase, SentRequest
from parity_tests.fuzz.recognise import recognised
from parity_tests.normalise import observe
from parity_tests.registry import REGISTRY
from parity_tests.sides import DEFAULT_PAIR
from parity_tests.verdicts import explain

# Whatever it answers: never a 5xx, and the class of status the schema promises (a request the
# schema allows is accepted, one it forbids is refused).
EVERY_ANSWER: list[CheckFunction] = [
    not_a_server_error,
    negative_data_rejection,
    positive_data_acceptance,
]
# FastAPI's schema is the contract: FastAPI must answer nothing it does not declare.
DECLARED: list[CheckFunction] = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# The Flask twin answers some errors its own way (registered differences); its successes
# must fit the same schema.
SUCCESS: list[CheckFunction] = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def schema_problems(
    case: GeneratedCase, response: httpx2.Response, checks: Sequence[CheckFunction], app: str
) -> list[str]:
    try:
        case.validate_response(response, checks=list(checks))
    except AssertionError as failure:
        return [f"{app}: {failure}"]
    except BaseExceptionGroup as failures:
        return [f"{app}: {failure}" for failure in failures.exceptions]
    return []


def differential_verdict(
    case: GeneratedCase,
    request: SentRequest,
    flask: httpx2.Response,
    fastapi: httpx2.Response,
    pair: str = DEFAULT_PAIR.name,
) -> CaseResult:
    flask_seen, fastapi_seen = observe(flask), observe(fastapi)
    probe = Probe(
        case.operation.label,
        request.method,
        request.url,
        feature="fuzz",
        differences=recognised(request, flask_seen, fastapi_seen),
    )
    return judge(probe, flask_seen, fastapi_seen, REGISTRY, pair)


# A file part is bytes, whatever Schemathesis meant it to be: its negative "boolean file" is
# the five bytes "false", a valid file, which both apps rightly accept (a false positive of
# negative_data_rejection). A missing or misnamed file part is still judged: the differential
# verdict and the contract tests cover the refusal.
NEGATIVE_BODIES_NOT_JUDGED = frozenset({"POST /uploads"})


def problems_with(
    case: GeneratedCase,
    request: SentRequest,
    flask: httpx2.Response,
    fastapi: httpx2.Response,
    pair: str = DEFAULT_PAIR.name,
) -> tuple[CaseResult, list[str]]:
    """The verdict, and every reason the case fails (none when it passes). `flask` is the
    reference's answer, `fastapi` the candidate's (the schema is the candidate's)."""
    every_answer = [
        check
        for check in EVERY_ANSWER
        if not (
            check is negative_data_rejection and case.operation.label in NEGATIVE_BODIES_NOT_JUDGED
        )
    ]
    problems = schema_problems(case, fastapi, [*every_answer, *DECLARED], "fastapi")
    flask_checks = [*every_answer, *(SUCCESS if flask.is_success else [])]
    problems += schema_problems(case, flask, flask_checks, "flask")
    verdict = differential_verdict(case, request, flask, fastapi, pair)
    if verdict.verdict == "unexpected":
        problems.append(f"an unexpected difference:\n{explain(verdict)}")
    return verdict, problems
