"""An included router of a built FastAPI app exchanged for another, at the same place."""

from fastapi import APIRouter, FastAPI

from tools.bench.tuned import RecipeError


def swap_included_router(app: FastAPI, old: APIRouter, new: APIRouter) -> None:
    """`app` serves `new` where it served `old`: same place in the route table, so that
    everything matched before it still is. `old` itself is left as it is (other apps built in
    the same process include it too)."""
    table = app.router.routes
    place = next(
        (i for i, entry in enumerate(table) if getattr(entry, "original_router", None) is old),
        None,
    )
    if place is None:
        raise RecipeError("the app does not include the router to exchange")
    app.include_router(new)
    table[place] = table.pop()
