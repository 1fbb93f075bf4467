"""Flask's hello with the extension the twin chose: flask-pydantic's @validate and a model.

Beside bare_flask it shows what flask-pydantic costs on its own, apart from the twin's layers.
"""

from flask import Flask
from flask_pydantic import validate

from shared.schemas import Hello


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    @validate()
    def hello() -> Hello:
        return Hello()

    return app
