"""Each FastAPI recipe does what it claims: the work it skips is skipped, and nothing else is."""

import asyncio
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from fastapi_app import create_app
from fastapi_app.additions import HostHeaderRule
from shared.settings import Settings
from tools.bench.tests.answers import started
from tools.bench.tuned import RecipeError
from tools.bench.tuned.fastapi_cors_guard import (
    OriginOnlyCORSMiddleware,
    consult_cors_only_with_origin,
)
from tools.bench.tuned.fastapi_guards import (
    FOLDED,
    REMEMBERED_HOSTS,
    FoldedMiddleware,
    fold_the_middleware,
)
from tools.bench.tuned.fastapi_hosts import RememberingTrustedHostMiddleware, remember_allowed_hosts
from tools.bench.tuned.fastapi_routes import is_an_included_router, register_routes_on_the_app
from tools.bench.tuned.starlette_middleware import middleware_class

CORS_OPTIONS: dict[str, Any] = {
    "allow_origins": ["http://allowed.test"],
    "allow_credentials": True,
    "allow_methods": ["GET", "POST"],
    "expose_headers": ["X-Process-Time"],
}
ALLOWED_HOSTS = ["localhost", "*.example.com"]


def page(request: Request) -> PlainTextResponse:
    vary = request.query_params.get("vary")
    return PlainTextResponse("ok", headers={"Vary": vary} if vary else None)


def app_behind(middleware: Middleware) -> TestClient:
    return TestClient(Starlette(routes=[Route("/", page)], middleware=[middleware]))


