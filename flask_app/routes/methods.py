from flask import Blueprint, request
from flask_pydantic import validate

from shared.schemas import MethodEcho

bp = Blueprint("methods", __name__)


# Flask: one view, the verbs listed on the route (HEAD and OPTIONS come for free).
@bp.route("/methods", methods=["GET", "POST"])
@validate()
def methods() -> MethodEcho:
    return MethodEcho(method=request.method)
