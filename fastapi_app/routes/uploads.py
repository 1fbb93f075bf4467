import uuid

from fastapi import APIRouter, BackgroundTasks, Request, Response, UploadFile

from fastapi_app.deps import SessionDep, SessionFactoryDep, SettingsDep, UploadQueueDep
from fastapi_app.responses import NOT_FOUND, WITH_BODY
from shared import uploads
from shared.schemas import UploadOut

router = APIRouter(tags=["uploads"])


@router.post("/uploads", status_code=202, responses=WITH_BODY)
def create_upload(
    file: UploadFile,
    background: BackgroundTasks,
    db: SessionDep,
    session_factory: SessionFactoryDep,
    settings: SettingsDep,
    upload_queue: UploadQueueDep,
    request: Request,
    response: Response,
) -> UploadOut:
    upload = uploads.store_upload(db, settings.upload_dir, file.filename, file.file)
    if upload_queue is not None:
        # JOBS=queue: a worker process runs the job; the broker holds it until then.
        upload_queue.enqueue(db, upload.id.hex)
    else:
        # Background tasks run after the response has been sent.
        background.add_task(
            uploads.process_upload, session_factory, settings.upload_dir, upload.id.hex
        )
    response.headers["Location"] = request.app.url_path_for("get_upload", upload_id=str(upload.id))
    return upload


@router.get("/uploads/{upload_id}", responses=NOT_FOUND)
def get_upload(db: SessionDep, upload_id: uuid.UUID) -> UploadOut:
    return uploads.get_upload(db, upload_id)
