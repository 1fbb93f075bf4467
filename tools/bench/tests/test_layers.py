import gc
from collections.abc import Callable
from typing import Any

import pytest

from tools.bench.inprocess import asgi_driver, measure, wsgi_driver
from tools.bench.layers import (
    FASTAPI_VARIANTS,
    FLASK_VARIANTS,
    LayerMissingError,
    Variant,
    fastapi_without,
    flask_without_cors,
    flask_without_wsgi_layer,
    layer_table,
)
from tools.bench.recipe_costs import (
    EMPLOYEE_URL,
    HELLO_URL,
    TWINS,
    at,
    recipe_table,
    recipe_variants,
)
from tools.bench.tuned import RECIPES


def _unused() -> None:
    raise AssertionError("layer_table never builds an app")


VARIANTS = (
    Variant("twin", "the twin", _unused),
    Variant("cors", "CORS", _unused),
    Variant("timer", "process time", _unused),
    Variant("bare-router", "bare, in a router", _unused),
    Variant("bare", "bare", _unused),
)
COSTS = {"twin": 100.0, "cors": 90.0, "timer": 95.0, "bare-router": 70.0, "bare": 60.0}
MODULARITY = ("router", "include_router", "bare-router", "bare")


def test_a_layer_costs_the_twin_minus_the_twin_without_it() -> None:
    rows = {row["layer"]: row["us"] for row in layer_table(VARIANTS, COSTS, MODULARITY)}
    assert rows["cors"] == 10.0
    assert rows["timer"] == 5.0


def test_modularity_is_measured_on_the_bare_apps() -> None:
    rows = {row["layer"]: row["us"] for row in layer_table(VARIANTS, COSTS, MODULARITY)}
    assert rows["router"] == 10.0


def test_the_rest_is_what_no_layer_explains() -> None:
    rows = {row["layer"]: row["us"] for row in layer_table(VARIANTS, COSTS, MODULARITY)}
    # 100 - 60 = 40 over bare; 10 + 5 + 10 explained.
    assert rows["rest"] == pytest.approx(15.0)
    assert (rows["twin"], rows["bare"], rows["bare-router"]) == (100.0, 60.0, 70.0)


@pytest.mark.usefixtures("twin_environment")
@pytest.mark.parametrize(
    ("variant", "driver"),
    [(v, wsgi_driver) for v in FLASK_VARIANTS] + [(v, asgi_driver) for v in FASTAPI_VARIANTS],
    ids=[f"flask:{v.key}" for v in FLASK_VARIANTS] + [f"fastapi:{v.key}" for v in FASTAPI_VARIANTS],
)
def test_every_ablation_builds_an_app_that_still_answers_its_hello(
    variant: Variant, driver: Callable[[Any], Callable[[int], None]]
) -> None:
    # The driver raises unless GET / answered 200: an ablation must not measure an error page.
    driver(variant.build())(2)


@pytest.mark.usefixtures("twin_environment")
def test_an_ablation_that_finds_nothing_to_take_away_fails_loudly() -> None:
    with pytest.raises(LayerMissingError, match="no NoSuchMiddleware"):
        fastapi_without("NoSuchMiddleware")()
    with pytest.raises(LayerMissingError, match="no NoSuchMiddleware around"):
        flask_without_wsgi_layer("NoSuchMiddleware")()


@pytest.mark.usefixtures("twin_environment")
def test_the_flask_ablations_take_away_what_they_name() -> None:
    from tools.bench.tuned.flask_cors_guard import is_flask_cors_hook

    assert not any(is_flask_cors_hook(h) for h in flask_without_cors().after_request_funcs[None])
    timer = flask_without_wsgi_layer("HostHeaderRule")().wsgi_app
    assert type(timer).__name__ == "ProcessTimeMiddleware"
    assert type(timer.app).__name__ == "UnreadableBodyIsBadRequestMiddleware"


@pytest.mark.usefixtures("twin_environment")
@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_every_recipe_variant_answers_the_hello_and_the_employee(framework: str) -> None:
    variants = recipe_variants(framework)
    _, driver = TWINS[framework]
    for url in (HELLO_URL, EMPLOYEE_URL):
        costs = measure(variants, at(driver, url), passes=1, requests=2)
        assert set(costs) == {v.key for v in variants}
    assert gc.get_freeze_count() == 0  # the frozen heap is undone after each of its passes


RECIPE_COSTS = {"twin": 100.0, "cors-origin-only": 90.0, "gc-freeze": 99.0, "tuned": 80.0}
EMPLOYEE_COSTS = {"twin": 500.0, "cors-origin-only": 495.0, "gc-freeze": 510.0, "tuned": 480.0}


def test_a_recipe_wins_the_twin_minus_the_twin_with_it() -> None:
    recipes = tuple(r for r in RECIPES["flask"] if r.key in RECIPE_COSTS)
    table = recipe_table(recipes, RECIPE_COSTS, EMPLOYEE_COSTS)
    wins = {row["recipe"]: (row["us"], row["employee_us"]) for row in table["recipes"]}
    assert wins == {"cors-origin-only": (10.0, 5.0), "gc-freeze": (1.0, -10.0)}
    assert (table["twin_us"], table["tuned_us"]) == (100.0, 80.0)
    assert table["recipes"][0]["code_path"].startswith("tools.bench.tuned.")
