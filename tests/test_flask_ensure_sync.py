import asyncio
import gc
import inspect
import weakref

import flask.app
import pytest
from flask import Response, after_this_request

import flask_app.application
from flask_app.application import TwinFlask


def app_with_a_hook_and_an_async_view() -> TwinFlask:
    app = TwinFlask(__name__)

    @app.after_request
    def hook(response: Response) -> Response:
        response.headers["X-Hook"] = "ran"
        return response

    @app.get("/")
    def index() -> str:
        return "sync"

    @app.get("/async")
    async def waits() -> str:
        await asyncio.sleep(0)
        return "async"

    return app


def test_each_view_and_hook_is_asked_once_whether_it_is_async(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    # Flask's app module asks inspect's function, imported under the same name.
    real = inspect.iscoroutinefunction

    def counting(func: object) -> bool:
        asked.append(getattr(func, "__name__", "?"))
        return real(func)

    monkeypatch.setattr(flask.app, "iscoroutinefunction", counting)
    monkeypatch.setattr(flask_app.application, "iscoroutinefunction", counting)
    client = app_with_a_hook_and_an_async_view().test_client()
    answers = [client.get(path) for path in ("/", "/async", "/", "/async")]

    assert [(a.get_data(as_text=True), a.headers["X-Hook"]) for a in answers] == [
        ("sync", "ran"),
        ("async", "ran"),
    ] * 2
    assert sorted(asked) == ["hook", "index", "waits"]


def test_a_hook_made_for_one_request_is_not_kept_once_the_request_is_over() -> None:
    app = TwinFlask(__name__)
    made: list[weakref.ref[object]] = []

    @app.get("/")
    def index() -> str:
        @after_this_request
        def once(response: Response) -> Response:
            response.headers["X-Once"] = "ran"
            return response

        made.append(weakref.ref(once))
        return "ok"

    answers = [app.test_client().get("/") for _ in range(3)]
    gc.collect()

    assert [answer.headers["X-Once"] for answer in answers] == ["ran"] * 3
    assert [ref() for ref in made] == [None] * 3
