"""Each Flask recipe does what it claims: the work it skips is skipped, and nothing else is."""

import asyncio
import base64
import gc
import importlib
import inspect
import weakref
from typing import Any

import flask.app
import flask_cors.extension
import pytest
from flask import Flask, Response, after_this_request, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_cors import CORS
from flask_pydantic import validate
from sqlalchemy.orm import scoped_session

from flask_app import create_app
from flask_app.additions import vary_on_origin
from shared.schemas import Health, Hello
from shared.settings import Settings
from tools.bench.tuned import RecipeError, flask_ensure_sync
from tools.bench.tuned.flask_admin_session import RemoveIfUsed, remove_admin_session_only_if_used
from tools.bench.tuned.flask_cors_guard import (
    OnlyWithOrigin,
    consult_cors_only_with_origin,
    is_flask_cors_hook,
)
from tools.bench.tuned.flask_ensure_sync import remember_which_functions_are_async
from tools.bench.tuned.flask_hosts import REMEMBERED_HOSTS, remember_trusted_hosts
from tools.bench.tuned.flask_models import answer_models_without_validate
from tools.bench.tuned.flask_sessions import LazySigningSessionInterface, sign_sessions_lazily
from tools.bench.tuned.flask_vary import vary_on_origin_directly, write_vary_directly
from tools.bench.tuned.heap import freeze_startup_heap, frozen_heap

ORIGIN = {"Origin": "http://localhost:3000"}
# flask-pydantic's request checks, where @validate()'s wrapper looks them up on each call.
FLASK_PYDANTIC_CORE = importlib.import_module("flask_pydantic.core")


