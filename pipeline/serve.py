"""`notes serve`: the built site on 127.0.0.1, rebuilt whenever a source changes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles
from pelican.server import ComplexHTTPRequestHandler


class _Handler(ComplexHTTPRequestHandler):
    """Pelican's handler (clean URLs without index.html), answering 404 for missing pages."""

    def do_GET(self):
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            self.send_error(404, "Not found")
            return
        super().do_GET()

    def log_message(self, msg_format, *args):
        pass  # the terminal shows rebuilds, not every request


def start_server(output: Path, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `output` in a background thread; the caller shuts it down."""
    handler = type("Handler", (_Handler,), {"base_path": str(output)})
    httpd = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def watch(paths: Iterable[Path], rebuild: Callable[[set[str]], None], stop: threading.Event | None = None) -> None:
    """Call `rebuild` with the changed paths after each burst of changes, until `stop` is set."""
    existing = [str(p) for p in paths if p.exists()]
    for changes in watchfiles.watch(*existing, stop_event=stop, raise_interrupt=False):
        rebuild({path for _, path in changes})
