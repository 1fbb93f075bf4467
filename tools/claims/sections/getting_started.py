"""Installation, the hello world, and starting the server."""

import importlib.metadata

import click
from click.testing import CliRunner
from fastapi import FastAPI
from uvicorn.main import main as uvicorn_command

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Installation and hello world"


def requirements(distribution: str, extra: str | None = None) -> set[str]:
    """The names of what a distribution requires: unconditionally, or with one extra."""
    names = set()
    for requirement in importlib.metadata.requires(distribution) or []:
        name, _, marker = requirement.partition(";")
        wanted = f'extra == "{extra}"' in marker if extra else not marker.strip()
        if wanted:
            names.add(name.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip())
    return names


@claim("FastAPI has no development server of its own: an ASGI server such as uvicorn is needed.")
def no_development_server() -> Finding:
    has_run = hasattr(FastAPI, "run")
    server_required = "uvicorn" in requirements("fastapi")
    cli_extra = "fastapi-cli" in requirements("fastapi", "standard")
    return judge(
        article_right=not has_run and not server_required,
        observed=f"FastAPI has {'a' if has_run else 'no'} `run` method and "
        f"{'requires' if server_required else 'does not require'} uvicorn; its `standard` extra "
        f"{'includes' if cli_extra else 'does not include'} fastapi-cli.",
        today="FastAPI can serve itself: "
        + ("`FastAPI.run` exists." if has_run else "it installs uvicorn itself."),
        caveats=[
            '`pip install "fastapi[standard]"` brings uvicorn and the `fastapi dev` and '
            "`fastapi run` commands (fastapi-cli), which start it for you."
        ]
        if cli_extra
        else [],
    )


@claim("A view may return a plain dict; both frameworks send it as JSON.")
def dict_returned_as_json(twins: Pair) -> Finding:
    case = parity_case(twins, "hello", "hello world")
    json_from = [
        name
        for name, seen in (("Flask", case.flask), ("FastAPI", case.fastapi))
        if seen.status == 200
        and seen.content_type.startswith("application/json")
        and seen.body == {"Hello": "World"}
    ]
    return judge(
        article_right=len(json_from) == 2,
        observed=f"GET / on each twin, whose view returns a dict: JSON from "
        f"{' and '.join(json_from) or 'neither'}.",
        today=f"Only {' and '.join(json_from) or 'neither'} answered the dict as JSON.",
        caveats=case.differences(),
        evidence=case.links(),
    )


@claim("From a terminal, `uvicorn run module:app` starts the server (`--reload` to reload).")
def uvicorn_run_subcommand() -> Finding:
    command = uvicorn_command
    has_run = isinstance(command, click.Group) and "run" in command.commands
    if has_run:
        return judge(
            article_right=True,
            observed="uvicorn's command line has a `run` subcommand.",
        )
    outcome = CliRunner().invoke(command, ["run", "claims_nowhere:app"])
    output = " ".join((outcome.output or "").split())
    error = output[output.find("Error:") :] if "Error:" in output else output
    refused = outcome.exit_code == 2
    return judge(
        article_right=not refused,
        observed=f"`uvicorn run claims_nowhere:app` exited with {outcome.exit_code}: “{error}”.",
        today="The command is `uvicorn module:app` (with `--reload`): uvicorn has no `run` "
        "subcommand, so it reads `run` as the app and refuses the extra argument.",
    )
