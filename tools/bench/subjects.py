"""What the harness measures: apps, the servers that run them, and the pairs of the two.

A subject is one app on one server. Every twin runs beside a bare app of its framework and a
raw callable on the same server, so that each ratio holds everything but one thing equal.
"""

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from tools.bench.tuned import ENVIRONMENT_VARIABLE as TUNED_RECIPES
from tools.bench.tuned import RECIPES, Recipe

ROOT = Path(__file__).resolve().parents[2]
# Absolute, so that a twin run from another checkout gets the very same server settings.
FLASK_GUNICORN_CONF = str(ROOT / "flask_app" / "gunicorn.conf.py")
FASTAPI_GUNICORN_CONF = str(ROOT / "fastapi_app" / "gunicorn.conf.py")

# "http": a program that is its own server (the Node.js and Go reference hellos).
Interface = Literal["wsgi", "asgi", "http"]
# twin: an app of this repository as written; tuned: a twin with every recipe of tools.bench.tuned;
# recipe: a twin with one recipe alone; migration: the migration kit (compat mode, strangler);
# variant: a twin rewritten as its framework's users would tune it (tools.bench.variants).
Kind = Literal["twin", "bare", "raw", "reference", "tuned", "recipe", "migration", "variant"]

# One worker everywhere; the Flask twin's production threads per worker, the default of
# flask_app/gunicorn.conf.py (a test keeps the two equal), for every WSGI server alike.
THREADS = 64
GEVENT_CONNECTIONS = 1000


@dataclass(frozen=True)
class App:
    key: str
    label: str
    kind: Kind
    framework: str | None
    interface: Interface
    target: str
    factory: bool = True
    # The source tree the server runs in; None for this checkout. An older checkout of the
    # twins runs beside the current one to measure a change side by side.
    tree: str | None = None
    # Variables the app's own process gets on top of the run's and the server's: which
    # recipes a tuned twin applies, which step of the migration the strangler is at.
    environment: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Server:
    key: str
    label: str
    interface: Interface
    # The argument list before the bind address and the app, and the options after them.
    program: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)

    def command(self, app: App, port: int) -> list[str]:
        if app.interface != self.interface:
            raise ValueError(f"{self.label} serves {self.interface}, not {app.label}")
        return [*self.program, *_bind_and_target(self.program[0], app, port)]


def _bind_and_target(program: str, app: App, port: int) -> list[str]:
    host = "127.0.0.1"
    if app.interface == "http":
        # A reference program listens on 127.0.0.1 itself and takes the port as its last word.
        return [*([app.target] if program == "node" else []), str(port)]
    if program == "gunicorn":
        return ["--bind", f"{host}:{port}", f"{app.target}()" if app.factory else app.target]
    factory = ["--factory"] if app.factory else []
    if program == "uvicorn":
        return ["--host", host, "--port", str(port), *factory, app.target]
    if program == "granian":
        return ["--host", host, "--port", str(port), *factory, app.target]
    raise ValueError(f"no command line known for {program}")


GUNICORN_ENVIRONMENT = {
    "GUNICORN_WORKERS": "1",
    "GUNICORN_THREADS": str(THREADS),
    # Off for every server alike: the benchmark measures frameworks, not log formatting.
    "GUNICORN_ACCESS_LOG": "",
}

GUNICORN_GTHREAD = Server(
    "gunicorn-gthread",
    "gunicorn gthread",
    "wsgi",
    ("gunicorn", "--config", FLASK_GUNICORN_CONF),
    GUNICORN_ENVIRONMENT,
)
GUNICORN_GEVENT = Server(
    "gunicorn-gevent",
    "gunicorn gevent",
    "wsgi",
    (
        "gunicorn",
        "--config",
        FLASK_GUNICORN_CONF,
        "--worker-class",
        "gevent",
        "--worker-connections",
        str(GEVENT_CONNECTIONS),
    ),
    GUNICORN_ENVIRONMENT,
)
GRANIAN_WSGI = Server(
    "granian-wsgi",
    "granian (WSGI)",
    "wsgi",
    (
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        "1",
        "--blocking-threads",
        str(THREADS),
        "--no-access-log",
    ),
)
UVICORN = Server(
    "uvicorn",
    "uvicorn",
    "asgi",
    ("uvicorn", "--workers", "1", "--no-access-log"),
)
GUNICORN_UVICORN = Server(
    "gunicorn-uvicorn",
    "gunicorn + uvicorn worker",
    "asgi",
    ("gunicorn", "--config", FASTAPI_GUNICORN_CONF),
    GUNICORN_ENVIRONMENT,
)
GRANIAN_ASGI = Server(
    "granian-asgi",
    "granian (ASGI)",
    "asgi",
    ("granian", "--interface", "asgi", "--workers", "1", "--no-access-log"),
)
# The reference hellos (tools/bench/reference/README.md): Node runs the script; the Go program
# is built once per run into a directory on the servers' PATH (tools.bench.reference), then run
# by name.
NODE = Server("node", "Node.js", "http", ("node",))
GO = Server("go", "Go", "http", ("hello-go",))
SERVERS = (
    GUNICORN_GTHREAD,
    GUNICORN_GEVENT,
    GRANIAN_WSGI,
    UVICORN,
    GUNICORN_UVICORN,
    GRANIAN_ASGI,
    NODE,
    GO,
)

