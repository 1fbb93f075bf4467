"""Configuration: environment variables, files, instance folders, settings classes."""

import pydantic_settings
from fastapi import FastAPI
from flask import Flask, config
from pydantic_settings import BaseSettings, SettingsConfigDict

from tools.claims.imports import judge_move
from tools.claims.ledger import Finding, Link, claim, judge

SECTION = "Configuration"


@claim("A settings class is imported from pydantic: `from pydantic import BaseSettings`.")
def base_settings_in_pydantic() -> Finding:
    return judge_move(
        "from pydantic import BaseSettings",
        "from pydantic_settings import BaseSettings",
        today="Install pydantic-settings and write `from pydantic_settings import BaseSettings`; "
        "the class reads environment variables as before (the twins' shared/settings.py).",
        changed="pydantic 2 moved BaseSettings into the separate pydantic-settings package",
        evidence=[Link("shared/settings.py", "shared/settings.py")],
    )


FLASK_PATTERNS = {
    "environment variables": ("from_prefixed_env", "from_envvar"),
    "a config file": ("from_file", "from_pyfile"),
    "classes with inheritance": ("from_object",),
}


class _Base(BaseSettings):
    debug: bool = False


class _Production(_Base):
    database_url: str = ""


def _fastapi_patterns() -> dict[str, bool]:
    """What a FastAPI app can use for each pattern: pydantic-settings, or the app itself."""
    return {
        "environment variables": hasattr(pydantic_settings, "EnvSettingsSource"),
        "a config file": "env_file" in SettingsConfigDict.__annotations__,
        "classes with inheritance": {"debug", "database_url"} <= set(_Production.model_fields),
        "an instance folder": hasattr(FastAPI(), "instance_path"),
    }


@claim(
    "Both frameworks support the same configuration patterns: environment variables, a config "
    "file, an instance folder, classes with inheritance."
)
def same_configuration_patterns() -> Finding:
    flask_has = {
        pattern: all(hasattr(config.Config, method) for method in methods)
        for pattern, methods in FLASK_PATTERNS.items()
    } | {"an instance folder": hasattr(Flask("claims_probe"), "instance_path")}
    fastapi_has = _fastapi_patterns()
    fastapi_config = hasattr(FastAPI(), "config")
    # A pattern is shared when both sides have it: the claim is about the two together.
    shared = {pattern: flask_has[pattern] and fastapi_has[pattern] for pattern in flask_has}

    def listed(has: dict[str, bool], value: bool) -> str:
        return ", ".join(pattern for pattern, present in has.items() if present is value)

    return judge(
        parts=shared,
        observed=f"Flask's config has {listed(flask_has, True) or 'none of them'}"
        + (f" (not {listed(flask_has, False)})" if not all(flask_has.values()) else "")
        + f"; a FastAPI app, with pydantic-settings, has {listed(fastapi_has, True) or 'none'}"
        + (f" (not {listed(fastapi_has, False)})" if not all(fastapi_has.values()) else "")
        + f", and {'a' if fastapi_config else 'no'} config of its own.",
        today="Nothing on the FastAPI side corresponds to Flask's instance folder."
        if not fastapi_has["an instance folder"]
        else "Not every pattern is on both sides.",
        caveats=[]
        if fastapi_config
        else [
            "FastAPI has no configuration system of its own: environment variables, `.env` "
            "files and classes come from pydantic-settings, a separate package."
        ],
    )
