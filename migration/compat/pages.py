"""Werkzeug's HTML pages, byte for byte, for the answers a Flask app's clients already know.

Werkzeug is Flask's own toolkit, so a service that is being moved from Flask has it installed;
its exception classes render the exact pages Flask sends (`HTTPException.get_body`), which is
safer than a copy of their markup.

    from migration.compat.pages import werkzeug_page
    return werkzeug_page(404)  # Flask's "404 Not Found" page, text/html; charset=utf-8
"""

from collections.abc import Mapping

from starlette.responses import HTMLResponse
from werkzeug.exceptions import default_exceptions
from werkzeug.utils import redirect

HTML = "text/html; charset=utf-8"


def werkzeug_page(
    status: int, description: str | None = None, headers: Mapping[str, str] | None = None
) -> HTMLResponse:
    """The page Flask sends for an HTTP error `status`, with Werkzeug's default description
    unless one is given (Flask's own errors sometimes give one, such as the 415 of get_json)."""
    error = default_exceptions[status](description)
    return HTMLResponse(error.get_body(), status, headers=headers, media_type=HTML)


def werkzeug_redirect(location: str, status: int = 308) -> HTMLResponse:
    """Werkzeug's redirect: its small "Redirecting..." page and an absolute Location."""
    response = redirect(location, status)
    return HTMLResponse(
        response.get_data(), status, headers={"Location": location}, media_type=HTML
    )
