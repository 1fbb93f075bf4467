from flask import Blueprint

from flask_app.application import returns_model
from flask_app.deps import get_settings
from shared.public import public_settings
from shared.schemas import PublicSettings

bp = Blueprint("settings", __name__)


@bp.get("/settings")
@returns_model
def show_settings() -> PublicSettings:
    return public_settings(get_settings())
