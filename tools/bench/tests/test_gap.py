"""The database gap's measurement: each app it compares answers the list as the FastAPI twin,
each rewrite does what its row says, and the table subtracts the right pairs."""

import inspect

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tools.bench import gap
from tools.bench.layers import fastapi_twin
from tools.bench.variants.rewired import Rewrite, rewritten

APPS = {
    "twin": (),
    "rebuilt": (gap.REBUILT,),
    "none": gap.NONE_OF_THEM,
    **{f"{key}:without": without for key, (_, _, _, without) in gap.CAUSES.items()},
}


def listed(changes: tuple[gap.Change, ...]) -> tuple[int, str, bytes]:
    app = fastapi_twin()
    for change in changes:
        change(app)
    with TestClient(app) as client:
        response = client.get(gap.URL)
    return response.status_code, response.headers["content-type"], response.content


@pytest.mark.usefixtures("twin_environment")
@pytest.mark.parametrize("app", APPS)
def test_every_app_the_gap_compares_answers_the_list_as_the_twin(app: str) -> None:
    status, content_type, body = listed(APPS[app])
    assert (status, content_type, body) == listed(())
    assert body.count(b'"email"') == 3  # the bench test database's three employees


def test_a_rewrite_in_the_loop_is_a_coroutine_and_keeps_the_new_dependency() -> None:
    def endpoint(db: int, limit: int) -> int:
        return db + limit

    rewrite = Rewrite(annotations=((int, str),), in_the_loop=True)
    call = rewritten(endpoint, rewrite)

    assert inspect.iscoroutinefunction(call)
    assert [p.annotation for p in inspect.signature(call).parameters.values()] == [str, str]
    assert not inspect.iscoroutinefunction(rewritten(endpoint, Rewrite()))


@pytest.mark.usefixtures("twin_environment")
def test_the_rewritten_list_runs_in_the_loop_and_the_others_stay_as_written() -> None:
    app = fastapi_twin()
    gap.ENDPOINT_IN_THE_LOOP(app)
    moved = next(
        e
        for e in app.router.routes
        if hasattr(e, "original_router")
        and any(getattr(r, "name", "") == gap.LIST_ROUTE for r in e.original_router.routes)
    )
    routes = {r.name: r for r in moved.original_router.routes if isinstance(r, APIRoute)}

    assert inspect.iscoroutinefunction(routes[gap.LIST_ROUTE].endpoint)
    assert not inspect.iscoroutinefunction(routes["get_employee"].endpoint)


def test_each_cause_is_the_app_with_it_minus_the_app_without_it() -> None:
    costs = {"twin": 1000.0, "flask-twin": 600.0, "rebuilt": 1001.0, "none": 650.0}
    costs["session-life"] = 40.0
    for number, key in enumerate(gap.CAUSES):
        costs[f"{key}:with"] = 1000.0
        costs[f"{key}:without"] = 1000.0 - 10.0 * (number + 1)
    rows = {row["layer"]: row for row in gap.gap_table(costs)}
    assert [rows[key]["us"] for key in gap.CAUSES] == [10.0, 20.0, 30.0, 40.0, 50.0]
    assert rows["endpoint-thread"]["handoffs"] == 2
    assert rows["none"]["us"] == 650.0
    assert rows["session-life"]["us"] == 40.0
