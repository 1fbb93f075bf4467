"""HTTP Basic as a FastAPI security dependency, challenging with the configured realm."""

from fastapi import HTTPException, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from shared.auth import basic_challenge, basic_credentials


def not_authenticated(request: Request) -> HTTPException:
    challenge = basic_challenge(request.app.state.settings)
    return HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": challenge})


class ConfiguredBasic(HTTPBasic):
    """FastAPI's HTTPBasic for what it declares (so /docs offers Basic auth), with our parser.

    HTTPBasic decodes credentials as ASCII only and fixes its realm at import time; the shared
    parser decodes UTF-8 as browsers send it, as the admin pages and the Flask twin do, and
    every refusal names the configured realm.
    """

    async def __call__(self, request: Request) -> HTTPBasicCredentials:  # type: ignore[override]
        credentials = basic_credentials(request.headers.get("Authorization"))
        if credentials is None:
            raise not_authenticated(request)
        username, password = credentials
        return HTTPBasicCredentials(username=username, password=password)
