# One image for both twins. The default command serves FastAPI on uvicorn; docker-compose.yml
# gives each service the command from the Procfile instead.

# The official image by default. `python -m tools.containers` (make compose-up-test) passes a
# Debian one built where Docker Hub is out of reach: any image with python 3.11 and venv will do.
ARG BASE_IMAGE=python:3.11-slim

# --- builder: exactly the locked dependencies, installed into a virtualenv --------------------
FROM ${BASE_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# A virtualenv is one directory the final stage can copy whole; its interpreter links to the base
# image's python3.11, which the final stage has too (same base image).
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

# requirements.txt is uv.lock exported with every hash (`make requirements`). The wheelhouse,
# tools/containers/wheels/, is empty in the repository: then pip fetches those exact files from
# PyPI. When it holds wheels (the compose test downloads them on the host), pip installs from it
# alone and needs no network.
# Either way --require-hashes refuses any file the lock does not name. Every dependency,
# psycopg[binary] included, ships binary wheels for Linux, so no compiler is needed.
COPY requirements.txt /build/
COPY tools/containers/wheels/ /build/wheelhouse/
RUN if ls /build/wheelhouse/*.whl >/dev/null 2>&1; then \
        set -- --no-index --find-links /build/wheelhouse; \
    fi \
    && pip install --require-hashes --requirement /build/requirements.txt "$@"

# --- runtime: the virtualenv and the source, no build tools -----------------------------------
FROM ${BASE_IMAGE} AS runtime

# The project itself is not installed: its source is in /app, first on every command's path
# (alembic's included), so what runs is exactly what was copied.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PATH="/opt/venv/bin:$PATH" \
    PORT=8000

# A fixed numeric id, so an orchestrator can check "not root" without reading /etc/passwd.
# The home directory holds gunicorn's control socket ($HOME/.gunicorn/gunicorn.ctl).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app app

WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
# alembic.ini and the gunicorn configs are read from /app by relative path, as on the host.
COPY alembic.ini ./
COPY shared ./shared
COPY flask_app ./flask_app
COPY fastapi_app ./fastapi_app
# The code stays root-owned and read-only to the app; only var/ (uploads, a SQLite file when
# DATABASE_URL is left at its default) is writable. A named volume mounted on var/uploads
# starts with this ownership.
RUN mkdir -p var/uploads && chown -R app:app var

USER 10001:10001

EXPOSE 5000 8000

# slim images have no curl: the stdlib asks /health, which answers 503 when the database is
# unreachable, and urlopen raises on any status of 400 or more. PORT must name the port the
# server listens on (compose sets it per service).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/health', timeout=4)"]

# `exec` makes the server PID 1, so `docker stop`'s SIGTERM reaches it and it shuts down
# gracefully; the shell is there only to expand $PORT.
CMD ["sh", "-c", "exec uvicorn fastapi_app.asgi:app --host 0.0.0.0 --port \"$PORT\""]