def _calls_to(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Every call to `module.name` from now on, recorded (and passed through)."""
    calls: list[object] = []
    real = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


# --- flask-cors consulted only with an Origin ---------------------------------------------------


def test_flask_cors_is_consulted_on_every_request_of_the_idiomatic_twin(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    matched = _calls_to(monkeypatch, flask_cors.extension, "try_match_pattern")
    create_app(twin_settings).test_client().get("/")
    assert matched


def test_flask_cors_is_not_consulted_without_an_origin_once_guarded(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    consult_cors_only_with_origin(app)
    matched = _calls_to(monkeypatch, flask_cors.extension, "try_match_pattern")
    app.test_client().get("/")
    assert matched == []
    app.test_client().get("/", headers=ORIGIN)
    assert matched


def test_the_guard_wraps_flask_cors_hook_where_it_stands(twin_settings: Settings) -> None:
    app = create_app(twin_settings)
    before = list(app.after_request_funcs[None])
    consult_cors_only_with_origin(app)
    after = app.after_request_funcs[None]
    assert [type(hook) is OnlyWithOrigin for hook in after] == [
        is_flask_cors_hook(hook) for hook in before
    ]
    guarded = [hook.hook for hook in after if isinstance(hook, OnlyWithOrigin)]
    assert guarded == [hook for hook in before if is_flask_cors_hook(hook)]


def test_flask_cors_told_to_answer_without_an_origin_is_not_guarded() -> None:
    app = Flask(__name__)
    CORS(app, always_send=True)
    with pytest.raises(RecipeError, match="always_send"):
        consult_cors_only_with_origin(app)


def test_an_app_without_flask_cors_is_refused() -> None:
    with pytest.raises(RecipeError, match="no flask-cors"):
        consult_cors_only_with_origin(Flask(__name__))


# --- the lazy session signer --------------------------------------------------------------------


def counting_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "test-secret"  # noqa: S105 - a test app's key
    sign_sessions_lazily(app)

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


def test_the_twin_with_the_recipe_signs_no_session_for_its_hello(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    sign_sessions_lazily(app)
    built = _calls_to(monkeypatch, LazySigningSessionInterface, "get_signing_serializer")
    assert app.test_client().get("/").status_code == 200
    assert built == []


def test_an_empty_session_no_view_touched_is_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    app = counting_app()

    @app.get("/untouched")
    def untouched() -> dict[str, Any]:
        return {}

    saved = _calls_to(monkeypatch, SecureCookieSessionInterface, "save_session")
    response = app.test_client().get("/untouched")
    assert saved == []
    assert "Vary" not in response.headers
    assert "Set-Cookie" not in response.headers


def test_a_session_only_read_is_still_saved_and_varies_on_cookie() -> None:
    response = counting_app().test_client().get("/peek")
    assert response.headers["Vary"] == "Cookie"
    assert "Set-Cookie" not in response.headers


def test_a_session_emptied_by_a_view_still_has_its_cookie_deleted() -> None:
    app = counting_app()

    @app.get("/forget")
    def forget() -> dict[str, Any]:
        session.clear()
        return {}

    client = app.test_client()
    client.get("/count")
    response = client.get("/forget")
    assert "session=;" in response.headers["Set-Cookie"]


# --- ensure_sync asked once per function --------------------------------------------------------


def app_with_a_hook_and_an_async_view() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def index() -> str:
        return "sync"

    @app.after_request
    def hook(response: Response) -> Response:
        response.headers["X-Hook"] = "ran"
        return response

    @app.get("/async")
    async def waits() -> str:
        await asyncio.sleep(0)
        return "async"

    remember_which_functions_are_async(app)
    return app


def test_each_view_and_hook_is_asked_once_whether_it_is_async(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    real = inspect.iscoroutinefunction

    def counting(func: object) -> bool:
        asked.append(getattr(func, "__name__", "?"))
        return real(func)

    # Flask's app module asks inspect's function, imported under the same name, as the recipe.
    monkeypatch.setattr(flask.app, "iscoroutinefunction", counting)
    monkeypatch.setattr(flask_ensure_sync, "iscoroutinefunction", counting)
    client = app_with_a_hook_and_an_async_view().test_client()
    answers = [client.get(path) for path in ("/", "/async", "/", "/async")]

    assert [(a.get_data(as_text=True), a.headers["X-Hook"]) for a in answers] == [
        ("sync", "ran"),
        ("async", "ran"),
    ] * 2
    # Every function the app holds is asked once (the static view and the template context
    # processor Flask registers itself among them), and none twice.
    assert {"hook", "index", "waits"} <= set(asked)
    assert len(asked) == len(set(asked))


def test_a_hook_made_for_one_request_is_not_kept_once_the_request_is_over() -> None:
    app = Flask(__name__)
    remember_which_functions_are_async(app)
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


# --- models answered without @validate()'s request machinery -----------------------------------


def test_the_hello_no_longer_runs_validates_request_checks(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    answer_models_without_validate(app)
    checked = _calls_to(monkeypatch, FLASK_PYDANTIC_CORE, "validate_path_params")
    assert app.test_client().get("/").json == {"Hello": "World"}
    assert checked == []


def test_a_view_with_input_keeps_validate(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    answer_models_without_validate(app)
    checked = _calls_to(monkeypatch, FLASK_PYDANTIC_CORE, "validate_path_params")
    assert app.test_client().get("/employees/1").status_code == 200
    assert len(checked) == 1


RETURNS: dict[str, Any] = {
    "model": Hello(),
    "model and status": (Health(status="unavailable", database="unreachable"), 503),
    "model and headers": (Hello(), {"Location": "/somewhere"}),
    "model, status and headers": (Hello(), 202, {"X-Extra": "1"}),
    "not a model": ({"a": 1}, 201),
}
DECORATIONS: dict[str, dict[str, Any]] = {
    "@validate()": {},
    "@validate(on_success_status=202)": {"on_success_status": 202},
    "@validate(exclude_none=True)": {"exclude_none": True},
}


def app_returning(value: Any, decoration: dict[str, Any]) -> Flask:
    app = Flask(__name__)

    @app.get("/")
    @validate(**decoration)
    def view() -> Any:
        return value

    return app


@pytest.mark.parametrize("decoration", DECORATIONS.values(), ids=DECORATIONS.keys())
@pytest.mark.parametrize("returned", RETURNS.values(), ids=RETURNS.keys())
def test_a_returned_value_is_answered_as_flask_pydantic_answers_it(
    returned: Any, decoration: dict[str, Any]
) -> None:
    want = app_returning(returned, decoration).test_client().get("/")
    recipe_applied = app_returning(returned, decoration)
    answer_models_without_validate(recipe_applied)
    got = recipe_applied.test_client().get("/")
    assert (got.status, got.data) == (want.status, want.data)
    assert list(got.headers.items()) == list(want.headers.items())


def test_an_app_without_a_validate_view_without_input_is_refused() -> None:
    app = Flask(__name__)

    @app.get("/<int:number>")
    @validate()
    def view(number: int) -> Hello:
        return Hello()

    with pytest.raises(RecipeError, match="no view"):
        answer_models_without_validate(app)


# --- Vary written directly ---------------------------------------------------------------------


def vary_app(extra_vary: str | None) -> Flask:
    app = Flask(__name__)
    app.after_request(vary_on_origin)

    @app.get("/")
    def view() -> Response:
        response = Response("hello")
        if extra_vary is not None:
            response.headers["Vary"] = extra_vary
        return response

    return app


@pytest.mark.parametrize("extra_vary", [None, "Accept-Encoding", "Origin", "origin, Cookie"])
def test_vary_written_directly_reads_as_werkzeugs(extra_vary: str | None) -> None:
    want = vary_app(extra_vary).test_client().get("/")
    recipe_applied = vary_app(extra_vary)
    write_vary_directly(recipe_applied)
    got = recipe_applied.test_client().get("/")
    assert got.headers.getlist("Vary") == want.headers.getlist("Vary")


def test_vary_on_origin_is_replaced_where_it_stands(twin_settings: Settings) -> None:
    app = create_app(twin_settings)
    before = list(app.after_request_funcs[None])
    write_vary_directly(app)
    assert app.after_request_funcs[None] == [
        vary_on_origin_directly if hook is vary_on_origin else hook for hook in before
    ]


def test_an_app_without_vary_on_origin_is_refused() -> None:
    with pytest.raises(RecipeError, match="vary_on_origin"):
        write_vary_directly(Flask(__name__))


# --- the admin's session removed only if used ---------------------------------------------------


def _removals(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    removed: list[object] = []
    real = scoped_session.remove

    def spy(self: scoped_session) -> None:  # type: ignore[type-arg]
        removed.append(self)
        real(self)

    monkeypatch.setattr(scoped_session, "remove", spy)
    return removed


def test_the_idiomatic_twin_removes_the_admin_session_on_every_request(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    removed = _removals(monkeypatch)
    app.test_client().get("/")
    assert len(removed) == 1


def test_with_the_recipe_a_request_that_never_opened_it_removes_nothing(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    remove_admin_session_only_if_used(app)
    removed = _removals(monkeypatch)
    app.test_client().get("/")
    assert removed == []


def test_with_the_recipe_an_admin_page_still_removes_its_session(
    twin_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(twin_settings)
    remove_admin_session_only_if_used(app)
    (teardown,) = [hook for hook in app.teardown_appcontext_funcs if isinstance(hook, RemoveIfUsed)]
    removed = _removals(monkeypatch)
    credentials = base64.b64encode(
        f"{twin_settings.auth_username}:{twin_settings.auth_password.get_secret_value()}".encode()
    ).decode()
    answer = app.test_client().get(
        "/admin/employee/", headers={"Authorization": f"Basic {credentials}"}
    )
    assert answer.status_code == 200
    assert removed == [teardown.session]
    assert not teardown.session.registry.has()


def test_an_app_without_a_scoped_session_teardown_is_refused() -> None:
    with pytest.raises(RecipeError, match="0 teardowns"):
        remove_admin_session_only_if_used(Flask(__name__))


# --- the start-up heap frozen -------------------------------------------------------------------


def test_the_heap_is_frozen_after_start_up(twin_settings: Settings) -> None:
    app = create_app(twin_settings)
    assert gc.get_freeze_count() == 0
    freeze_startup_heap(app)
    assert gc.get_freeze_count() > 0


def test_a_measurement_within_a_frozen_heap_leaves_it_unfrozen() -> None:
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


# --- TRUSTED_HOSTS checked once per Host value ---------------------------------------------------


def host_echo_app() -> Flask:
    app = Flask(__name__)
    app.config["TRUSTED_HOSTS"] = ["api.test", ".example.com"]

    @app.get("/where")
    def where() -> dict[str, Any]:
        return {"host": request.host, "url": url_for("where", _external=True)}

    return app


def test_a_trusted_host_is_checked_by_flask_once(monkeypatch: pytest.MonkeyPatch) -> None:
    app = host_echo_app()
    remember_trusted_hosts(app)
    checked = _calls_to(monkeypatch, flask.app, "get_host")
    client = app.test_client()
    answers = [client.get("/where", headers={"Host": "api.test"}).json for _ in range(3)]
    assert answers == [{"host": "api.test", "url": "http://api.test/where"}] * 3
    assert len(checked) == 1


def test_with_the_recipe_every_host_gets_flasks_answer() -> None:
    hosts = ["api.test", "api.test:8080", "a.example.com", "evil.test", "api.test", "evil.test"]
    plain, remembering_app = host_echo_app(), host_echo_app()
    remember_trusted_hosts(remembering_app)
    for host in hosts:
        expected = plain.test_client().get("/where", headers={"Host": host})
        answer = remembering_app.test_client().get("/where", headers={"Host": host})
        assert (answer.status_code, answer.json) == (expected.status_code, expected.json), host


def test_a_refused_host_is_refused_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    app = host_echo_app()
    remember_trusted_hosts(app)
    client = app.test_client()
    statuses = [client.get("/where", headers={"Host": "evil.test"}).status_code for _ in range(2)]
    assert statuses == [400, 400]


def test_the_memory_stops_growing_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    app = host_echo_app()
    remember_trusted_hosts(app)
    client = app.test_client()
    for number in range(REMEMBERED_HOSTS + 1):
        client.get("/where", headers={"Host": f"h{number}.example.com"})
    checked = _calls_to(monkeypatch, flask.app, "get_host")
    client.get("/where", headers={"Host": f"h{REMEMBERED_HOSTS}.example.com"})
    client.get("/where", headers={"Host": "h0.example.com"})
    assert len(checked) == 1  # the host past the bound was checked again, the first was not


def test_an_app_without_trusted_hosts_is_refused() -> None:
    with pytest.raises(RecipeError, match="no TRUSTED_HOSTS"):
        remember_trusted_hosts(Flask(__name__))
