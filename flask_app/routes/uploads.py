import uuid
from functools import partial

from flask import Blueprint, Response, after_this_request, jsonify, request, url_for
from flask_pydantic import validate

from flask_app.deps import get_db, get_resources
from shared import uploads
from shared.schemas import UploadOut

bp = Blueprint("uploads", __name__)


@bp.post("/uploads")
@validate(on_success_status=202)
def create_upload() -> tuple[UploadOut, dict[str, str]] | tuple[Response, int]:
    file = request.files.get("file")
    if file is None:
        return jsonify(detail=uploads.MISSING_FILE_DETAIL), 400
    resources = get_resources()
    upload_dir = resources.settings.upload_dir
    upload = uploads.store_upload(get_db(), upload_dir, file.filename, file.stream)
    if resources.upload_queue is not None:
        # JOBS=queue: a worker process runs the job; the broker holds it until then.
        resources.upload_queue.enqueue(get_db(), upload.id.hex)
        return upload, {"Location": url_for(".get_upload", upload_id=upload.id)}

    @after_this_request
    def process_after_sending(response: Response) -> Response:
        # call_on_close runs once the server has sent the whole response and closed it.
        job = partial(uploads.process_upload, resources.session_factory, upload_dir, upload.id.hex)
        response.call_on_close(job)
        return response

    return upload, {"Location": url_for(".get_upload", upload_id=upload.id)}


@bp.get("/uploads/<uuid:upload_id>")
@validate()
def get_upload(upload_id: uuid.UUID) -> UploadOut:
    return uploads.get_upload(get_db(), upload_id)
