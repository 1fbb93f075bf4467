"""Sides: WSGI told from ASGI, apps and factories from import strings."""

import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from sidebyside import is_asgi, load_app
from sidebyside.apps import TargetError, client_for, is_url


def wsgi_app(environ: dict[str, object], start_response: object) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])  # type: ignore[operator]
    return [b"wsgi"]


async def asgi_app(scope: dict[str, object], receive: object, send: object) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()  # type: ignore[operator]
            kind = message["type"].rpartition(".")[2]
            await send({"type": f"lifespan.{kind}.complete"})  # type: ignore[operator]
            if kind == "shutdown":
                return
    await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"asgi"})  # type: ignore[operator]


class AsgiClass:
    async def __call__(self, scope: object, receive: object, send: object) -> None: ...


def test_the_engine_tells_wsgi_from_asgi() -> None:
    assert not is_asgi(wsgi_app)
    assert is_asgi(asgi_app)
    assert is_asgi(AsgiClass())


@pytest.mark.parametrize(("app", "body"), [(wsgi_app, "wsgi"), (asgi_app, "asgi")])
def test_either_kind_is_driven_in_process(app: object, body: str) -> None:
    with client_for(app) as client:
        assert client.get("/").text == body


def test_an_import_string_names_an_app_or_a_factory_that_builds_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "side_module.py").write_text(
        "from test_apps import wsgi_app\n"
        "built = []\n"
        "def create_app():\n    built.append(1)\n    return wsgi_app\n"
        "app = wsgi_app\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(Path(__file__).parent))

    assert load_app("side_module:app") is wsgi_app
    assert load_app("side_module:create_app") is wsgi_app
    assert sys.modules["side_module"].built == [1]


@pytest.mark.parametrize("text", ["no_colon", "module_that_is_not_there:app", "sys:version"])
def test_an_import_string_that_names_no_app_is_refused(text: str) -> None:
    with pytest.raises(TargetError):
        load_app(text)


def test_a_side_is_a_url_when_it_has_a_scheme() -> None:
    assert is_url("http://127.0.0.1:8000")
    assert not is_url("shop.app:create_app")
