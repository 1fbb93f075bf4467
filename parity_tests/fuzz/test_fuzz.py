"""Every operation of FastAPI's schema, fuzzed, each case sent to both apps and judged.

Schemathesis generates valid (positive) and invalid (negative) cases from /openapi.json. Each
goes, byte for byte, to both apps in-process on fresh databases that receive the same
requests in the same order. A case fails if either app answers 5xx, if FastAPI answers
anything its schema does not declare, if the Flask twin's success does not fit the schema, if
either app accepts what the schema forbids or refuses what it allows, or if the two differ in
a way no registry entry covers (parity_tests/fuzz/recognise.py says which entry is which).
"""

import pytest
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from parity_tests.contract_schema import load_contract
from parity_tests.fuzz import formats
from parity_tests.fuzz.cases import GeneratedCase, SentRequest
from parity_tests.fuzz.conftest import FULL_RUN_EXAMPLES, SLICE_EXAMPLES, record
from parity_tests.fuzz.judge import problems_with
from parity_tests.options import is_live
from parity_tests.sides import Pair

formats.register()
SCHEMA = load_contract()
SCHEMA.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
if not FULL_RUN_EXAMPLES:
    # The slice leaves out the coverage phase (every boundary value of every parameter:
    # hundreds of cases) and draws the same few cases on every run.
    SCHEMA.config.phases.update(phases=["examples", "fuzzing"])


def takes_input(case: GeneratedCase) -> bool:
    declared = SCHEMA.raw_schema["paths"][case.operation.path][case.operation.method.lower()]
    return bool(declared.get("parameters") or declared.get("requestBody"))


@SCHEMA.parametrize()
@settings(
    max_examples=FULL_RUN_EXAMPLES or SLICE_EXAMPLES,
    # The slice is the same cases on every run; a full run draws new ones (on a failure,
    # hypothesis prints the blob that reproduces it).
    derandomize=not FULL_RUN_EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    # Both apps answer each case in-process: the generator's pace is not what is judged.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_a_generated_request_gets_the_answer_the_schema_and_the_registry_allow(
    case: GeneratedCase, pair: Pair, request: pytest.FixtureRequest
) -> None:
    if is_live(request.config):
        pytest.skip("fuzzes apps in-process: a case may create, change or delete any row")
    sent = SentRequest.from_case(case)
    reference, candidate = sent.send(pair.reference), sent.send(pair.candidate)

    verdict, problems = problems_with(case, sent, reference, candidate, pair.spec.name)
    record(
        request.config,
        case.operation.label,
        takes_input(case),
        (reference.status_code, candidate.status_code),
        verdict.differences,
    )

    assert not problems, f"{sent.describe()}\n" + "\n".join(problems)
