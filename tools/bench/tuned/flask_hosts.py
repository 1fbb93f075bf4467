"""Flask's TRUSTED_HOSTS check, remembering the Host values it let through.

Flask checks the Host of every request against TRUSTED_HOSTS while it builds the request's URL
adapter, and Werkzeug IDNA-encodes each trusted name again for each check, though the verdict
depends on the Host value alone. A value Flask has once let through is not checked again; every
other value, refused ones included, goes to Flask's check each time, and so does a request with
no Host header (Flask then uses the server's name). The memory holds a few values (clients send
the same names) and stops growing at its bound, so that a client inventing a Host per request
cannot grow it.
"""

from collections.abc import Callable

from flask import Flask, Request
from werkzeug.routing import MapAdapter
from werkzeug.wsgi import get_host

from tools.bench.tuned import RecipeError

REMEMBERED_HOSTS = 64


def remember_trusted_hosts(app: Flask) -> None:
    trusted = app.config["TRUSTED_HOSTS"]
    if not trusted:
        raise RecipeError("the app sets no TRUSTED_HOSTS: there is no check to remember")
    # What follows builds the adapter as Flask does for an app that matches neither hosts nor
    # subdomains and has no SERVER_NAME: refuse any other.
    if app.url_map.host_matching or app.subdomain_matching or app.config["SERVER_NAME"]:
        raise RecipeError("the app matches hosts or subdomains, or sets SERVER_NAME")
    app.create_url_adapter = remembering(app, app.create_url_adapter)  # type: ignore[method-assign,assignment]


def remembering(
    app: Flask, flasks_own: Callable[[Request | None], MapAdapter | None]
) -> Callable[[Request | None], MapAdapter | None]:
    let_through: set[str] = set()

    def create_url_adapter(request: Request | None) -> MapAdapter | None:
        host = None if request is None else request.environ.get("HTTP_HOST")
        if request is None or host not in let_through:
            # Flask's own raises SecurityError for a host it does not trust.
            adapter = flasks_own(request)
            if host is not None and len(let_through) < REMEMBERED_HOSTS:
                let_through.add(host)
            return adapter
        request.trusted_hosts = app.config["TRUSTED_HOSTS"]
        request.host = get_host(request.environ)
        return app.url_map.bind_to_environ(
            request.environ, server_name=None, subdomain=app.url_map.default_subdomain or ""
        )

    return create_url_adapter
