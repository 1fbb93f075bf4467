"""The tuned FastAPI twin, for uvicorn:
`uvicorn --factory tools.bench.tuned.fastapi_twin:create_app`."""

from fastapi import FastAPI

from fastapi_app import create_app as create_twin
from shared.settings import Settings
from tools.bench.tuned import FASTAPI_RECIPES, chosen, tuned


def create_app() -> FastAPI:
    """The idiomatic twin from the environment's settings, with the recipes TUNED_RECIPES
    names (every one when it is unset)."""
    return tuned(create_twin(Settings()), chosen(FASTAPI_RECIPES))
