"""Bridges static-file-headers: StaticFiles that answer with send_file's headers.

Flask's send_file names the file (Content-Disposition: inline), asks for revalidation
(Cache-Control: no-cache while SEND_FILE_MAX_AGE_DEFAULT is None) and keeps Accept-Ranges on
a 304; Starlette's FileResponse does none of the three.

    app.mount("/static", FlaskStaticFiles(directory="static"), name="static")
"""

import os

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope


class FlaskStaticFiles(StaticFiles):
    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Disposition"] = f"inline; filename={os.path.basename(full_path)}"
        response.headers.setdefault("Accept-Ranges", "bytes")
        return response
