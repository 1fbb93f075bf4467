"""The recipes as the harness knows them: each names code that exists, TUNED_RECIPES picks
them, and the tuned factories apply exactly the ones picked."""

import gc
from contextlib import AbstractContextManager
from typing import cast

import pytest
from flask.sessions import SecureCookieSessionInterface
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from tools.bench.tuned import (
    ENVIRONMENT_VARIABLE,
    FASTAPI_RECIPES,
    FLASK_RECIPES,
    RECIPES,
    Recipe,
    UnknownRecipeError,
    chosen,
    resolve,
)
from tools.bench.tuned.fastapi_cors_guard import OriginOnlyCORSMiddleware
from tools.bench.tuned.fastapi_guards import FoldedMiddleware
from tools.bench.tuned.fastapi_timer import RawPairProcessTimeMiddleware
from tools.bench.tuned.flask_sessions import LazySigningSessionInterface
from tools.bench.tuned.starlette_middleware import middleware_class


@pytest.mark.parametrize(
    "recipe",
    [*FLASK_RECIPES, *FASTAPI_RECIPES],
    ids=[f"{framework}:{r.key}" for framework, rs in RECIPES.items() for r in rs],
)
def test_every_recipe_names_a_function_that_exists(recipe: Recipe) -> None:
    assert callable(resolve(recipe.code_path))
    if recipe.measured_within is not None:
        assert isinstance(resolve(recipe.measured_within)(), AbstractContextManager)


def test_recipe_keys_are_unique_within_a_twin() -> None:
    for recipes in RECIPES.values():
        keys = [recipe.key for recipe in recipes]
        assert len(keys) == len(set(keys))


def test_the_heap_is_frozen_last_once_everything_else_is_built() -> None:
    for recipes in RECIPES.values():
        assert recipes[-1].key == "gc-freeze"


def test_unset_picks_every_recipe_and_empty_picks_none() -> None:
    assert chosen(FLASK_RECIPES, {}) == FLASK_RECIPES
    assert chosen(FLASK_RECIPES, {ENVIRONMENT_VARIABLE: ""}) == ()


def test_named_recipes_apply_in_the_catalogs_order_whatever_the_order_named() -> None:
    picked = chosen(FLASK_RECIPES, {ENVIRONMENT_VARIABLE: "gc-freeze, lazy-session"})
    assert [recipe.key for recipe in picked] == ["lazy-session", "gc-freeze"]


def test_an_unknown_recipe_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownRecipeError, match="names nope; the recipes are cors-origin-only"):
        chosen(FASTAPI_RECIPES, {ENVIRONMENT_VARIABLE: "nope"})


@pytest.mark.usefixtures("twin_environment")
def test_the_flask_factory_applies_only_the_recipe_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tools.bench.tuned.flask_twin import create_app

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "lazy-session")
    one = create_app()
    assert isinstance(one.session_interface, LazySigningSessionInterface)
    assert "ensure_sync" not in vars(one)
    assert gc.get_freeze_count() == 0
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "cors-origin-only")
    other = create_app()
    assert type(other.session_interface) is SecureCookieSessionInterface


@pytest.mark.usefixtures("twin_environment")
def test_the_fastapi_factory_applies_every_recipe_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tools.bench.tuned.fastapi_twin import create_app

    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    app = create_app()
    classes = [middleware_class(entry) for entry in app.user_middleware]
    assert classes == [FoldedMiddleware]
    (folded,) = [e for e in app.user_middleware if middleware_class(e) is FoldedMiddleware]
    guards = cast(tuple[Middleware, ...], folded.kwargs["stack"])
    folded_classes = [middleware_class(entry) for entry in guards]
    assert OriginOnlyCORSMiddleware in folded_classes
    assert CORSMiddleware not in folded_classes
    assert RawPairProcessTimeMiddleware in folded_classes
    assert gc.get_freeze_count() > 0
