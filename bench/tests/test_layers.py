import pytest

from bench.layers import Variant, layer_table


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
