"""HTTP Basic as a FastAPI security dependency, challenging with the configured realm."""

from fastapi import HTTPException, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from shared.auth import basic_challenge


def not_authenticated(request: Request) -> HTTPException:
    challenge = basic_challenge(request.app.state.settings)
    return HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": challenge})


class ConfiguredBasic(HTTPBasic):
    """FastAPI's HTTPBasic (so /docs offers Basic auth), with the realm taken from Settings.

    HTTPBasic fixes its realm when it is created, at import time, and refuses a malformed
    header with a bare `WWW-Authenticate: Basic`; every refusal here names the realm.
    """

    async def __call__(self, request: Request) -> HTTPBasicCredentials:  # type: ignore[override]
        try:
            credentials = await super().__call__(request)
        except HTTPException as error:
            raise not_authenticated(request) from error
        if credentials is None:
            raise not_authenticated(request)
        return credentials
