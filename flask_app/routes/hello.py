from flask import Blueprint

from flask_app.application import returns_model
from shared.schemas import Hello

bp = Blueprint("hello", __name__)


@bp.get("/")
@returns_model
def hello() -> Hello:
    return Hello()
