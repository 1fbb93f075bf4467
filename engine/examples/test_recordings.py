"""The committed recordings are what their scripts record today: same requests, same order."""

import json
from pathlib import Path
from typing import Any

import pytest

from examples.notes import record as notes
from examples.shop import record as shop
from examples.twins import record as twins


def requests_of(log: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            entry["request"]["method"],
            entry["request"]["url"],
            entry["request"].get("postData", {}).get("text", ""),
        )
        for entry in log["log"]["entries"]
    ]


@pytest.mark.parametrize(
    ("script", "committed"),
    [
        (shop, shop.HERE / "shop.har"),
        (twins, twins.HERE / "twins.har"),
        (notes, notes.HERE / "notes.har"),
    ],
    ids=["shop", "twins", "notes"],
)
def test_a_committed_recording_matches_its_script(script: Any, committed: Path) -> None:
    recorded = json.loads(committed.read_text(encoding="utf-8"))

    assert requests_of(recorded) == requests_of(script.record()), (
        f"{committed.name} is stale: run PYTHONPATH=engine python -m {script.__name__}"
    )
