"""One router per feature, included in this order by create_app."""

from fastapi import APIRouter

from . import auth, employees, health, hello, methods, pages, settings, uploads, waits

ROUTERS: list[APIRouter] = [
    hello.router,
    methods.router,
    settings.router,
    employees.router,
    auth.router,
    waits.router,
    uploads.router,
    pages.router,
    health.router,
]
