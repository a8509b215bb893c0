"""The HTTP side of ``journeymap serve``: a few fixed routes over the workspace, 404 for the rest.

Routes (SPEC section 7): ``/``, ``/j/<id>``, ``/j/<id>.svg``, ``/j/<id>.json`` and ``/events``.
The request path is matched as sent, before any decoding, against those patterns; an id is
looked up in the workspace's dict, never joined to a file path, so nothing outside what was
rendered can be served. Requests must name this server as a web page cannot fake (DNS
rebinding): a loopback name when it is bound to a loopback address, else also an IP address or
this machine's own name (:func:`rebinding_safe`).
"""

from __future__ import annotations

import ipaddress
import queue
import re
import select
import socket
import sys
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from journeymap.outputs import utf8
from journeymap.serve.events import Events
from journeymap.serve.pages import content_security_policy, index_page, journey_page, missing_page
from journeymap.serve.stale import stale_header, stale_svg
from journeymap.serve.state import Workspace
from journeymap.serve.home import Home, reenter

_ROUTE = re.compile(r"/j/([a-z0-9][a-z0-9_-]{0,127}(?:@[a-z0-9][a-z0-9_-]{0,127})?)(\.svg|\.json)?")  # ids, id@file
KEEPALIVE_SECONDS = 15.0
#: How often a waiting stream looks whether its browser has gone (a hidden tab lets its stream go).
HANG_UP_CHECK_SECONDS = 1.0
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def is_loopback(host: str) -> bool:
    """True for ``localhost``, ``*.localhost`` and loopback IP addresses."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def rebinding_safe(host: str, bound: str) -> bool:
    """Whether a request's Host names this server in a way a DNS-rebinding page cannot fake.

    Bound to a loopback address: only loopback names. Bound to any other address: an IP address
    (what other machines type), a loopback name, this machine's own name or the address it was
    bound to; never an outside domain name, which a web page's DNS can point at this machine.
    """
    name = host.strip("[]").lower().rstrip(".")
    if is_loopback(name):
        return True
    if is_loopback(bound):
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    return name in _own_names() or name == bound.strip("[]").lower()


@lru_cache(maxsize=1)
def _own_names() -> frozenset[str]:
    """This machine's names: its host name, short and fully qualified (looked up once)."""
    host = socket.gethostname().lower()
    return frozenset({host, host.split(".", 1)[0], socket.getfqdn().lower()})


def _host_name(header: str) -> str:
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


#: What an address that serves nothing answers (no word of the address: it is not echoed back).
NOT_FOUND = (b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found: journeymap live preview'
             b'</title></head><body><main><h1>Not found</h1><p>This address shows nothing. The journeys are listed '
             b'at <a href="/">the start</a>; a journey\'s page is /j/ and its id.</p></main></body></html>\n')

