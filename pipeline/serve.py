"""`notes serve`: the preview folder on 127.0.0.1, brought up to date whenever a source changes.

The server binds its port before anything is built, so a port in use is a
one-line error at once. It serves the preview folder (pipeline/preview.py
keeps it up to date) with clean URLs, as Pelican's own server does, and
answers an address the site does not have with the site's own 404 page.
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles
from pelican.server import ComplexHTTPRequestHandler

from pipeline.errors import NotesError

HOST = "127.0.0.1"  # never another: a preview holds drafts, and is for the writer alone
NOT_FOUND_PAGE = "404.html"


class PortInUse(NotesError):
    pass


class _Handler(ComplexHTTPRequestHandler):
    """Pelican's handler (clean URLs without index.html), answering missing pages with the site's 404 page."""

    def do_GET(self):
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:  # it logs each miss: see bind()
            self._not_found()
            return
        super().do_GET()

    def _not_found(self) -> None:
        try:
            page = (Path(self.base_path) / NOT_FOUND_PAGE).read_bytes()
        except OSError:  # a site without one, or none built yet
            self.send_error(404, "Not found")
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, msg_format, *args):
        pass  # the terminal shows rebuilds, not every request


def bind(folder: Path, port: int) -> ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1:`port`, bound but not yet serving; PortInUse if it cannot be."""
    handler = type("Handler", (_Handler,), {"base_path": str(folder)})
    logging.getLogger("pelican.server").setLevel(logging.ERROR)  # a missing page is the 404 page, not a warning
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} on {HOST} is in use; stop what uses it, or choose another with --port N")
        raise PortInUse(f"cannot serve on {HOST}:{port}: {err.strerror}; choose another port with --port N") from None


def start(server: ThreadingHTTPServer) -> None:
    """Serve in a background thread; the caller shuts the server down."""
    threading.Thread(target=server.serve_forever, daemon=True).start()


def watch(paths: Iterable[Path], changed: Callable[[set[Path]], None], stop: threading.Event | None = None) -> None:
    """Call `changed` with the paths that changed after each burst of changes, until `stop` is set."""
    existing = [str(p) for p in paths if p.exists()]
    for changes in watchfiles.watch(*existing, stop_event=stop, raise_interrupt=False):
        changed({Path(path) for _, path in changes})
