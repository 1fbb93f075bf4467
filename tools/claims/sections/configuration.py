"""Configuration: environment variables, files, instance folders, settings classes."""

from fastapi import FastAPI
from flask import Flask, config
from pydantic_settings import SettingsConfigDict

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
    "classes and inheritance": ("from_object",),
}


@claim(
    "Both frameworks support the same configuration patterns: environment variables, a config "
    "file, an instance folder, classes with inheritance."
)
def same_configuration_patterns() -> Finding:
    flask_has = [
        pattern
        for pattern, methods in FLASK_PATTERNS.items()
        if all(hasattr(config.Config, method) for method in methods)
    ]
    flask_instance = hasattr(Flask("claims_probe"), "instance_path")
    fastapi = FastAPI()
    fastapi_config = hasattr(fastapi, "config")
    fastapi_instance = hasattr(fastapi, "instance_path")
    settings_files = "env_file" in SettingsConfigDict.__annotations__
    caveats = []
    if not fastapi_config:
        caveats.append(
            "FastAPI has no configuration system of its own: environment variables, `.env` "
            "files and classes come from pydantic-settings, a separate package."
        )
    if not fastapi_instance:
        caveats.append("Nothing on the FastAPI side corresponds to Flask's instance folder.")
    return judge(
        article_right=len(flask_has) == len(FLASK_PATTERNS) and flask_instance and settings_files,
        observed=f"Flask's config loads {', '.join(flask_has)}"
        f"{' and has an instance folder' if flask_instance else ''}; a FastAPI app has "
        f"{'a' if fastapi_config else 'no'} config and {'an' if fastapi_instance else 'no'} "
        f"instance folder; pydantic-settings {'reads' if settings_files else 'does not read'} "
        "files.",
        today="Not every pattern is there: "
        + ", ".join(
            [pattern for pattern in FLASK_PATTERNS if pattern not in flask_has]
            + ([] if flask_instance else ["Flask's instance folder"])
            + ([] if settings_files else ["files in pydantic-settings"])
        )
        + " missing.",
        caveats=caveats,
    )