async def answer_of(app: Any, scope: Scope) -> list[Message]:
    """What an ASGI app sends for one request given as a raw scope (no client adds a Host)."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app({"method": "GET", "path": "/", "query_string": b"", **scope}, receive, send)
    return sent


# --- CORSMiddleware consulted only with an Origin -----------------------------------------------


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
    expected = app_behind(Middleware(CORSMiddleware, **CORS_OPTIONS)).get(url, headers=headers)
    observed = app_behind(Middleware(OriginOnlyCORSMiddleware, **CORS_OPTIONS)).get(
        url, headers=headers
    )
    assert observed.status_code == expected.status_code
    assert observed.headers.multi_items() == expected.headers.multi_items()


def test_a_preflight_is_still_answered_by_starlettes_cors() -> None:
    preflight = {"Origin": "http://allowed.test", "Access-Control-Request-Method": "POST"}
    client = app_behind(Middleware(OriginOnlyCORSMiddleware, **CORS_OPTIONS))
    response = client.options("/", headers=preflight)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://allowed.test"


def test_a_request_without_origin_never_reaches_starlettes_cors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    consulted: list[str] = []
    real = CORSMiddleware.__call__

    async def spy(self: CORSMiddleware, scope: Scope, receive: Receive, send: Send) -> None:
        consulted.append(scope["path"])
        await real(self, scope, receive, send)

    monkeypatch.setattr(CORSMiddleware, "__call__", spy)
    client = app_behind(Middleware(OriginOnlyCORSMiddleware, **CORS_OPTIONS))
    assert client.get("/").headers["vary"] == "Origin"
    assert consulted == []
    client.get("/", headers={"Origin": "http://allowed.test"})
    assert consulted == ["/"]


def test_the_twins_cors_entry_is_replaced_in_place_with_the_same_options(
    twin_settings: Settings,
) -> None:
    app = create_app(twin_settings)
    before = list(app.user_middleware)
    consult_cors_only_with_origin(app)
    index = next(i for i, entry in enumerate(before) if middleware_class(entry) is CORSMiddleware)
    assert middleware_class(app.user_middleware[index]) is OriginOnlyCORSMiddleware
    assert app.user_middleware[index].kwargs == before[index].kwargs
    others = [entry for i, entry in enumerate(app.user_middleware) if i != index]
    assert others == [entry for i, entry in enumerate(before) if i != index]


def test_a_middleware_stack_already_built_is_refused(twin_settings: Settings) -> None:
    app = create_app(twin_settings)
    with started(app) as client:
        client.get("/")
    with pytest.raises(RecipeError, match="stack is built"):
        consult_cors_only_with_origin(app)


def test_an_app_without_cors_middleware_is_refused() -> None:
    with pytest.raises(RecipeError, match="0 CORSMiddleware entries"):
        consult_cors_only_with_origin(FastAPI())


# --- TrustedHostMiddleware remembering the Host values it let through ---------------------------


def hosts_client() -> tuple[TestClient, RememberingTrustedHostMiddleware]:
    app = Starlette(
        routes=[Route("/", lambda _request: PlainTextResponse("ok"))],
        middleware=[Middleware(RememberingTrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS)],
    )
    client = TestClient(app)
    client.get("/")  # builds the middleware stack
    stack = app.middleware_stack
    while not isinstance(stack, RememberingTrustedHostMiddleware):
        stack = stack.app  # type: ignore[union-attr]
    return client, stack


def test_an_allowed_host_is_remembered_and_still_answered() -> None:
    client, middleware = hosts_client()
    for _ in range(3):
        assert client.get("/", headers={"Host": "api.example.com"}).status_code == 200
    assert b"api.example.com" in middleware.allowed


def test_a_foreign_host_is_refused_every_time_and_never_remembered() -> None:
    client, middleware = hosts_client()
    client.get("/", headers={"Host": "localhost"})
    for _ in range(3):
        response = client.get("/", headers={"Host": "evil.test"})
        assert (response.status_code, response.text) == (400, "Invalid host header")
    assert b"evil.test" not in middleware.allowed


def test_only_a_single_remembered_host_skips_starlettes_judgement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, middleware = hosts_client()
    client.get("/", headers={"Host": "localhost"})
    judged: list[list[tuple[bytes, bytes]]] = []
    judge = TrustedHostMiddleware.__call__

    async def counting(
        self: TrustedHostMiddleware, scope: Scope, receive: Receive, send: Send
    ) -> None:
        judged.append(scope["headers"])
        await judge(self, scope, receive, send)

    monkeypatch.setattr(TrustedHostMiddleware, "__call__", counting)
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200
    assert judged == []
    two_hosts = [(b"host", b"localhost"), (b"host", b"evil.test")]
    asyncio.run(answer_of(middleware, {"type": "http", "headers": two_hosts}))
    assert judged == [two_hosts]


def test_the_memory_stops_growing_at_its_bound() -> None:
    client, middleware = hosts_client()
    for number in range(RememberingTrustedHostMiddleware.REMEMBERED_HOSTS + 10):
        client.get("/", headers={"Host": f"h{number}.example.com"})
    assert len(middleware.allowed) == RememberingTrustedHostMiddleware.REMEMBERED_HOSTS
    assert client.get("/", headers={"Host": "h70.example.com"}).status_code == 200


def test_a_request_without_a_host_is_refused_as_the_idiomatic_twin_refuses_it(
    twin_settings: Settings,
) -> None:
    # HTTP/1.0 may omit Host (RFC 9112), so the twin's Host rule lets it through and Starlette's
    # TrustedHostMiddleware refuses it: the remembered hosts must not let it pass.
    idiomatic, remembering = create_app(twin_settings), create_app(twin_settings)
    remember_allowed_hosts(remembering)
    no_host = {"type": "http", "http_version": "1.0", "headers": []}
    for app in (remembering, idiomatic):
        asyncio.run(answer_of(app, {**no_host, "headers": [(b"host", b"localhost")]}))
    answers = [asyncio.run(answer_of(app, no_host)) for app in (idiomatic, remembering)]
    (twin_start, twin_body), (tuned_start, tuned_body) = answers
    assert twin_start["status"] == tuned_start["status"] == 400
    assert _timeless(tuned_start["headers"]) == _timeless(twin_start["headers"])
    assert tuned_body["body"] == twin_body["body"] == b"Invalid host header"


def _timeless(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in headers if name != b"x-process-time"]


def test_the_raw_pair_timer_replaces_the_twins_timer_in_place(twin_settings: Settings) -> None:
    from fastapi_app import create_app
    from fastapi_app.middleware import ProcessTimeMiddleware
    from tools.bench.tuned.fastapi_timer import (
        RawPairProcessTimeMiddleware,
        append_time_as_a_raw_pair,
    )

    app = create_app(twin_settings)
    before: list[object] = [entry.cls for entry in app.user_middleware]

    append_time_as_a_raw_pair(app)

    after: list[object] = [entry.cls for entry in app.user_middleware]
    assert after == [
        RawPairProcessTimeMiddleware if cls is ProcessTimeMiddleware else cls for cls in before
    ]
    with TestClient(app) as client:
        assert float(client.get("/").headers["x-process-time"]) >= 0


# --- the five middleware folded into one ---------------------------------------------------------


# The twin's own five, outermost first.
LAYERS = tuple(kinds[0] for kinds in FOLDED)


def _layer_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each of the twin's middleware classes whose __call__ runs for a request
    from now on."""
    calls: list[str] = []
    for guard in LAYERS:
        real = guard.__call__

        def spy(self: Any, scope: Scope, receive: Receive, send: Send, real: Any = real) -> Any:
            if scope["type"] == "http":
                calls.append(type(self).__name__)
            return real(self, scope, receive, send)

        monkeypatch.setattr(guard, "__call__", spy)
    return calls


def folded_twin(twin_settings: Settings) -> FastAPI:
    app = create_app(twin_settings)
    fold_the_middleware(app)
    return app


def test_the_five_become_one_entry_with_their_own_options(twin_settings: Settings) -> None:
    app = create_app(twin_settings)
    before = list(app.user_middleware)
    fold_the_middleware(app)
    assert [middleware_class(entry) for entry in app.user_middleware] == [FoldedMiddleware]
    assert app.user_middleware[0].kwargs["stack"] == tuple(before)


