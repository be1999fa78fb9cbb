"""A kiosk's health over HTTP: ``/status`` (the status document, JSON) and ``/picture`` (PNG).

The standard library's :class:`~http.server.ThreadingHTTPServer` runs in a thread of its own;
by default it listens on ``127.0.0.1`` only (a hall's monitoring reads it on the PC, or through
an SSH tunnel); another address only when the operator asks for it (``--status-address``).
The status document is a snapshot the kiosk refreshes (see :mod:`viewer.ui.kiosk_health`); the
picture is taken in the Qt thread, which the server's thread waits for (at most
:data:`PICTURE_WAIT_S`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PySide6.QtCore import QObject, Qt, Signal

DEFAULT_ADDRESS = "127.0.0.1"
DEFAULT_PORT = 8470
PICTURE_WAIT_S = 10.0


class _PictureBridge(QObject):
    """Runs the picture function in the Qt thread for the server's thread."""

    wanted = Signal(object)

    def __init__(self, picture: Callable[[], bytes]) -> None:
        super().__init__()
        self.picture = picture
        self.wanted.connect(self._take, Qt.ConnectionType.QueuedConnection)

    def _take(self, box: dict) -> None:
        try:
            box["png"] = self.picture()
        except Exception as exc:  # noqa: BLE001 - told to the client, the kiosk goes on
            box["error"] = str(exc)
        box["done"].set()

    def take(self) -> dict:
        """The picture (``png``) or why not (``error``); waits for the Qt thread."""
        box: dict = {"done": threading.Event()}
        self.wanted.emit(box)
        if not box["done"].wait(PICTURE_WAIT_S):
            box["error"] = "the kiosk did not draw the picture in time"
        return box


class HealthServer:
    """Serves ``status()`` (a dict, JSON-encoded) at ``/status`` and ``picture()`` (PNG bytes,
    called in the Qt thread) at ``/picture`` on ``address``:``port`` (port 0: any free port;
    :attr:`port` tells which). ``OSError`` when the address cannot be used."""

    def __init__(
        self,
        status: Callable[[], dict],
        picture: Callable[[], bytes],
        address: str = DEFAULT_ADDRESS,
        port: int = DEFAULT_PORT,
    ) -> None:
        bridge = _PictureBridge(picture)
        self._bridge = bridge

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                path = self.path.split("?", 1)[0]
                if path in ("/", "/status"):
                    body = json.dumps(status(), indent=2).encode("utf-8") + b"\n"
                    self._send(200, "application/json", body)
                elif path == "/picture":
                    box = bridge.take()
                    if "png" in box:
                        self._send(200, "image/png", box["png"])
                    else:
                        self._send(503, "text/plain", box["error"].encode("utf-8"))
                else:
                    self._send(404, "text/plain", b"try /status or /picture\n")

            def _send(self, code: int, kind: str, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # each request is not worth a line in the kiosk's log

        self.server = ThreadingHTTPServer((address, port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, name="kiosk-health", daemon=True
        )
        self.thread.start()

    @property
    def address(self) -> str:
        """The address listened on."""
        return str(self.server.server_address[0])

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self.server.server_address[1])

    def close(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
