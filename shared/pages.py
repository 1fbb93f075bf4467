"""What the employees page shows; each app renders it with its own Jinja integration."""

from pathlib import Path

from sqlalchemy.orm import Session

from shared.employees import recently_hired
from shared.settings import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
PAGE_TEMPLATE = "page.html"
# Served at /favicon.ico too, where browsers look when a page names no icon.
FAVICON = STATIC_DIR / "favicon.png"
PAGE_SIZE = 100


def page_context(session: Session, settings: Settings, framework: str) -> dict[str, object]:
    employees = recently_hired(session, PAGE_SIZE)
    return {"framework": framework, "message": settings.message, "employees": employees}