FLASK_TWIN = App("flask-twin", "Flask twin", "twin", "flask", "wsgi", "flask_app.wsgi:app", False)
FASTAPI_TWIN = App(
    "fastapi-twin", "FastAPI twin", "twin", "fastapi", "asgi", "fastapi_app.asgi:app", False
)
BARE_FLASK = App(
    "bare-flask", "bare Flask", "bare", "flask", "wsgi", "tools.bench.apps.bare_flask:create_app"
)
BARE_FLASK_PYDANTIC = App(
    "bare-flask-pydantic",
    "bare Flask + flask-pydantic",
    "bare",
    "flask",
    "wsgi",
    "tools.bench.apps.bare_flask_pydantic:create_app",
)
BARE_FASTAPI = App(
    "bare-fastapi",
    "bare FastAPI",
    "bare",
    "fastapi",
    "asgi",
    "tools.bench.apps.bare_fastapi:create_app",
)
RAW_WSGI = App("raw-wsgi", "raw WSGI", "raw", None, "wsgi", "tools.bench.apps.raw_wsgi:create_app")
RAW_ASGI = App("raw-asgi", "raw ASGI", "raw", None, "asgi", "tools.bench.apps.raw_asgi:create_app")
NODE_HTTP = App(
    "node-http",
    "Node.js http",
    "reference",
    None,
    "http",
    str(ROOT / "tools" / "bench" / "reference" / "hello.js"),
    False,
)
GO_HTTP = App(
    "go-http",
    "Go net/http",
    "reference",
    None,
    "http",
    str(ROOT / "tools" / "bench" / "reference" / "hello.go"),
    False,
)

FRAMEWORK_LABELS = {"flask": "Flask", "fastapi": "FastAPI"}
TUNED_FACTORIES: dict[str, tuple[Interface, str]] = {
    "flask": ("wsgi", "tools.bench.tuned.flask_twin:create_app"),
    "fastapi": ("asgi", "tools.bench.tuned.fastapi_twin:create_app"),
}


def tuned_app(framework: str) -> App:
    """The twin with every recipe, named explicitly: a TUNED_RECIPES left in the shell that
    started the run must not make it a different subject."""
    interface, target = TUNED_FACTORIES[framework]
    keys = ",".join(recipe.key for recipe in RECIPES[framework])
    return App(
        f"{framework}-tuned",
        f"tuned {FRAMEWORK_LABELS[framework]} twin",
        "tuned",
        framework,
        interface,
        target,
        environment={TUNED_RECIPES: keys},
    )


def recipe_app(framework: str, recipe: Recipe) -> App:
    """The twin with `recipe` alone, on the tuned factory."""
    interface, target = TUNED_FACTORIES[framework]
    return App(
        recipe_app_key(framework, recipe.key),
        f"{FRAMEWORK_LABELS[framework]} twin + {recipe.key}",
        "recipe",
        framework,
        interface,
        target,
        environment={TUNED_RECIPES: recipe.key},
    )


def recipe_app_key(framework: str, recipe_key: str) -> str:
    return f"{framework}-recipe-{recipe_key}"


TUNED_FLASK, TUNED_FASTAPI = tuned_app("flask"), tuned_app("fastapi")
RECIPE_APPS = {
    framework: tuple(recipe_app(framework, recipe) for recipe in recipes)
    for framework, recipes in RECIPES.items()
}

FASTAPI_COMPAT = App(
    "fastapi-compat",
    "FastAPI compat mode",
    "migration",
    "fastapi",
    "asgi",
    "migration.compat:create_compat_app",
)
# migration.strangler.steps(), by name (a test keeps the two equal): importing the kit here
# would load both twins into every process that only lists subjects.
STRANGLER_STEPS = ("0%", "50%", "100%")
STRANGLER_STEP_VARIABLE = "BENCH_STRANGLER_STEP"


