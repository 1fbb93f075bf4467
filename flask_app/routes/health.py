from flask import Blueprint
from flask_pydantic import validate

from flask_app.deps import get_resources
from shared.db import database_is_reachable
from shared.schemas import Health

bp = Blueprint("health", __name__)


@bp.get("/health")
@validate()
def health() -> Health | tuple[Health, int]:
    if database_is_reachable(get_resources().engine):
        return Health(status="ok", database="ok")
    return Health(status="unavailable", database="unreachable"), 503
