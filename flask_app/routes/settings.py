from flask import Blueprint
from flask_pydantic import validate

from flask_app.deps import get_settings
from shared.public import public_settings
from shared.schemas import PublicSettings

bp = Blueprint("settings", __name__)


@bp.get("/settings")
@validate()
def show_settings() -> PublicSettings:
    return public_settings(get_settings())
