"""A test-owned static site on a loopback port of its own: the pages CORS tests call from.

One server answers for several origins: http://localhost:PORT (the origin the apps allow),
http://127.0.0.1:PORT (a disallowed one: an origin is scheme, host and port) and, for
/sandboxed, the opaque origin `null` that a Content-Security-Policy sandbox gives a page.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>CORS test page</title></head>
<body><p>A page on another origin; the tests call both apps from here with fetch.</p></body>
</html>
"""
SANDBOXED_PATH = "/sandboxed"


class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path not in ("/", SANDBOXED_PATH):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        if self.path == SANDBOXED_PATH:
            self.send_header("Content-Security-Policy", "sandbox allow-scripts")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is the tests'."""


def allowed_origin(port: int) -> str:
    return f"http://localhost:{port}"


@contextmanager
def serving() -> Iterator[int]:
    """Serve the pages on 127.0.0.1 and a free port; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, name="cors-test-site", daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
