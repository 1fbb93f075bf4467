"""`--database`: a run on PostgreSQL keeps only the tests that touch a database."""

import pytest

pytest_plugins = ["pytester"]

TESTS = """
def test_with_a_database(database_backend):
    pass

def test_with_a_side(reference_side):
    pass

def test_without_one():
    pass
"""

SIDES = """
import pytest

@pytest.fixture
def make_settings(database_backend):
    return None

@pytest.fixture
def reference_side(make_settings):
    return None
"""


def collected(pytester: pytest.Pytester, database: str) -> list[str]:
    pytester.makeconftest(SIDES)
    pytester.makepyfile(test_selection=TESTS)
    result = pytester.runpytest("-p", "parity_tests.options", "--database", database, "--co", "-q")
    return [line.split("::")[1] for line in result.outlines if "::" in line]


def test_on_postgresql_only_the_tests_that_reach_a_database_run(pytester: pytest.Pytester) -> None:
    assert collected(pytester, "postgresql") == ["test_with_a_database", "test_with_a_side"]


def test_on_sqlite_every_test_runs(pytester: pytest.Pytester) -> None:
    assert collected(pytester, "sqlite") == [
        "test_with_a_database",
        "test_with_a_side",
        "test_without_one",
    ]
