"""The article's opening and its "FastAPI vs Flask" section: what each framework is."""

import inspect

from fastapi import FastAPI
from flask import Flask

import shared.schemas
from parity_tests.sides import Pair
from tools.claims import performance
from tools.claims.benchmarks import Benchmarks
from tools.claims.ledger import Finding, Link, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "FastAPI vs Flask"


def _parameters(function: object) -> list[str]:
    return [name for name in inspect.signature(function).parameters if name != "self"]  # type: ignore[arg-type]


@claim("FastAPI is an ASGI framework, the asynchronous server interface; Flask is a WSGI one.")
def asgi_not_wsgi() -> Finding:
    fastapi_call, flask_call = _parameters(FastAPI.__call__), _parameters(Flask.__call__)
    fastapi_is_asgi = inspect.iscoroutinefunction(FastAPI.__call__) and fastapi_call == [
        "scope",
        "receive",
        "send",
    ]
    flask_is_wsgi = not inspect.iscoroutinefunction(Flask.__call__) and flask_call == [
        "environ",
        "start_response",
    ]
    return judge(
        article_right=fastapi_is_asgi and flask_is_wsgi,
        observed=f"A FastAPI app is called as `{'async ' if fastapi_is_asgi else ''}"
        f"({', '.join(fastapi_call)})`; a Flask app as `({', '.join(flask_call)})`.",
        today="The interfaces no longer split this way: "
        f"FastAPI takes ({', '.join(fastapi_call)}), Flask ({', '.join(flask_call)}).",
    )


@claim(
    "FastAPI is one of the fastest Python web frameworks (judged here by its rank among at least "
    f"{performance.RIVALS_FOR_A_RANKING} other Python frameworks measured bare on the hello; "
    "with fewer, unmeasured: beating Flask alone ranks nothing)."
)
def fastest_python_framework(benchmarks: Benchmarks) -> Finding:
    return performance.fastest_python_framework(benchmarks)


@claim(
    "FastAPI is much faster than Flask (“blazing fast” in comparison): judged here as at least "
    f"{performance.MUCH_FASTER_AT:g} times Flask's requests per second, on each workload."
)
def much_faster_than_flask(benchmarks: Benchmarks) -> Finding:
    return performance.much_faster_than_flask(benchmarks)


@claim(
    "FastAPI's performance is on a par with Node.js and Go: judged here as at least "
    f"{performance.ON_PAR_AT} of each one's requests per second on a hello."
)
def on_par_with_node_and_go(benchmarks: Benchmarks) -> Finding:
    return performance.on_par_with_node_and_go(benchmarks)


@claim("Async is what Starlette and uvicorn give FastAPI and Flask lacks.")
def flask_lacks_async(twins: Pair, benchmarks: Benchmarks) -> Finding:
    case = parity_case(twins, "async", "an awaited wait")
    app = twins.flask.app
    assert isinstance(app, Flask), "the claims run the Flask twin in-process"
    view = app.view_functions["waits.wait"]
    runs_as = app.ensure_sync(view)
    blocking = not inspect.iscoroutinefunction(runs_as)
    figures, figure_links = performance.async_figures(benchmarks)
    return judge(
        article_right=case.flask.status != 200,
        observed=f"The Flask twin's `async def` view answered {case.flask.status} "
        f"(FastAPI {case.fastapi.status}); Flask calls it through `ensure_sync`, which "
        + (
            "turns the coroutine function into a plain function that blocks until it is done."
            if blocking
            else "leaves it a coroutine function."
        ),
        today="Flask runs `async def` views (install `flask[async]`), but "
        + (
            "each one is a blocking call on its worker thread, with an event loop of its own: "
            "a wait holds a thread, so concurrency is still bounded by threads."
            if blocking
            else "without holding a thread."
        )
        + (f" {figures}" if figures else ""),
        changed="Flask 2.0 added async views",
        evidence=[*case.links(), *figure_links],
    )


@claim(
    "One pydantic model with type hints gives a route both validation and its documentation "
    "(JSON Schema in the OpenAPI document)."
)
def one_model_validates_and_documents(twins: Pair) -> Finding:
    schema = twins.fastapi.client.get("/openapi.json").json()
    body = schema["paths"]["/employees"]["post"]["requestBody"]["content"]["application/json"]
    name = body["schema"]["$ref"].rsplit("/", 1)[-1]
    model = getattr(shared.schemas, name)
    documented = schema["components"]["schemas"][name].get("required", [])
    declared = model.model_json_schema().get("required", [])
    case = parity_case(twins, "validation", "a field that fails validation")
    return judge(
        article_right=documented == declared and case.fastapi.status == 422,
        observed=f"The FastAPI twin's OpenAPI document describes POST /employees with the "
        f"`{name}` model's own JSON Schema (required: {', '.join(documented)}), and the same "
        f"model refused an invalid body with {case.fastapi.status}.",
        today=f"The documented schema ({documented}) and the model ({declared}) disagree, or "
        f"the model did not validate (status {case.fastapi.status}).",
        evidence=[
            Link("the model: shared/schemas.py", "shared/schemas.py"),
            *case.links(),
        ],
    )
