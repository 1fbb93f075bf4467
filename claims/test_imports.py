"""Import probes: a fresh interpreter tells a clean import from one that fails or warns."""

from claims.imports import run_statement


def test_an_import_that_runs_quietly_is_clean() -> None:
    outcome = run_statement("import json")

    assert outcome.clean
    assert outcome.describe() == "`import json` runs without an error or a deprecation warning"


def test_an_import_that_fails_is_not_clean_and_says_why() -> None:
    outcome = run_statement("from json import NoSuchName")

    assert not outcome.clean
    assert outcome.error.startswith("ImportError: cannot import name 'NoSuchName'")


def test_an_import_that_warns_of_a_deprecation_is_not_clean() -> None:
    outcome = run_statement("import warnings; warnings.warn('gone soon', DeprecationWarning)")

    assert not outcome.clean
    assert outcome.describe().endswith("warns DeprecationWarning: gone soon")


def test_other_warnings_do_not_make_an_import_unclean() -> None:
    outcome = run_statement("import warnings; warnings.warn('just so you know', UserWarning)")

    assert outcome.clean
    assert outcome.warnings == ("UserWarning: just so you know",)
