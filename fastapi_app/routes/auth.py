from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from fastapi_app.deps import SettingsDep
from fastapi_app.responses import UNAUTHORIZED, WITH_BODY
from shared.auth import basic_challenge, credentials_are_valid
from shared.schemas import LoginIn, UserOut, WhoAmI

router = APIRouter(tags=["auth"])
security = HTTPBasic()


@router.post("/login", responses=WITH_BODY | UNAUTHORIZED)
def login(body: LoginIn, settings: SettingsDep) -> UserOut:
    if not credentials_are_valid(settings, body.username, body.password.get_secret_value()):
        raise HTTPException(401, "Incorrect username or password")
    # The response model has no password field: it cannot leak, whatever the handler returns.
    return UserOut(username=body.username, email=body.email)


@router.get("/whoami", responses=UNAUTHORIZED)
def whoami(
    settings: SettingsDep, credentials: Annotated[HTTPBasicCredentials, Depends(security)]
) -> WhoAmI:
    if not credentials_are_valid(settings, credentials.username, credentials.password):
        challenge = {"WWW-Authenticate": basic_challenge(settings)}
        raise HTTPException(401, "Not authenticated", headers=challenge)
    return WhoAmI(username=credentials.username)
