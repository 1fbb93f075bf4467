"""The FastAPI twin's allowed-hosts check remembers only the Host values Starlette let through:
a foreign Host is refused every time, however many allowed requests came before it."""

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from fastapi_app.middleware import AllowedHostsMiddleware

ALLOWED = ["localhost", "*.example.com"]


def client() -> tuple[TestClient, AllowedHostsMiddleware]:
    app = Starlette(
        routes=[Route("/", lambda _request: PlainTextResponse("ok"))],
        middleware=[Middleware(AllowedHostsMiddleware, allowed_hosts=ALLOWED)],
    )
    test_client = TestClient(app)
    test_client.get("/")  # builds the middleware stack
    stack = app.middleware_stack
    while not isinstance(stack, AllowedHostsMiddleware):
        stack = stack.app  # type: ignore[union-attr]
    return test_client, stack


def test_an_allowed_host_is_remembered_and_still_answered() -> None:
    test_client, middleware = client()
    for _ in range(3):
        assert test_client.get("/", headers={"Host": "api.example.com"}).status_code == 200
    assert b"api.example.com" in middleware.allowed


def test_a_foreign_host_is_refused_every_time_and_never_remembered() -> None:
    test_client, middleware = client()
    test_client.get("/", headers={"Host": "localhost"})
    for _ in range(3):
        response = test_client.get("/", headers={"Host": "evil.test"})
        assert response.status_code == 400
        assert response.text == "Invalid host header"
    assert b"evil.test" not in middleware.allowed


def test_only_a_single_remembered_host_skips_starlettes_judgement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    test_client, middleware = client()
    test_client.get("/", headers={"Host": "localhost"})
    judged: list[list[tuple[bytes, bytes]]] = []
    judge = TrustedHostMiddleware.__call__

    async def counting(
        self: TrustedHostMiddleware, scope: Scope, receive: Receive, send: Send
    ) -> None:
        judged.append(scope["headers"])
        await judge(self, scope, receive, send)

    monkeypatch.setattr(TrustedHostMiddleware, "__call__", counting)
    assert test_client.get("/", headers={"Host": "localhost"}).status_code == 200
    assert judged == []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(_message: Message) -> None:
        pass

    two_hosts = [(b"host", b"localhost"), (b"host", b"evil.test")]
    scope = {"type": "http", "method": "GET", "path": "/", "headers": two_hosts}
    asyncio.run(middleware(scope, receive, send))
    assert judged == [two_hosts]


def test_the_memory_stops_growing_at_its_bound() -> None:
    test_client, middleware = client()
    for number in range(AllowedHostsMiddleware.REMEMBERED_HOSTS + 10):
        test_client.get("/", headers={"Host": f"h{number}.example.com"})
    assert len(middleware.allowed) == AllowedHostsMiddleware.REMEMBERED_HOSTS
    assert test_client.get("/", headers={"Host": "h70.example.com"}).status_code == 200