def strangler_app(step: str) -> App:
    return App(
        f"strangler-{step.rstrip('%')}",
        f"strangler, {step} ported",
        "migration",
        # Both frameworks at once: FastAPI in compat mode in front, Flask behind a2wsgi.
        None,
        "asgi",
        "tools.bench.apps.strangler:create_app",
        environment={STRANGLER_STEP_VARIABLE: step},
    )


MIGRATION_APPS = (FASTAPI_COMPAT, *(strangler_app(step) for step in STRANGLER_STEPS))
FASTAPI_ASYNC_DB = App(
    "fastapi-async-db",
    "FastAPI twin, async endpoints on an async session (aiosqlite)",
    "variant",
    "fastapi",
    "asgi",
    "tools.bench.variants.fastapi_async_db:create_app",
)
FASTAPI_ASYNC_DEPS = App(
    "fastapi-async-deps",
    "FastAPI twin, its non-blocking dependency async",
    "variant",
    "fastapi",
    "asgi",
    "tools.bench.variants.fastapi_async_deps:create_app",
)
VARIANT_APPS = (FASTAPI_ASYNC_DB, FASTAPI_ASYNC_DEPS)
APPS = (
    FLASK_TWIN,
    FASTAPI_TWIN,
    BARE_FLASK,
    BARE_FLASK_PYDANTIC,
    BARE_FASTAPI,
    RAW_WSGI,
    RAW_ASGI,
    NODE_HTTP,
    GO_HTTP,
    TUNED_FLASK,
    TUNED_FASTAPI,
    *RECIPE_APPS["flask"],
    *RECIPE_APPS["fastapi"],
    *MIGRATION_APPS,
    *VARIANT_APPS,
)


@dataclass(frozen=True)
class Subject:
    app: App
    server: Server

    @property
    def key(self) -> str:
        return f"{self.app.key}@{self.server.key}"

    @property
    def label(self) -> str:
        # A reference program is its own server: "Go net/http", not "... on Go".
        if self.app.kind == "reference":
            return self.app.label
        return f"{self.app.label} on {self.server.label}"


def _on(server: Server, *apps: App) -> list[Subject]:
    return [Subject(app, server) for app in apps]


SUBJECTS: tuple[Subject, ...] = (
    *_on(GUNICORN_GTHREAD, FLASK_TWIN, BARE_FLASK, BARE_FLASK_PYDANTIC, RAW_WSGI),
    # Each twin tuned, and with each recipe alone, on its own production server only.
    *_on(GUNICORN_GTHREAD, TUNED_FLASK, *RECIPE_APPS["flask"]),
    *_on(GUNICORN_GEVENT, FLASK_TWIN, BARE_FLASK, RAW_WSGI),
    *_on(GRANIAN_WSGI, FLASK_TWIN, BARE_FLASK, RAW_WSGI),
    *_on(UVICORN, FASTAPI_TWIN, BARE_FASTAPI, RAW_ASGI),
    *_on(UVICORN, TUNED_FASTAPI, *RECIPE_APPS["fastapi"]),
    # The migration kit on the server a migrated service runs on.
    *_on(UVICORN, *MIGRATION_APPS),
    # The FastAPI twin as its users would tune it for a database, on the twin's own server.
    *_on(UVICORN, *VARIANT_APPS),
    *_on(GUNICORN_UVICORN, FASTAPI_TWIN, BARE_FASTAPI, RAW_ASGI),
    *_on(GRANIAN_ASGI, FASTAPI_TWIN, BARE_FASTAPI, RAW_ASGI),
    *_on(NODE, NODE_HTTP),
    *_on(GO, GO_HTTP),
)

# Each twin's own production server, where the concurrency sweep runs.
NATIVE_SERVERS = {"flask": GUNICORN_GTHREAD, "fastapi": UVICORN}


BEFORE_SUFFIX = "-before"


def before_subjects(tree: str) -> tuple[Subject, ...]:
    """Each twin on its own server, run from an older checkout `tree`: "before" beside "after"."""
    return tuple(
        Subject(
            replace(app, key=app.key + BEFORE_SUFFIX, label=app.label + " (before)", tree=tree),
            NATIVE_SERVERS[str(app.framework)],
        )
        for app in (FLASK_TWIN, FASTAPI_TWIN)
    )


def subject(key: str, tree: str = "") -> Subject:
    """The subject named `key`; a "-before" twin runs from `tree`."""
    for candidate in (*SUBJECTS, *before_subjects(tree)):
        if candidate.key == key:
            return candidate
    raise KeyError(f"no subject {key!r}; known: {', '.join(s.key for s in SUBJECTS)}")
