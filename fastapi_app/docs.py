"""Swagger UI and ReDoc served from the app itself, so that /docs and /redoc work offline.

FastAPI's default pages load Swagger UI, ReDoc, a Google font and a favicon from public
CDNs, and render blank where those are out of reach. This is FastAPI's documented
self-hosting pattern (the built-in pages turned off, the same HTML served with local asset
URLs), with the assets taken from the fastapi-offline package: pinned in uv.lock like any
dependency, and nothing to download or vendor at build time.
"""

from functools import cache
from importlib.resources import files

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
ASSETS_URL = "/docs/assets"
# fastapi-offline ships swagger-ui-bundle.js, swagger-ui.css, redoc.standalone.js and
# favicon.png in its `static` folder.
ASSETS_PACKAGE, ASSETS_FOLDER = "fastapi_offline", "static"
REDOC_BUNDLE = "redoc.standalone.js"
# ReDoc's bundle draws its "API docs by Redocly" logo from this URL whatever its options
# (Redocly/redoc#2108). An empty data: URL fails without a request, and ReDoc then hides
# the image. If an upgrade moves the URL, the browser test that forbids requests off the
# machine fails.
REDOC_CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def redoc_bundle() -> bytes:
    bundle = files(ASSETS_PACKAGE).joinpath(ASSETS_FOLDER, REDOC_BUNDLE).read_bytes()
    return bundle.replace(REDOC_CDN_LOGO, b"data:,")


def init_app(app: FastAPI) -> None:
    """Serve the docs pages and their assets; the app must be built with docs_url=None and
    redoc_url=None so that FastAPI's CDN-based pages are not registered first."""
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_redirect_url = app.swagger_ui_oauth2_redirect_url or f"{DOCS_URL}/oauth2-redirect"

    def root(request: Request) -> str:
        # Behind a proxy that strips a prefix, every URL the page loads must carry it.
        prefix: str = request.scope.get("root_path", "")
        return prefix.rstrip("/")

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        prefix = root(request)
        return get_swagger_ui_html(
            openapi_url=prefix + openapi_url,
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=prefix + oauth2_redirect_url,
            swagger_js_url=f"{prefix}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{prefix}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{prefix}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    @app.get(oauth2_redirect_url, include_in_schema=False)
    def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        prefix = root(request)
        return get_redoc_html(
            openapi_url=prefix + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{prefix}{ASSETS_URL}/{REDOC_BUNDLE}",
            redoc_favicon_url=f"{prefix}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )

    # Before the mount, which would otherwise serve the bundle unchanged.
    @app.get(f"{ASSETS_URL}/{REDOC_BUNDLE}", include_in_schema=False)
    def redoc_script() -> Response:
        return Response(redoc_bundle(), media_type="text/javascript; charset=utf-8")

    app.mount(
        ASSETS_URL,
        StaticFiles(packages=[(ASSETS_PACKAGE, ASSETS_FOLDER)]),
        name="docs-assets",
    )
