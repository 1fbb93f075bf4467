from fastapi import APIRouter

from fastapi_app.deps import SettingsDep
from shared.public import public_settings
from shared.schemas import PublicSettings

router = APIRouter(tags=["settings"])


@router.get("/settings")
def show_settings(settings: SettingsDep) -> PublicSettings:
    return public_settings(settings)