class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server holding the workspace and the event fan-out."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], workspace: Workspace, events: Events,
                 home: Optional[Home] = None) -> None:
        self.workspace = workspace
        self.events = events
        self.home = home  # the current folder it began in (watch.Home)
        self.stopping = threading.Event()
        self.loopback_only = is_loopback(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that went before its answer was sent is no error: each such request printed
        a traceback (400 requests cut short, 4,673 lines: audit CG). Anything else is reported as
        the base class does."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = str(self.server_address[0]), self.server_address[1]  # text for AF_INET and AF_INET6
        if host in ("0.0.0.0", "::"):
            # every interface: 0.0.0.0 is no address a browser opens (audit BG); this machine's own is
            host = "127.0.0.1" if host == "0.0.0.0" else "::1"
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD on the fixed routes; everything else is 404."""

    server: PreviewServer
    #: Seconds a connection may stall, sending its request or taking our answer: 3,000 half-sent
    #: requests held a thread each for good (audit BX). The event stream waits on its queue, not
    #: the socket, and writes a keep-alive every 15 s, so an open page is not cut.
    timeout = 30

    def version_string(self) -> str:
        """The ``Server`` header."""
        return "journeymap-serve"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Quiet: the command line reports changes, not requests."""

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        """Like GET, without the body."""
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """Serve one of the routes."""
        self._answer(head=False)

    def _refuse(self) -> None:
        """Any other method: 405 (http.server answered 501, "not implemented"); nothing changes here."""
        self.close_connection = True  # a body the client sends is not read
        self._send(405, "text/plain; charset=utf-8", b"journeymap serve only shows journeys: use GET or HEAD\n",
                   False, extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815 - http.server's naming

    def _answer(self, head: bool) -> None:
        reenter(self.server.home)
        try:
            self._route(head)
        except FileNotFoundError:  # the current folder removed, not made again yet: no traceback, no empty reply
            self._send(503, "text/plain; charset=utf-8", b"journeymap serve: the folder it serves was removed; "
                       b"this page answers again once it is back\n", head, extra={"Retry-After": "1"})

    def _route(self, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        match = _ROUTE.fullmatch(path)
        if path not in ("/", "/events") and match is None:
            self._not_found(head)
            return
        if not rebinding_safe(_host_name(self.headers.get("Host", "localhost")), str(self.server.server_address[0])):
            said = (b"journeymap serve answers only to localhost\n" if self.server.loopback_only else
                    b"journeymap serve answers to this machine's IP address or name, not to other domain names\n")
            self._send(403, "text/plain; charset=utf-8", said, head)
            return
        if path == "/":
            workspace = self.server.workspace
            page = index_page(workspace.results(), workspace.root, workspace.skipped)
            self._send(200, "text/html; charset=utf-8", utf8(page), head)
            return
        if path == "/events":
            if head:  # the stream's headers, no stream (GET's 200, not a 404: audit AH)
                self._headers(200, "text/event-stream; charset=utf-8")
                self.end_headers()
            else:
                self._stream()
            return
        result = self.server.workspace.get(match.group(1)) if match else None
        if match is not None and result is None and match.group(2) is None:
            page = missing_page(match.group(1), self.server.workspace.root)
            self._send(404, "text/html; charset=utf-8", utf8(page), head)
            return
        if match is None or result is None:
            self._not_found(head)
            return
        kind = match.group(2)
        if kind is None:
            page = journey_page(result, self.server.workspace.root)
            self._send(200, "text/html; charset=utf-8", utf8(page), head)
        elif kind == ".svg" and result.svg is not None:
            svg, mark = (stale_svg(result.svg, result.errors), stale_header(result.errors)) if result.stale \
                else (result.svg, None)
            self._send(200, "image/svg+xml", svg, head, policy=SVG_POLICY, extra=mark)
        elif kind == ".json" and result.json is not None:
            self._send(200, "application/json; charset=utf-8", utf8(result.json), head,
                       extra=stale_header(result.errors) if result.stale else None)
        else:
            self._send(404, "text/plain; charset=utf-8", b"no map yet: the journey has errors\n", head)

    def _not_found(self, head: bool) -> None:
        # a page with the way back: a mistyped address was a bare "not found" (audit EJ)
        self._send(404, "text/html; charset=utf-8", NOT_FOUND, head)

    def _headers(self, status: int, content_type: str, policy: Optional[str] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", policy or content_security_policy())
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")

    def _send(self, status: int, content_type: str, body: bytes, head: bool, policy: Optional[str] = None,
              extra: Optional[dict[str, str]] = None) -> None:
        self._headers(status, content_type, policy)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _hung_up(self) -> bool:
        """Whether the browser closed the stream: it sends nothing on it, so a socket that reads
        as ready holds the end of the connection (a write finds that out only at the second
        write after it, up to 30 s later, while the stream's thread waits)."""
        try:
            ready, _, _ = select.select([self.connection], [], [], 0)
            return bool(ready) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _stream(self) -> None:
        """``/events``: ``data: <id>`` or ``data: *`` per change, a comment every 15 s to keep it
        open; around a slow journey's check, ``event: checking`` then ``event: checked`` (data
        ``checking <id>``, ``checked <id>``: a reader of ``data:`` lines alone never takes it for the change)."""
        events = self.server.events
        subscription = events.subscribe()
        self.close_connection = True
        try:
            self._headers(200, "text/event-stream; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n: connected\n\n")
            self.wfile.flush()
            quiet = 0.0
            while not self.server.stopping.is_set():
                try:
                    data = subscription.get(timeout=HANG_UP_CHECK_SECONDS)
                except queue.Empty:
                    if self._hung_up():
                        break
                    quiet += HANG_UP_CHECK_SECONDS
                    if quiet >= KEEPALIVE_SECONDS:
                        quiet = 0.0
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                    continue
                if data is None:
                    break
                name, said = data
                self.wfile.write((f"event: {name}\n" if name else "").encode("utf-8") + f"data: {said}\n\n".encode("utf-8"))
                self.wfile.flush()
        except OSError:
            pass  # the browser went away
        finally:
            events.unsubscribe(subscription)
