from parity_tests.fuzz.conftest import OperationRecord, too_few_cases


def test_a_full_run_fails_an_operation_with_input_that_got_fewer_cases_than_asked() -> None:
    records = {
        "GET /employees": OperationRecord(takes_input=True, cases=99),
        "POST /employees": OperationRecord(takes_input=True, cases=100),
        "GET /health": OperationRecord(takes_input=False, cases=10),
    }

    assert too_few_cases(records, 100) == ["GET /employees"]
