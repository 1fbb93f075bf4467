"""Import probes: a fresh interpreter tells a clean import from one that fails or warns."""

import pytest

from tools.claims.imports import NoCleanImportError, judge_move, run_statement
from tools.claims.ledger import Finding


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


def moved(old: str, new: str) -> Finding:
    return judge_move(old, new, today="Import it from its new home.", changed="it moved")


def test_an_import_that_still_runs_cleanly_holds() -> None:
    assert moved("import json", "import json").verdict == "holds"


def test_an_import_that_fails_where_its_replacement_runs_is_outdated() -> None:
    finding = moved("from json import NoSuchName", "from json import loads")

    assert finding.verdict == "outdated"
    assert "raises ImportError" in finding.observed


def test_an_import_that_warns_of_its_deprecation_is_outdated() -> None:
    old = "import warnings; warnings.warn('moved', DeprecationWarning)"

    assert moved(old, "import json").verdict == "outdated"


def test_a_move_to_a_replacement_that_fails_too_is_refused() -> None:
    with pytest.raises(NoCleanImportError, match="NoSuchName"):
        moved("from json import NoSuchName", "from json import NorThis")
