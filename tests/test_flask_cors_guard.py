import pytest
from flask import Flask, Response

from flask_app.cors import only_with_origin, vary_on_origin


def app_with_guarded_hook(calls: list[str]) -> Flask:
    app = Flask(__name__)

    def hook(response: Response) -> Response:
        calls.append("consulted")
        response.headers["X-Hook"] = "ran"
        return response

    app.after_request(only_with_origin(hook))

    @app.get("/")
    def index() -> str:
        return "ok"

    return app


def test_a_request_without_an_origin_skips_the_cors_hook() -> None:
    calls: list[str] = []
    response = app_with_guarded_hook(calls).test_client().get("/")
    assert calls == []
    assert "X-Hook" not in response.headers


def test_a_request_with_an_origin_goes_through_the_cors_hook() -> None:
    calls: list[str] = []
    response = (
        app_with_guarded_hook(calls).test_client().get("/", headers={"Origin": "http://a.test"})
    )
    assert calls == ["consulted"]
    assert response.headers["X-Hook"] == "ran"


def test_the_twins_cors_hook_is_the_guarded_one() -> None:
    from flask_app import create_app

    hooks = create_app().after_request_funcs[None]
    assert [hook.__name__ for hook in hooks] == ["cors_if_origin", "vary_on_origin"]


@pytest.mark.parametrize(
    ("existing", "expected"),
    [(None, "Origin"), ("Accept-Encoding", "Accept-Encoding, Origin"), ("Origin", "Origin")],
)
def test_every_answer_varies_on_origin_once(existing: str | None, expected: str) -> None:
    app = Flask(__name__)

    @app.get("/")
    def index() -> Response:
        return Response("ok", headers={"Vary": existing} if existing else None)

    app.after_request(vary_on_origin)
    assert app.test_client().get("/").headers.getlist("Vary") == [expected]
