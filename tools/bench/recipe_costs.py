"""What each recipe of tools.bench.tuned wins in-process: the twin minus the twin with that recipe,
in CPU µs per request, measured as tools.bench.layers measures a layer.

The hello is where the report reads it (the same case the recipe subjects run under a server);
an employee read is measured beside it, because some recipes (the async getters, the lazy
session) touch code that the hello never reaches, and a hello alone would show them as free.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

from tools.bench.inprocess import Serve, Variant, asgi_driver, measure, wsgi_driver
from tools.bench.layers import fastapi_twin, flask_twin
from tools.bench.tuned import RECIPES, Recipe, resolve
from tools.bench.workloads import EMPLOYEE_ID

HELLO_URL = "/"
EMPLOYEE_URL = f"/employees/{EMPLOYEE_ID}"
# An employee read costs several hellos: fewer requests a pass keep its share of the time sane.
EMPLOYEE_REQUEST_SHARE = 5
TWINS: dict[str, tuple[Callable[[], Any], Callable[[Any, str], Serve]]] = {
    "flask": (flask_twin, wsgi_driver),
    "fastapi": (fastapi_twin, asgi_driver),
}
TUNED = "tuned"


def within(recipes: tuple[Recipe, ...]) -> Callable[[], AbstractContextManager[None]] | None:
    """The process-wide recipes among `recipes`, as one context to measure within."""
    contexts = [resolve(r.measured_within) for r in recipes if r.measured_within is not None]
    if not contexts:
        return None

    @contextmanager
    def all_of_them() -> Iterator[None]:
        with ExitStack() as stack:
            for context in contexts:
                stack.enter_context(context())
            yield

    return all_of_them


def with_recipes(framework: str, key: str, label: str, recipes: tuple[Recipe, ...]) -> Variant:
    build_twin, _ = TWINS[framework]

    def build() -> Any:
        app = build_twin()
        for recipe in recipes:
            if recipe.measured_within is None:
                recipe.apply(app)
        return app

    return Variant(key, label, build, within(recipes))


def recipe_variants(framework: str) -> tuple[Variant, ...]:
    recipes = RECIPES[framework]
    return (
        with_recipes(framework, "twin", "the twin as written", ()),
        *(with_recipes(framework, r.key, r.label, (r,)) for r in recipes),
        with_recipes(framework, TUNED, "every recipe (the tuned twin)", recipes),
    )


def recipe_table(
    recipes: tuple[Recipe, ...], hello: dict[str, float], employee: dict[str, float]
) -> dict[str, Any]:
    """Each recipe's win (the twin minus the twin with it), and the twin and tuned totals."""
    return {
        "twin_us": hello["twin"],
        "tuned_us": hello[TUNED],
        "employee_twin_us": employee["twin"],
        "employee_tuned_us": employee[TUNED],
        "recipes": [
            {
                "recipe": recipe.key,
                "label": recipe.label,
                "code_path": recipe.code_path,
                "us": hello["twin"] - hello[recipe.key],
                "employee_us": employee["twin"] - employee[recipe.key],
            }
            for recipe in recipes
        ],
    }


def at(driver: Callable[[Any, str], Serve], url: str) -> Callable[[Any], Serve]:
    """`driver`, sending every request to `url`."""
    return lambda app: driver(app, url)


def measure_recipes(passes: int, requests: int) -> dict[str, Any]:
    """Both twins' recipe tables; DATABASE_URL must name a seeded database (the employee)."""
    tables = {}
    for framework, (_, driver) in TWINS.items():
        variants = recipe_variants(framework)
        hello = measure(variants, at(driver, HELLO_URL), passes, requests)
        employee = measure(
            variants,
            at(driver, EMPLOYEE_URL),
            passes,
            max(2, requests // EMPLOYEE_REQUEST_SHARE),
        )
        tables[framework] = recipe_table(RECIPES[framework], hello, employee)
    return tables
