"""The sides the suite compares, by name: one table says how to build each app in-process and
how to serve it live; a pair of names (reference:candidate) is what one run compares.

A side is what the engine calls it (`sidebyside.Side`): one app under test behind a client."""

import argparse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx2
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

# The engine's in-process and live clients; re-exported for the suite's modules.
from sidebyside.apps import BASE_URL as BASE_URL
from sidebyside.apps import CLIENT_KEEPALIVE_EXPIRY_SECONDS as CLIENT_KEEPALIVE_EXPIRY_SECONDS
from sidebyside.apps import App as App
from sidebyside.apps import client_for as client_for
from sidebyside.apps import client_for_url
from sidebyside.apps import is_asgi as is_asgi
from sidebyside.probes import UnsendableProbeError

from fastapi_app import create_app as create_fastapi_app
from flask_app import create_app as create_flask_app
from migration.compat import create_compat_app
from migration.strangler import create_strangler
from migration.strangler import steps as strangler_steps
from shared.manage import migrate, seed
from shared.settings import Settings

Framework = Literal["flask", "fastapi"]
FRAMEWORKS: tuple[Framework, ...] = ("flask", "fastapi")
ALLOWED_ORIGIN = "https://allowed.example"


def _unchanged(settings: Settings) -> Settings:
    return settings


@dataclass(frozen=True)
class SideSpec:
    """How to build one side's app in-process, and how to serve it live."""

    # The name on the command line (`--pair flask:fastapi-compat`) and in test ids.
    name: str
    # The name the report gives it, in its title and column headings.
    label: str
    # The framework it is built on: the contract tests' per-framework expectations.
    framework: Framework
    # Builds the app (WSGI or ASGI: the engine tells which) from the settings below.
    factory: Callable[[Settings], App]
    # The test's settings as this app must get them (in-process; live: `environment`).
    settings: Callable[[Settings], Settings] = _unchanged
    # The Procfile process that serves it live; its port variable (FLASK_PORT, FASTAPI_PORT)
    # is set to the port the live run chooses.
    process: str = "flask"
    # A command that replaces the Procfile's line, reading the same HOST and port variables.
    command: str | None = None
    # Variables added to the live server's environment (the live twin of `settings`).
    environment: Mapping[str, str] = field(default_factory=dict)


STRANGLER_COMMAND = (
    "uvicorn --factory migration.strangler:create_strangler "
    "--host ${HOST:-127.0.0.1} --port ${FASTAPI_PORT:-8000}"
)
COMPAT_COMMAND = (
    "uvicorn --factory migration.compat:create_compat_app "
    "--host ${HOST:-127.0.0.1} --port ${FASTAPI_PORT:-8000}"
)


def strangler_side(step: str, ported: list[str]) -> SideSpec:
    """The strangler at one step: `strangler-50` has the first half of the features ported."""

    def with_ported(settings: Settings) -> App:
        return create_strangler(settings, ported)

    return SideSpec(
        f"strangler-{step.rstrip('%')}",
        f"the strangler, {step} ported",
        "fastapi",
        with_ported,
        process="fastapi",
        command=STRANGLER_COMMAND,
        environment={"STRANGLER_PORTED": ",".join(ported)},
    )


# Every app the suite can compare; a new one is one more entry here.
SIDES: dict[str, SideSpec] = {
    spec.name: spec
    for spec in (
        SideSpec("flask", "Flask", "flask", create_flask_app, process="flask"),
        SideSpec("fastapi", "FastAPI", "fastapi", create_fastapi_app, process="fastapi"),
        SideSpec(
            "fastapi-compat",
            "FastAPI (compat)",
            "fastapi",
            create_compat_app,
            process="fastapi",
            command=COMPAT_COMMAND,
        ),
        *(strangler_side(step, ported) for step, ported in strangler_steps().items()),
    )
}


class UnknownSideError(LookupError):
    """A name that is not in SIDES."""


def side_spec(name: str) -> SideSpec:
    try:
        return SIDES[name]
    except KeyError:
        known = ", ".join(SIDES)
        raise UnknownSideError(f"no side named {name!r} (known: {known})") from None


