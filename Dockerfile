# One image for both twins. The default command serves FastAPI on uvicorn; docker-compose.yml
# gives each service the command from the Procfile instead.

# --- builder: the dependencies and the project, installed into a virtualenv ------------------
FROM python:3.11-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# A virtualenv is one directory the final stage can copy whole; its interpreter links to
# /usr/local/bin/python3.11, which the final stage has too (same base image).
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

WORKDIR /src
# README.md is read by the build backend (pyproject's `readme`).
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY flask_app ./flask_app
COPY fastapi_app ./fastapi_app
# Every dependency, psycopg[binary] included, ships binary wheels for Linux, so this stage needs
# no compiler either. If a platform lacks one, install build-essential here, never below.
RUN pip install ".[postgres]"

# --- runtime: the virtualenv and the source, no build tools -----------------------------------
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    PORT=8000

# A fixed numeric id, so an orchestrator can check "not root" without reading /etc/passwd.
# The home directory holds gunicorn's control socket ($HOME/.gunicorn/gunicorn.ctl).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app app

WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
# The servers import from /app (the working directory comes first on sys.path); alembic.ini
# and the gunicorn configs are read from here by relative path, as on the host.
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
