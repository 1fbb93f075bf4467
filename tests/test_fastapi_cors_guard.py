"""The FastAPI twin's CORS guard answers a request without Origin exactly as Starlette's
CORSMiddleware would, and hands every request with an Origin to it."""

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from fastapi_app.cors import OriginOnlyCORSMiddleware, cors_middleware_options
from shared.cors import CorsPolicy

POLICY = CorsPolicy(origins=["http://allowed.test"], allow_credentials=True)


def page(request: Request) -> PlainTextResponse:
    vary = request.query_params.get("vary")
    return PlainTextResponse("ok", headers={"Vary": vary} if vary else None)


def app_behind(middleware: Middleware) -> TestClient:
    return TestClient(Starlette(routes=[Route("/", page)], middleware=[middleware]))


def starlette_cors() -> TestClient:
    return app_behind(Middleware(CORSMiddleware, **cors_middleware_options(POLICY)))


def guarded_cors() -> TestClient:
    return app_behind(Middleware(OriginOnlyCORSMiddleware, policy=POLICY))


@pytest.mark.parametrize("vary", ["", "Accept-Encoding", "Accept-Encoding, Cookie"])
@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "http://allowed.test"}, {"Origin": "http://foreign.test"}],
    ids=["no origin", "allowed origin", "foreign origin"],
)
def test_the_guard_answers_every_request_as_starlettes_cors_does(
    vary: str, headers: dict[str, str]
) -> None:
    url = f"/?vary={vary}" if vary else "/"
    expected = starlette_cors().get(url, headers=headers)
    observed = guarded_cors().get(url, headers=headers)
    assert observed.status_code == expected.status_code
    assert observed.headers.multi_items() == expected.headers.multi_items()


def test_a_preflight_is_still_answered_by_starlettes_cors() -> None:
    preflight = {"Origin": "http://allowed.test", "Access-Control-Request-Method": "POST"}
    response = guarded_cors().options("/", headers=preflight)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://allowed.test"
    assert "POST" in response.headers["access-control-allow-methods"]


def test_a_request_without_origin_never_reaches_starlettes_cors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    consulted: list[str] = []

    async def spy(self: CORSMiddleware, scope: object, receive: object, send: object) -> None:
        consulted.append("cors")

    monkeypatch.setattr(CORSMiddleware, "__call__", spy)
    response = guarded_cors().get("/")
    assert consulted == []
    assert response.headers["vary"] == "Origin"


def test_the_twin_runs_the_guarded_cors() -> None:
    from fastapi_app import create_app

    classes: list[object] = [middleware.cls for middleware in create_app().user_middleware]
    assert OriginOnlyCORSMiddleware in classes
    assert CORSMiddleware not in classes
