"""The worked example (engine/examples/shop) on the plugin: it passes as committed, and fails
as soon as one of its accepted differences is taken away."""

import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"


@pytest.fixture
def shop(pytester: pytest.Pytester) -> Path:
    for name in ("shop.sidebyside.toml", "shop.har"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    return pytester.path / "shop.sidebyside.toml"


def test_the_example_pair_passes_and_writes_its_report(
    pytester: pytest.Pytester, shop: Path
) -> None:
    result = pytester.runpytest("--sbs-report", "reports")

    result.assert_outcomes(passed=15)
    report = pytester.path / "reports" / "sidebyside-flask-shop-fastapi-shop.md"
    assert "**15 cases**: 9 the same, 6 a documented difference, 0 unexpected." in (
        report.read_text()
    )


def test_the_example_pair_fails_on_a_difference_it_no_longer_accepts(
    pytester: pytest.Pytester, shop: Path
) -> None:
    shop.write_text(shop.read_text().replace('expect = ["error-key"]', ""))

    result = pytester.runpytest()

    result.assert_outcomes(passed=14, failed=1)
    result.stdout.fnmatch_lines(["*unexpected difference: admin: the stats without a token*"])