def test_a_plain_request_from_a_host_let_through_skips_the_five_layers(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _layer_calls(monkeypatch)
    with started(folded_twin(twin_settings)) as client:
        first = client.get("/")
        assert calls == [layer.__name__ for layer in LAYERS]
        second = client.get("/")
    assert calls == [layer.__name__ for layer in LAYERS]
    assert second.headers["vary"] == first.headers["vary"] == "Origin"
    assert float(second.headers["x-process-time"]) > 0
    assert list(second.headers) == list(first.headers)
    assert second.json() == first.json()


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://localhost:3000"}, {"Content-Length": "0"}, {"Host": "foreign.example"}],
    ids=["an Origin", "a body", "a Host not let through"],
)
def test_a_request_that_is_not_plain_goes_through_every_layer(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch, headers: dict[str, str]
) -> None:
    with started(folded_twin(twin_settings)) as client:
        client.get("/")
        calls = _layer_calls(monkeypatch)
        client.get("/", headers=headers)
    assert calls[0] == LAYERS[0].__name__


def test_a_foreign_host_is_refused_every_time_and_never_let_through(
    twin_settings: Settings,
) -> None:
    app = folded_twin(twin_settings)
    with started(app) as client:
        statuses = [client.get("/", headers={"Host": "foreign.example"}).status_code for _ in "ab"]
        (folded,) = _instances(app, FoldedMiddleware)
    assert statuses == [400, 400]
    assert folded.let_through == set()


def test_two_host_headers_are_refused_even_when_the_value_was_let_through() -> None:
    folded = FoldedMiddleware(page_app, [Middleware(HostHeaderRule)])
    one = {"type": "http", "http_version": "1.1", "headers": [(b"host", b"localhost")]}
    assert asyncio.run(answer_of(folded, one))[0]["status"] == 200
    two = {**one, "headers": [(b"host", b"localhost"), (b"host", b"localhost")]}
    assert asyncio.run(answer_of(folded, two))[0]["status"] == 400


def test_the_memory_of_hosts_stops_growing_at_its_bound() -> None:
    folded = FoldedMiddleware(page_app, [])
    for number in range(REMEMBERED_HOSTS + 10):
        scope = {"type": "http", "http_version": "1.1", "headers": [(b"host", b"h%d" % number)]}
        asyncio.run(answer_of(folded, scope))
    assert len(folded.let_through) == REMEMBERED_HOSTS


def test_an_app_without_the_five_in_order_is_refused() -> None:
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["http://allowed.test"])
    with pytest.raises(RecipeError, match="does not stack"):
        fold_the_middleware(app)


def _instances(app: Any, cls: type) -> list[Any]:
    found, layer = [], app.middleware_stack
    while layer is not None:
        if isinstance(layer, cls):
            found.append(layer)
        layer = getattr(layer, "app", None)
    return found


async def page_app(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("ok")(scope, receive, send)


# --- each router's routes registered on the app itself -------------------------------------------


def route_table(app: FastAPI) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every route the app serves, in the order it tries them: included routers opened."""
    table = []
    for entry in app.router.routes:
        routes = getattr(entry, "original_router", None)
        for route in routes.routes if routes is not None else [entry]:
            methods = tuple(sorted(getattr(route, "methods", None) or ()))
            table.append((type(route).__name__, getattr(route, "path", ""), methods))
    return table


def test_the_twins_routes_sit_on_the_app_in_the_order_they_were_included(
    twin_settings: Settings,
) -> None:
    app = create_app(twin_settings)
    before = route_table(app)
    register_routes_on_the_app(app)
    assert not any(map(is_an_included_router, app.router.routes))
    assert route_table(app) == before


def test_a_request_is_matched_by_no_included_router(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    register_routes_on_the_app(app)
    asked: list[object] = []
    real = APIRouter.matches

    def spy(self: APIRouter, scope: Scope) -> Any:
        asked.append(self)
        return real(self, scope)

    monkeypatch.setattr(APIRouter, "matches", spy)
    with started(app) as client:
        assert client.get("/health").status_code == 200
    assert asked == []


def test_the_schema_and_every_routes_url_are_what_the_twin_has(twin_settings: Settings) -> None:
    plain, moved = create_app(twin_settings), create_app(twin_settings)
    register_routes_on_the_app(moved)
    assert moved.openapi() == plain.openapi()
    for route in plain.router.routes:
        for inner in getattr(route, "original_router", plain.router).routes:
            if isinstance(inner, APIRoute) and "{" not in inner.path:
                assert moved.url_path_for(inner.name) == plain.url_path_for(inner.name)


def test_a_router_included_with_a_prefix_is_refused() -> None:
    app = FastAPI()
    router = APIRouter()
    router.add_api_route("/", lambda: {})
    app.include_router(router, prefix="/v1")
    with pytest.raises(RecipeError, match="prefix"):
        register_routes_on_the_app(app)


def test_an_app_without_a_router_is_refused() -> None:
    with pytest.raises(RecipeError, match="no router"):
        register_routes_on_the_app(FastAPI())
