from flask import Blueprint, Response, jsonify
from flask_pydantic import validate

from flask_app.deps import get_basic_credentials, get_settings
from shared.auth import basic_challenge, credentials_are_valid
from shared.schemas import LoginIn, UserOut, WhoAmI

bp = Blueprint("auth", __name__)


@bp.post("/login")
@validate()
def login(body: LoginIn) -> UserOut | tuple[Response, int]:
    if not credentials_are_valid(get_settings(), body.username, body.password.get_secret_value()):
        return jsonify(detail="Incorrect username or password"), 401
    # The response model has no password field: it cannot leak, whatever the view returns.
    return UserOut(username=body.username, email=body.email)


@bp.get("/whoami")
@validate()
def whoami() -> WhoAmI | tuple[Response, int, dict[str, str]]:
    settings = get_settings()
    credentials = get_basic_credentials()
    if credentials is None or not credentials_are_valid(settings, *credentials):
        challenge = {"WWW-Authenticate": basic_challenge(settings)}
        return jsonify(detail="Not authenticated"), 401, challenge
    return WhoAmI(username=credentials[0])
