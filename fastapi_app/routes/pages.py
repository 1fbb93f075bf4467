from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates

from fastapi_app.deps import SessionDep, SettingsDep
from shared.pages import FAVICON, PAGE_TEMPLATE, TEMPLATES_DIR, page_context

router = APIRouter(tags=["pages"])
templates = Jinja2Templates(directory=TEMPLATES_DIR)


@router.get("/page", response_class=HTMLResponse)
def page(request: Request, db: SessionDep, settings: SettingsDep) -> HTMLResponse:
    context = page_context(db, settings, "FastAPI")
    return templates.TemplateResponse(request, PAGE_TEMPLATE, context)


@router.get("/favicon.ico", response_class=FileResponse)
def favicon() -> FileResponse:
    return FileResponse(FAVICON, media_type="image/png")
