from typing import Any

import pytest
from flask import Flask, session

from flask_app.sessions import LazySigningSessionInterface


def counting_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "test-secret"
    app.session_interface = LazySigningSessionInterface()

    @app.get("/count")
    def count() -> dict[str, Any]:
        session["visits"] = session.get("visits", 0) + 1
        return {"visits": session["visits"]}

    @app.get("/peek")
    def peek() -> dict[str, Any]:
        return {"visits": session.get("visits"), "empty": not session}

    return app


def test_a_request_without_a_session_cookie_never_builds_the_signer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the signer was built for a request without a session cookie")

    monkeypatch.setattr(LazySigningSessionInterface, "get_signing_serializer", refuse)
    response = counting_app().test_client().get("/peek", headers={"Cookie": "other=1"})
    assert response.json == {"visits": None, "empty": True}


def test_a_session_written_by_one_request_is_read_by_the_next() -> None:
    client = counting_app().test_client()
    client.get("/count")
    assert client.get("/count").json == {"visits": 2}


def test_a_session_cookie_with_a_bad_signature_gives_an_empty_session() -> None:
    client = counting_app().test_client()
    client.set_cookie("session", "forged.value.signature")
    assert client.get("/peek").json == {"visits": None, "empty": True}


def test_the_flask_twin_uses_the_lazy_session() -> None:
    from flask_app import create_app

    assert isinstance(create_app().session_interface, LazySigningSessionInterface)
