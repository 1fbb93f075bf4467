"""A view of the Flask twin may return a pydantic model: its answer is byte for byte what
flask-pydantic's `@validate()` makes of the same return value."""

from typing import Any

import pytest
from flask import Flask
from flask_pydantic import validate

from flask_app.application import TwinFlask
from shared.schemas import Health, Hello

RETURNS: dict[str, Any] = {
    "model": Hello(),
    "model and status": (Health(status="unavailable", database="unreachable"), 503),
    "model and headers": (Hello(), {"Location": "/somewhere"}),
    "model, status and headers": (Hello(), 202, {"X-Extra": "1"}),
}


def app_returning(app: Flask, value: Any, *, through_validate: bool) -> Flask:
    def view() -> Any:
        return value

    app.add_url_rule("/", view_func=validate()(view) if through_validate else view)
    return app


@pytest.mark.parametrize("returned", RETURNS.values(), ids=RETURNS.keys())
def test_a_returned_model_is_answered_as_flask_pydantic_answers_it(returned: Any) -> None:
    expected = app_returning(Flask(__name__), returned, through_validate=True)
    observed = app_returning(TwinFlask(__name__), returned, through_validate=False)
    want = expected.test_client().get("/")
    got = observed.test_client().get("/")
    assert (got.status, got.data) == (want.status, want.data)
    assert sorted(got.headers.items()) == sorted(want.headers.items())


def test_plain_flask_cannot_answer_a_model() -> None:
    app = app_returning(Flask(__name__), Hello(), through_validate=False)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/").status_code == 500


def test_other_return_values_are_left_to_flask() -> None:
    app = app_returning(TwinFlask(__name__), ({"a": 1}, 201), through_validate=False)
    response = app.test_client().get("/")
    assert (response.status_code, response.json) == (201, {"a": 1})
