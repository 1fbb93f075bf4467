from flask import Blueprint, render_template

from flask_app.deps import get_db, get_settings
from shared.pages import PAGE_TEMPLATE, page_context

bp = Blueprint("pages", __name__)


@bp.get("/page")
def page() -> str:
    return render_template(PAGE_TEMPLATE, **page_context(get_db(), get_settings(), "Flask"))
