"""The CORS policy both twins build from Settings (its fields are pinned whole in
test_twin_guards.py)."""

import dataclasses

import pytest

from shared.cors import cors_policy
from shared.settings import Settings


def test_a_cors_policy_cannot_be_changed_once_built() -> None:
    # What each twin hands its framework is what the settings say, and nothing set afterwards.
    policy = cors_policy(Settings(cors_origins=["https://a.example"]))

    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.max_age_seconds = 0  # type: ignore[misc]
    assert policy.max_age_seconds == 600
