"""The tuned Flask twin, for gunicorn: `gunicorn 'tools.bench.tuned.flask_twin:create_app()'`."""

from flask import Flask

from flask_app import create_app as create_twin
from shared.settings import Settings
from tools.bench.tuned import FLASK_RECIPES, chosen, tuned


def create_app() -> Flask:
    """The idiomatic twin from the environment's settings, with the recipes TUNED_RECIPES
    names (every one when it is unset)."""
    return tuned(create_twin(Settings()), chosen(FLASK_RECIPES))