@dataclass(frozen=True)
class PairSpec:
    """Which two sides a run compares: the reference (what clients know) and the candidate."""

    reference: str
    candidate: str

    @classmethod
    def parse(cls, text: str) -> "PairSpec":
        """`reference:candidate`, each a name in SIDES."""
        reference, separator, candidate = text.partition(":")
        if not separator or not reference or not candidate:
            raise ValueError(f"a pair is written REFERENCE:CANDIDATE, not {text!r}")
        side_spec(reference)
        side_spec(candidate)
        return cls(reference, candidate)

    @property
    def name(self) -> str:
        """As registry entries name it: `flask:fastapi`."""
        return f"{self.reference}:{self.candidate}"

    @property
    def names(self) -> tuple[str, str]:
        return self.reference, self.candidate

    @property
    def specs(self) -> tuple[SideSpec, SideSpec]:
        return side_spec(self.reference), side_spec(self.candidate)


DEFAULT_PAIR = PairSpec("flask", "fastapi")


def pair_argument(text: str) -> PairSpec:
    """PairSpec.parse for a command-line option: argparse shows the reason it is refused."""
    try:
        return PairSpec.parse(text)
    except (LookupError, ValueError) as error:
        raise argparse.ArgumentTypeError(str(error)) from error


@dataclass(frozen=True)
class Side:
    # The framework the app is built on; for the twins also the side's name.
    framework: Framework
    client: httpx2.Client
    settings: Settings
    live: bool
    # The app itself when it runs in-process, for tests that must wrap it; None when live.
    app: App | None = None
    # Its name in SIDES; left empty, the framework's own twin (its name is the framework's).
    name: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.framework)

    # A side as the engine sends a probe to it (sidebyside.Side): per-app values are built
    # from the app's settings, and its placeholders come from them too.
    @property
    def context(self) -> Settings:
        return self.settings

    def placeholders(self) -> "Placeholders":
        return Placeholders(self.settings)


class Placeholders(dict[str, object]):
    """The values a probe's path and headers may name; the allowed origin only when the app
    has one, so that a deployment without CORS origins skips the CORS probes with a reason."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def __missing__(self, name: str) -> object:
        origins = self.settings.cors_origins
        if name in ("allowed_origin", "allowed_origin_upper") and origins:
            return origins[0].upper() if name.endswith("_upper") else origins[0]
        if name.startswith("allowed_origin"):
            raise UnsendableProbeError("the app allows no CORS origin (CORS_ORIGINS is empty)")
        raise UnsendableProbeError(f"no value for the placeholder {{{name}}}")


@dataclass(frozen=True)
class Pair:
    """Both apps at once, for differential tests: the reference and the candidate."""

    reference: Side
    candidate: Side

    def side(self, name: str) -> Side:
        """The side called `name`."""
        for side in (self.reference, self.candidate):
            if side.name == name:
                return side
        raise UnknownSideError(f"this pair ({self.spec.name}) has no side named {name!r}")

    @property
    def spec(self) -> PairSpec:
        return PairSpec(self.reference.name, self.candidate.name)

    @property
    def live(self) -> bool:
        return self.reference.live or self.candidate.live

    # The twins by name, for code that is about Flask and FastAPI themselves (the claims).
    @property
    def flask(self) -> Side:
        return self.side("flask")

    @property
    def fastapi(self) -> Side:
        return self.side("fastapi")


class ExplicitSettings(Settings):
    """Settings from the defaults and the arguments only: a test's apps must not change with
    the developer's `.env` or shell (CORS_ALLOW_CREDENTIALS=false there broke CORS tests)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def isolated_settings(workdir: Path, database_url: str | None = None) -> Settings:
    """Settings for one in-process app: its own database (SQLite unless given) and uploads."""
    return ExplicitSettings(
        environment="test",
        database_url=database_url or f"sqlite:///{workdir / 'twins.db'}",
        upload_dir=workdir / "uploads",
        cors_origins=[ALLOWED_ORIGIN],
        max_body_bytes=64 * 1024,
    )


def prepare_database(settings: Settings) -> None:
    migrate(settings.database_url)
    seed(settings.database_url)


def build_app(name: str, settings: Settings) -> App:
    """The app called `name` in SIDES, built with `settings` as that side takes them."""
    spec = side_spec(name)
    return spec.factory(spec.settings(settings))


@contextmanager
def in_process(name: str, settings: Settings) -> Iterator[Side]:
    """The app called `name`, built by its factory with these settings, behind an in-process
    client."""
    spec = side_spec(name)
    settings = spec.settings(settings)
    app = spec.factory(settings)
    with client_for(app) as client:
        yield Side(spec.framework, client, settings, live=False, app=app, name=name)


@contextmanager
def live(name: str, url: str, settings: Settings) -> Iterator[Side]:
    """A running server; `settings` must be what that server was started with."""
    with client_for_url(url) as client:
        yield Side(side_spec(name).framework, client, settings, live=True, name=name)
