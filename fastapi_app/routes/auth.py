from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPBasicCredentials

from fastapi_app.deps import SettingsDep
from fastapi_app.responses import UNAUTHORIZED, WITH_BODY
from fastapi_app.security import ConfiguredBasic, not_authenticated
from shared.auth import credentials_are_valid
from shared.schemas import LoginIn, UserOut, WhoAmI

router = APIRouter(tags=["auth"])
basic = ConfiguredBasic()


@router.post("/login", responses=WITH_BODY | UNAUTHORIZED)
def login(body: LoginIn, settings: SettingsDep) -> UserOut:
    if not credentials_are_valid(settings, body.username, body.password.get_secret_value()):
        raise HTTPException(401, "Incorrect username or password")
    # The response model has no password field: it cannot leak, whatever the handler returns.
    return UserOut(username=body.username, email=body.email)


@router.get("/whoami", responses=UNAUTHORIZED)
def whoami(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPBasicCredentials, Depends(basic)],
) -> WhoAmI:
    if not credentials_are_valid(settings, credentials.username, credentials.password):
        raise not_authenticated(request)
    return WhoAmI(username=credentials.username)
