"""Serving a built site on localhost for browser tests and the benchmark (development only).

Debian's Chromium is driven by Playwright with ``executable_path``; Playwright's own browser
download is never used. The flags keep Chromium from calling home from a closed network.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = Path(os.environ.get("CONGKHAI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a page closed mid-download (ConnectionResetError) is not a failure


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``site`` on a free localhost port in a thread; returns its base URL and server
    (call ``shutdown()`` and ``server_close()`` when done)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
