"""Every differential probe against the strangler at each step, beside the Flask twin.

A probe whose path a ported feature serves may only show the unbridged differences it names
(FastAPI answers it, in compat mode); any other must be the same as Flask's answer, since the
unchanged Flask app gives it. Both strict: a difference that should be gone and shows fails,
and so does one that should show and is gone.
"""

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pytest
from a2wsgi import WSGIMiddleware
from pydantic import SecretStr
from starlette.testclient import TestClient

from fastapi_app import create_app as create_fastapi_app
from fastapi_app.strangler import Porting, Strangler, build_strangler, steps
from flask_app import create_app as create_flask_app
from parity_tests.differential.built import NON_ASCII_USER, add_probe_routes
from parity_tests.differential.cases import every_probe
from parity_tests.migration import STRANGLER_PREFIX, record_pair
from parity_tests.normalise import observe
from parity_tests.parity import Probe, explain, judge
from parity_tests.registry import REGISTRY
from parity_tests.targets import (
    BASE_URL,
    Pair,
    Target,
    build_app,
    client_for,
    isolated_settings,
    prepare_database,
)
from shared.settings import Settings

STEPS = steps()


def probe_settings(workdir: Path) -> Settings:
    settings = isolated_settings(workdir)
    prepare_database(settings)
    return settings.model_copy(
        update={"auth_username": NON_ASCII_USER[0], "auth_password": SecretStr(NON_ASCII_USER[1])}
    )


def strangler_for_probes(settings: Settings, ported: list[str]) -> Strangler:
    """The strangler as create_strangler builds it, with the probes' extra routes in both."""
    fastapi = create_fastapi_app(settings.model_copy(update={"compat": "flask"}))
    flask = create_flask_app(settings)
    add_probe_routes(fastapi)
    add_probe_routes(flask)
    return build_strangler(fastapi, flask, ported)


@pytest.fixture(scope="module", params=list(STEPS), ids=lambda step: f"{step} ported")
def step_pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Porting, Pair]]:
    step = request.param
    with ExitStack() as stack:
        flask_settings = probe_settings(tmp_path_factory.mktemp("flask"))
        flask_app = build_app("flask", flask_settings)
        add_probe_routes(flask_app)
        flask = Target("flask", stack.enter_context(client_for(flask_app)), flask_settings, False)
        settings = probe_settings(tmp_path_factory.mktemp("strangler"))
        strangler = strangler_for_probes(settings, STEPS[step])
        client = stack.enter_context(
            TestClient(
                strangler, base_url=BASE_URL, raise_server_exceptions=False, follow_redirects=False
            )
        )
        yield step, strangler.porting, Pair(flask, Target("fastapi", client, settings, False))


def on_strangler(probe: Probe, porting: Porting) -> Probe:
    """What the strangler should answer: FastAPI's unbridged differences where it serves."""
    path = probe.path.split("?", 1)[0].format_map({"id": "1", "etag": ""})
    if not porting.is_ported(path):
        return replace(probe, differences=())
    left = tuple(name for name in probe.differences if not REGISTRY[name].compat_bridge)
    return replace(probe, differences=left)


@pytest.mark.parametrize(
    "probe", every_probe(), ids=lambda probe: f"{probe.feature}: {probe.title}"
)
def test_the_strangler_answers_as_flask_but_for_the_unbridged_of_ported_features(
    probe: Probe, step_pair: tuple[str, Porting, Pair], request: pytest.FixtureRequest
) -> None:
    step, porting, pair = step_pair
    flask, strangler = probe.send(pair.flask), probe.send(pair.fastapi)

    result = judge(
        on_strangler(probe, porting), observe(flask, probe.raw), observe(strangler, probe.raw)
    )
    record_pair(request.config, STRANGLER_PREFIX + step, result)

    assert result.verdict != "unexpected", explain(result)


def test_a_probe_of_a_feature_not_yet_ported_expects_no_difference() -> None:
    probe = Probe("docs", "x", "GET", "/openapi.json", differences=("docs-builtin",))

    assert on_strangler(probe, Porting.of(["employees"])).differences == ()
    assert on_strangler(probe, Porting.of(["docs"])).differences == ("docs-builtin",)


def test_the_flask_half_runs_behind_a2wsgi() -> None:
    strangler = strangler_for_probes(Settings(database_url="sqlite://"), [])

    assert isinstance(strangler.legacy_app, WSGIMiddleware)
