from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from fastapi_app.deps import SettingsDep
from shared.auth import basic_challenge, credentials_are_valid
from shared.schemas import ErrorOut, LoginIn, UserOut, WhoAmI

router = APIRouter(tags=["auth"])

# auto_error=False: a missing header comes through as None, so the 401 below carries the
# configured realm. A malformed header is still refused by HTTPBasic itself.
basic = HTTPBasic(auto_error=False)


@router.post("/login", responses={401: {"model": ErrorOut}})
def login(body: LoginIn, settings: SettingsDep) -> UserOut:
    if not credentials_are_valid(settings, body.username, body.password):
        raise HTTPException(401, "Incorrect username or password")
    # The response model has no password field: it cannot leak, whatever the handler returns.
    return UserOut(username=body.username, email=body.email)


@router.get("/whoami", responses={401: {"model": ErrorOut}})
def whoami(
    settings: SettingsDep, credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]
) -> WhoAmI:
    if credentials is None or not credentials_are_valid(
        settings, credentials.username, credentials.password
    ):
        raise HTTPException(
            401, "Not authenticated", headers={"WWW-Authenticate": basic_challenge(settings)}
        )
    return WhoAmI(username=credentials.username)
