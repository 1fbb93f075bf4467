"""What the FastAPI twin adds to Starlette, at its exact boundaries, and the CORS policy both
twins hand to their framework, pinned whole."""

import asyncio
from collections.abc import Iterable

import pytest
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from fastapi_app.additions import BodySizeLimitMiddleware, HostHeaderRule
from shared.cors import CorsPolicy, cors_policy
from shared.settings import Settings

LIMIT = 10


async def _read_whole_body(scope: Scope, receive: Receive, send: Send) -> None:
    """An app that reads its body to the end, then answers 200 with its length."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(len(body)).encode()})


def _call(
    app: object,
    chunks: Iterable[bytes],
    headers: list[tuple[bytes, bytes]],
    http_version: str = "1.1",
) -> int:
    """The status an ASGI app answers to one request whose body arrives in `chunks`."""
    pending = list(chunks) or [b""]
    sent: list[Message] = []

    async def receive() -> Message:
        chunk = pending.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": headers,
        "http_version": http_version,
        "query_string": b"",
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    return int(next(message["status"] for message in sent))


def _limited(chunks: list[bytes], declared: bool) -> int:
    size = sum(map(len, chunks))
    headers = [(b"host", b"test")]
    if declared:
        headers.append((b"content-length", str(size).encode()))
    try:
        return _call(BodySizeLimitMiddleware(_read_whole_body, LIMIT), chunks, headers)
    except HTTPException as refused:
        # Raised inside the app while it reads; the app's exception handling answers it.
        return refused.status_code


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_a_body_of_exactly_the_limit_is_accepted(declared: bool) -> None:
    assert _limited([b"x" * 4, b"x" * 6], declared) == 200


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_a_body_one_byte_over_the_limit_is_refused_with_413(declared: bool) -> None:
    assert _limited([b"x" * 4, b"x" * 7], declared) == 413


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_a_body_one_byte_under_the_limit_is_accepted(declared: bool) -> None:
    assert _limited([b"x" * 4, b"x" * 5], declared) == 200


@pytest.mark.parametrize("neighbour", [b"age", b"max-forwards"])
def test_only_content_length_declares_the_bodys_size(neighbour: bytes) -> None:
    # A numeric header sorting before Content-Length, or after it, is not a declared size.
    headers = [(b"host", b"test"), (b"content-length", b"1"), (neighbour, b"99")]
    app = BodySizeLimitMiddleware(_read_whole_body, LIMIT)

    assert _call(app, [b"x"], headers) == 200


def test_a_content_length_that_is_no_number_is_left_to_the_server() -> None:
    headers = [(b"host", b"test"), (b"content-length", b"ten")]
    app = BodySizeLimitMiddleware(_read_whole_body, LIMIT)

    assert _call(app, [b"x" * LIMIT], headers) == 200


@pytest.mark.parametrize("first", [b"1", b"ten"])
def test_the_last_content_length_is_the_one_judged(first: bytes) -> None:
    headers = [(b"host", b"test"), (b"content-length", first), (b"content-length", b"11")]
    app = BodySizeLimitMiddleware(_read_whole_body, LIMIT)

    assert _call(app, [b"x"], headers) == 413


def test_the_refusal_names_the_limit() -> None:
    app = BodySizeLimitMiddleware(_read_whole_body, LIMIT)

    with pytest.raises(HTTPException, match="Request body over 10 bytes"):
        _call(app, [b"x" * 6, b"x" * 6], [(b"host", b"test")])


@pytest.mark.parametrize(
    ("headers", "http_version", "status"),
    [
        ([(b"host", b"example.com")], "1.1", 200),
        ([(b"host", b"example.com:8000")], "1.1", 200),
        ([], "1.1", 400),
        ([], "1.0", 200),
        ([(b"host", b"a.example"), (b"host", b"b.example")], "1.1", 400),
        ([(b"host", b"exa mple.com")], "1.1", 400),
    ],
    ids=["host", "host-and-port", "none-1.1", "none-1.0", "two", "not-a-host"],
)
def test_the_fastapi_twin_holds_every_request_to_the_host_rule_in_process(
    headers: list[tuple[bytes, bytes]], http_version: str, status: int
) -> None:
    assert _call(HostHeaderRule(_read_whole_body), [b""], headers, http_version) == status


def test_a_request_with_the_usual_headers_around_its_one_host_passes_the_host_rule() -> None:
    # Accept sorts before Host and User-Agent after it: neither is a second Host.
    headers = [(b"accept", b"*/*"), (b"host", b"example.com"), (b"user-agent", b"curl/8")]

    assert _call(HostHeaderRule(_read_whole_body), [b""], headers) == 200


def test_the_guards_let_other_connections_through_untouched() -> None:
    seen: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    for guard in (HostHeaderRule(app), BodySizeLimitMiddleware(app, 0)):
        asyncio.run(guard({"type": "lifespan"}, None, None))  # type: ignore[arg-type]

    assert seen == ["lifespan", "lifespan"]


def test_the_cors_policy_is_pinned_whole() -> None:
    settings = Settings(cors_origins=["https://a.example"], cors_allow_credentials=False)

    assert cors_policy(settings) == CorsPolicy(
        origins=["https://a.example"],
        allow_credentials=False,
        methods=("GET", "POST", "PUT", "PATCH", "DELETE"),
        headers=("Authorization", "Content-Type"),
        expose_headers=("Location", "X-Process-Time"),
        max_age_seconds=600,
    )
    assert cors_policy(Settings(cors_allow_credentials=True)).allow_credentials is True
