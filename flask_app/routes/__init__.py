"""One blueprint per feature, registered in this order by create_app."""

from flask import Blueprint

from . import auth, employees, health, hello, methods, pages, settings, uploads, waits

BLUEPRINTS: list[Blueprint] = [
    hello.bp,
    methods.bp,
    settings.bp,
    employees.bp,
    auth.bp,
    waits.bp,
    uploads.bp,
    pages.bp,
    health.bp,
]
