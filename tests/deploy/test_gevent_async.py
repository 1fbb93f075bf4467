"""The Flask twin's async view on gunicorn's gevent workers, many requests waiting at once.

gevent turns threads into greenlets of one OS thread, while asyncio keeps one running loop per
OS thread: asgiref's per-request loop then saw another request's loop and answered 500.
"""

from concurrent.futures import ThreadPoolExecutor

import httpx2

from tests.deploy.conftest import StartServer

# What a user runs for I/O-bound work: the twin's own gunicorn settings, gevent workers.
GEVENT = (
    "gunicorn --config flask_app/gunicorn.conf.py --worker-class gevent --workers 1 "
    "--bind ${HOST:-127.0.0.1}:${FLASK_PORT:-5000} flask_app.wsgi:app"
)
WAITING_AT_ONCE = 20
DELAY_SECONDS = 0.2


def test_the_flask_async_view_answers_every_request_waiting_at_once_on_gevent_workers(
    start_server: StartServer,
) -> None:
    with (
        start_server("flask", GEVENT) as server,
        httpx2.Client(
            base_url=server.url, timeout=30.0, limits=httpx2.Limits(max_connections=WAITING_AT_ONCE)
        ) as client,
    ):

        def wait(_: int) -> tuple[int, object]:
            response = client.get("/async", params={"delay": DELAY_SECONDS})
            ok = response.status_code == 200
            return response.status_code, response.json() if ok else response.text[:60]

        with ThreadPoolExecutor(WAITING_AT_ONCE) as pool:
            answers = list(pool.map(wait, range(WAITING_AT_ONCE)))

    assert answers == [(200, {"waited": DELAY_SECONDS})] * WAITING_AT_ONCE
