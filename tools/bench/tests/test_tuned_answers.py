"""Every recipe changes what a twin costs, never what it answers: the same requests to the twin
with and without it get the same status, headers and body (the time taken and the date aside).
"""

import pytest

from fastapi_app import create_app as create_fastapi_twin
from flask_app import create_app as create_flask_twin
from shared.settings import Settings
from tools.bench.tests.answers import PROBES, fastapi_answers, flask_answers
from tools.bench.tuned import FASTAPI_RECIPES, FLASK_RECIPES, Recipe, tuned

NAMES = [probe.title for probe in PROBES]


def _recipe_ids(recipes: tuple[Recipe, ...]) -> list[str]:
    return [recipe.key for recipe in recipes]


@pytest.mark.parametrize(
    "recipes",
    [(recipe,) for recipe in FLASK_RECIPES] + [FLASK_RECIPES],
    ids=[*_recipe_ids(FLASK_RECIPES), "all"],
)
def test_the_flask_twin_answers_the_same_with_each_recipe_and_with_all(
    recipes: tuple[Recipe, ...], twin_settings: Settings
) -> None:
    expected = dict(zip(NAMES, flask_answers(create_flask_twin(twin_settings)), strict=True))
    tuned_twin = tuned(create_flask_twin(twin_settings), recipes)
    observed = dict(zip(NAMES, flask_answers(tuned_twin), strict=True))
    assert observed == expected


@pytest.mark.parametrize(
    "recipes",
    [(recipe,) for recipe in FASTAPI_RECIPES] + [FASTAPI_RECIPES],
    ids=[*_recipe_ids(FASTAPI_RECIPES), "all"],
)
def test_the_fastapi_twin_answers_the_same_with_each_recipe_and_with_all(
    recipes: tuple[Recipe, ...], twin_settings: Settings
) -> None:
    expected = dict(zip(NAMES, fastapi_answers(create_fastapi_twin(twin_settings)), strict=True))
    tuned_twin = tuned(create_fastapi_twin(twin_settings), recipes)
    observed = dict(zip(NAMES, fastapi_answers(tuned_twin), strict=True))
    assert observed == expected


def test_the_requests_compared_are_answered_as_intended(twin_settings: Settings) -> None:
    # The comparison above means something only if these reach what they are meant to.
    statuses = {
        name: status
        for name, (status, _, _) in zip(
            NAMES, fastapi_answers(create_fastapi_twin(twin_settings)), strict=True
        )
    }
    assert statuses["an employee"] == 200
    assert statuses["a foreign Host"] == 400
    assert statuses["a 404"] == 404
    assert statuses["whoami without credentials"] == 401
    assert statuses["whoami with credentials"] == 200
