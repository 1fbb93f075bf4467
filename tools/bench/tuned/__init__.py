"""The tuned twins: each twin as written, plus named recipes that change what it costs and
never what it answers.

The twins are idiomatic: each is written as its framework's docs teach, and carries no speed
trick. A recipe is a small function applied to an already-built twin (a hook wrapped, a
middleware entry replaced, a dependency overridden); its tests in tools/bench/tests show that the
same requests get the same answers with and without it, and that it does what it claims. The
benchmark runs each twin with every recipe (the tuned twin) and with each recipe alone, so that
the report can say what each one wins, and a reader what their own idiomatic app could.

`tools.bench.tuned.flask_twin:create_app` and `tools.bench.tuned.fastapi_twin:create_app` are the
server factories; TUNED_RECIPES (comma-separated keys) picks the recipes, all of them when unset.
"""

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

ENVIRONMENT_VARIABLE = "TUNED_RECIPES"


class RecipeError(RuntimeError):
    """A recipe cannot apply to this app: what it changes is not where it expects it."""


class UnknownRecipeError(ValueError):
    """TUNED_RECIPES names something that is not a recipe of this twin."""


def resolve(code_path: str) -> Any:
    """The object a "module:name" path names."""
    module, _, name = code_path.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Recipe:
    key: str
    label: str
    # The function that applies it to a built twin, as "module:function". A path rather than
    # the function itself, so that the harness can list recipes without importing the twins;
    # the report prints it, and a test resolves every one.
    code_path: str
    # A process-wide recipe (gc.freeze) cannot be applied to one app of several in the same
    # process: in-process it is measured inside this context manager ("module:function")
    # instead, which undoes it afterwards. None for a recipe that changes its app alone.
    measured_within: str | None = None

    def apply(self, app: Any) -> None:
        resolve(self.code_path)(app)


FREEZE = Recipe(
    "gc-freeze",
    "the start-up heap frozen (gc.freeze)",
    "tools.bench.tuned.heap:freeze_startup_heap",
    measured_within="tools.bench.tuned.heap:frozen_heap",
)
# In the order they are applied: gc.freeze last, once everything else is built.
FLASK_RECIPES: tuple[Recipe, ...] = (
    Recipe(
        "cors-origin-only",
        "flask-cors consulted only for a request with an Origin",
        "tools.bench.tuned.flask_cors_guard:consult_cors_only_with_origin",
    ),
    Recipe(
        "lazy-session",
        "the session signed and saved only for a request that uses one",
        "tools.bench.tuned.flask_sessions:sign_sessions_lazily",
    ),
    Recipe(
        "ensure-sync-cache",
        "ensure_sync's answer kept per function",
        "tools.bench.tuned.flask_ensure_sync:remember_which_functions_are_async",
    ),
    Recipe(
        "model-response",
        "a view without input answers its model without flask-pydantic's @validate()",
        "tools.bench.tuned.flask_models:answer_models_without_validate",
    ),
    Recipe(
        "direct-vary",
        "`Vary: Origin` set as a plain header when the response has no Vary",
        "tools.bench.tuned.flask_vary:write_vary_directly",
    ),
    Recipe(
        "admin-session-if-used",
        "the admin's scoped session removed only by a request that used it",
        "tools.bench.tuned.flask_admin_session:remove_admin_session_only_if_used",
    ),
    Recipe(
        "remembered-hosts",
        "TRUSTED_HOSTS checked once per Host value",
        "tools.bench.tuned.flask_hosts:remember_trusted_hosts",
    ),
    FREEZE,
)
FASTAPI_RECIPES: tuple[Recipe, ...] = (
    Recipe(
        "cors-origin-only",
        "Starlette's CORSMiddleware consulted only for a request with an Origin",
        "tools.bench.tuned.fastapi_cors_guard:consult_cors_only_with_origin",
    ),
    Recipe(
        "remembered-hosts",
        "TrustedHostMiddleware remembers the Host values it let through",
        "tools.bench.tuned.fastapi_hosts:remember_allowed_hosts",
    ),
    Recipe(
        "raw-timer-header",
        "the process-time header appended as a raw pair, without MutableHeaders",
        "tools.bench.tuned.fastapi_timer:append_time_as_a_raw_pair",
    ),
    Recipe(
        "folded-middleware",
        "the five middleware as one layer, passed in one step by a plain request",
        "tools.bench.tuned.fastapi_guards:fold_the_middleware",
    ),
    Recipe(
        "routes-on-the-app",
        "each router's routes registered on the app itself, matched once",
        "tools.bench.tuned.fastapi_routes:register_routes_on_the_app",
    ),
    FREEZE,
)
RECIPES: dict[str, tuple[Recipe, ...]] = {"flask": FLASK_RECIPES, "fastapi": FASTAPI_RECIPES}


def chosen(
    recipes: tuple[Recipe, ...], environment: Mapping[str, str] = os.environ
) -> tuple[Recipe, ...]:
    """The recipes TUNED_RECIPES names (every one when it is unset, none when it is empty), in
    the order of `recipes` whatever the order of the names."""
    value = environment.get(ENVIRONMENT_VARIABLE)
    if value is None:
        return recipes
    keys = [key.strip() for key in value.split(",") if key.strip()]
    unknown = sorted(set(keys) - {recipe.key for recipe in recipes})
    if unknown:
        raise UnknownRecipeError(
            f"{ENVIRONMENT_VARIABLE} names {', '.join(unknown)}; the recipes are "
            f"{', '.join(recipe.key for recipe in recipes)}"
        )
    return tuple(recipe for recipe in recipes if recipe.key in keys)


App = TypeVar("App")


def tuned(app: App, recipes: tuple[Recipe, ...]) -> App:
    """`app` with `recipes` applied, in their order."""
    for recipe in recipes:
        recipe.apply(app)
    return app
