"""gunicorn settings for the FastAPI twin; the same environment variables as the Flask twin's."""

import os

# gunicorn manages the processes (restarts, graceful reloads); each worker runs uvicorn's event
# loop. The worker lives in the uvicorn-worker package: `uvicorn.workers` is deprecated.
worker_class = "uvicorn_worker.UvicornWorker"
# No `threads`: an async worker serves concurrent requests on its event loop, and gunicorn
# ignores the setting for non-threaded worker classes.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# SIGTERM lets a request in flight finish for up to this many seconds.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# An empty value turns the access log off (the benchmark does, for every server alike).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
