from flask import Blueprint, Response, render_template, send_file

from flask_app.deps import get_db, get_settings
from shared.pages import FAVICON, PAGE_TEMPLATE, page_context

bp = Blueprint("pages", __name__)


@bp.get("/page")
def page() -> str:
    return render_template(PAGE_TEMPLATE, **page_context(get_db(), get_settings(), "Flask"))


@bp.get("/favicon.ico")
def favicon() -> Response:
    return send_file(FAVICON, mimetype="image/png")
