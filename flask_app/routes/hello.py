from flask import Blueprint
from flask_pydantic import validate

from shared.schemas import Hello

bp = Blueprint("hello", __name__)


@bp.get("/")
@validate()
def hello() -> Hello:
    return Hello()
