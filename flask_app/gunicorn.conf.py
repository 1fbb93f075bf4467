"""gunicorn settings for the Flask twin; every number can be set from the environment."""

import os

from gunicorn.http.message import Request
from gunicorn.workers.base import Worker

from flask_app.greenlets import run_async_views_on_one_loop

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# gthread hands a connection to a thread once its headers are in, and the app's read of the body
# blocks that thread: a client that stalls mid-body holds it until it gives up. 64 threads per
# worker keep 40 such clients (what tests/transport/test_slow_clients.py sends) from taking every
# thread even when all land on one worker; an idle thread costs little. Past workers x threads
# stalled clients, only a proxy that buffers whole requests in front (nginx) keeps serving.
threads = int(os.environ.get("GUNICORN_THREADS", "64"))
# SIGTERM lets a request in flight finish for up to this many seconds.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# An empty value turns the access log off (the benchmark does, for every server alike).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None

# gunicorn answers every request with "Connection: keep-alive" unless told otherwise, but it
# drains at most 64 KiB of a body the app left unread and then closes the connection: a client
# that believed the promise loses its next request ("Server disconnected without sending a
# response"). Flask leaves a body unread when it refuses one over MAX_CONTENT_LENGTH, and when
# no view reads it (a 404, a 405, a refused login). gunicorn drops a Connection header that a
# WSGI app sets, so the app cannot say "close" once it knows; the hook below says it up front
# for every body that may be more than gunicorn would drain: over 64 KiB, or of unknown length.
# A fully read upload of that size costs its client one reconnection.
DRAINED_BYTES = 64 * 1024  # gunicorn.http.parser's _DRAIN_MAX_BYTES


def pre_request(worker: Worker, req: Request) -> None:
    worker.log.debug("%s %s", req.method, req.path)
    # gunicorn answers in the request's minor version ("GET / HTTP/1.2" gets "HTTP/1.2 200"),
    # but a server MUST NOT send a version it does not conform to (RFC 9110 section 2.5), and
    # no WSGI middleware can reach the status line: so here, before the response exists.
    if req.version > (1, 1):
        req.version = (1, 1)
    fields = dict(req.headers)
    declared = fields.get("CONTENT-LENGTH", "")
    # gunicorn refuses any Transfer-Encoding but one that ends in chunked: a body of unknown size.
    if "TRANSFER-ENCODING" in fields or (declared.isdigit() and int(declared) > DRAINED_BYTES):
        req.must_close = True


def post_worker_init(worker: Worker) -> None:
    # On gevent workers (--worker-class gevent), Flask's async views need one asyncio loop per
    # worker (flask_app/greenlets.py says why); the app is loaded by now, and elsewhere this
    # leaves it as it is.
    run_async_views_on_one_loop(worker.wsgi)
