"""Production servers and Docker images."""

import importlib.metadata

import uvicorn
from gunicorn.config import Config as GunicornConfig
from packaging.specifiers import SpecifierSet

from tools.claims.imports import judge_move
from tools.claims.ledger import Finding, Link, claim, judge

SECTION = "Deployment"

ARTICLE_PYTHON = "3.8"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
ARTICLE_FLASK_PORT = "5000"


@claim("gunicorn runs FastAPI with uvicorn's worker class, `uvicorn.workers.UvicornWorker`.")
def uvicorn_worker_class() -> Finding:
    return judge_move(
        "from uvicorn.workers import UvicornWorker",
        "from uvicorn_worker import UvicornWorker",
        today="Install uvicorn-worker and run `gunicorn -k uvicorn_worker.UvicornWorker`, as "
        "fastapi_app/gunicorn.conf.py does.",
        changed="uvicorn deprecated its `uvicorn.workers` module for the uvicorn-worker package",
        evidence=[Link("fastapi_app/gunicorn.conf.py", "fastapi_app/gunicorn.conf.py")],
    )


LIBRARIES = ("flask", "fastapi", "starlette", "pydantic", "uvicorn", "gunicorn")


@claim("Python 3.8 images (the article's Dockerfiles) run both apps.")
def python_38_images() -> Finding:
    needs = {name: importlib.metadata.metadata(name)["Requires-Python"] for name in LIBRARIES}
    refusing = {
        name: spec for name, spec in needs.items() if ARTICLE_PYTHON not in SpecifierSet(spec)
    }
    return judge(
        article_right=not refusing,
        observed="The locked releases require Python "
        + ", ".join(f"{spec} ({name})" for name, spec in needs.items())
        + ".",
        today=f"{', '.join(refusing)} no longer install on Python {ARTICLE_PYTHON}: use an "
        "image of a Python they support, as the twins' Dockerfile does.",
        changed=f"these libraries dropped Python {ARTICLE_PYTHON}, which is past its end of life",
        evidence=[Link("Dockerfile", "Dockerfile")],
    )


@claim(
    "A container can run plain `uvicorn main:app` or `gunicorn main:app` and be reached on the "
    "port it exposes."
)
def container_default_bind() -> Finding:
    uvicorn_config = uvicorn.Config(app="claims_nowhere:app")
    uvicorn_bind = f"{uvicorn_config.host}:{uvicorn_config.port}"
    gunicorn_bind = GunicornConfig().bind[0]
    gunicorn_port = gunicorn_bind.rsplit(":", 1)[-1]
    inside_only = sorted(
        {
            host
            for bind in (uvicorn_bind, gunicorn_bind)
            if (host := bind.rsplit(":", 1)[0]) in LOOPBACK
        }
    )
    return judge(
        article_right=not inside_only,
        observed=f"Without options, uvicorn listens on {uvicorn_bind} and gunicorn on "
        f"{gunicorn_bind}.",
        today=f"By default they listen on {' and '.join(inside_only)}, the loopback interface, "
        "which nothing outside the container can reach: pass `--host 0.0.0.0` to uvicorn "
        "and `--bind 0.0.0.0:PORT` to gunicorn"
        + (
            f" (gunicorn's default port, {gunicorn_port}, is not the {ARTICLE_FLASK_PORT} the "
            "article's Flask image exposes)."
            if gunicorn_port != ARTICLE_FLASK_PORT
            else "."
        ),
    )
