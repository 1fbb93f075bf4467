"""A claim's verdict follows what its probe sees: fed the answers a changed library would
give, each of these claims moves, which is what the ledger's stale check then reports."""

from collections.abc import Callable
from typing import Any

import pytest
from sidebyside import CaseResult

from parity_tests.normalise import Observation
from tools.claims.ledger import Claim
from tools.claims.parity_cases import Case
from tools.claims.sections import (
    admin,
    documentation,
    introduction,
    routes,
    serialization,
    validation,
)

JSON = "application/json"


def answering(flask: Observation, fastapi: Observation) -> Callable[..., Case]:
    result = CaseResult(
        "feature", "title", "GET /", flask, fastapi, (), (), "same", "flask:fastapi"
    )
    return lambda *args, **kwargs: Case(result)


def seen(status: int, body: Any = None) -> Observation:
    return Observation(status, JSON, {}, {} if body is None else body)


@pytest.mark.parametrize(
    ("module", "claim", "flask", "fastapi", "verdict"),
    [
        (routes, routes.typed_url_parameters, seen(200), seen(422), "wrong"),
        (validation, validation.flask_validation_by_extension, seen(201), seen(422), "wrong"),
        (
            serialization,
            serialization.response_model_drops_fields,
            seen(200, {"username": "a", "password": "p"}),
            seen(200, {"username": "a"}),
            "wrong",
        ),
        (admin, admin.no_fastapi_admin, seen(200), seen(404), "holds"),
        (introduction, introduction.flask_lacks_async, seen(404), seen(200), "holds"),
        (documentation, documentation.documentation_built_in, seen(200), seen(200), "wrong"),
    ],
    ids=lambda value: value.id if isinstance(value, Claim) else None,
)
def test_a_claim_moves_when_the_twins_answer_otherwise(
    module: object,
    claim: Claim,
    flask: Observation,
    fastapi: Observation,
    verdict: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(module, "parity_case", answering(flask, fastapi))

    finding = claim.check(**{name: request.getfixturevalue(name) for name in claim.fixtures})

    assert finding.verdict == verdict
