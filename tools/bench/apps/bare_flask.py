"""Flask's own hello world: one route returning a dict, nothing else."""

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def hello() -> dict[str, str]:
        return {"Hello": "World"}

    return app
