"""Modularity: Blueprint and APIRouter."""

import inspect

from fastapi import APIRouter
from flask import Blueprint

from fastapi_app.routes import ROUTERS
from flask_app.routes import BLUEPRINTS
from tools.claims.ledger import Finding, Link, claim, judge

SECTION = "Modularity"

BUNDLED = ("template_folder", "static_folder")


@claim(
    "An APIRouter is FastAPI's Blueprint: views grouped in a module of their own and "
    "registered on the app."
)
def blueprint_and_apirouter() -> Finding:
    blueprint_takes = [name for name in BUNDLED if name in inspect.signature(Blueprint).parameters]
    router_takes = [name for name in BUNDLED if name in inspect.signature(APIRouter).parameters]
    grouped = len(BLUEPRINTS) == len(ROUTERS) and all(isinstance(r, APIRouter) for r in ROUTERS)
    return judge(
        article_right=grouped,
        observed=f"The twins group their views in {len(BLUEPRINTS)} Blueprints and "
        f"{len(ROUTERS)} APIRouters, module for module. A Blueprint takes "
        f"{', '.join(blueprint_takes) or 'neither folder'}; an APIRouter "
        f"{', '.join(router_takes) or 'neither'}.",
        today="The twins could not group their views alike.",
        caveats=[
            "An APIRouter groups routes only: a Blueprint can also carry its own templates and "
            "static files, which FastAPI mounts on the app."
        ]
        if blueprint_takes and not router_takes
        else [],
        evidence=[
            Link("the route table test", "parity_tests/differential/test_route_table.py"),
        ],
    )
