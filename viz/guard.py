"""The UI server's door: a token, same-origin checks and defensive headers (an ASGI middleware).

Binding to loopback is not a boundary: any web page the user opens, and any other user of a
shared machine, can reach ``127.0.0.1``. So, as Jupyter does, every request must carry the
server's random token, given once in the URL that ``accord ui`` prints (``?token=...``): that
request gets an HttpOnly, SameSite=Strict cookie for this server and is redirected to the same
address without the token. Later requests (the page, its assets, the kernel WebSocket) carry
the cookie. A request whose ``Host`` is not a name of this server (DNS rebinding) or whose
``Origin`` is another origin (a page on another site or port: cross-site WebSocket hijacking)
is refused whatever it carries. Every HTTP response gets a Content-Security-Policy with
``frame-ancestors 'none'`` (and X-Frame-Options), so no other page can frame the UI.

Pure ASGI and standard library only, so it can be tested without a browser or Solara.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
TOKEN_PARAM = "token"

# Everything the page loads comes from this server (Solara's assets are served from a local
# cache); Vue compiles templates at run time, hence 'unsafe-eval'.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
REFUSED_PAGE = (
    "<!doctype html><meta charset=utf-8><title>Accord: not allowed</title>"
    "<p>{reason}</p><p>Open the address that <code>accord ui</code> printed: it carries this "
    "server's token.</p>"
)


def new_token() -> str:
    """A fresh random token (256 bits), one per server start."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def split_host(value: str) -> str:
    """The host name of a ``Host`` header or netloc, lower case, without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") > 1:  # a bare IPv6 address
        return value
    return value.rsplit(":", 1)[0] if ":" in value else value


@dataclass(frozen=True)
class Policy:
    """Who may come in: the token, and the host names this server answers to.

    ``hosts`` None means any host name (a server bound to all interfaces, where the token is
    the guard); otherwise the loopback names, the bound address and any names given.
    """

    token: str
    port: int
    hosts: frozenset[str] | None = field(default=LOOPBACK_NAMES)

    @classmethod
    def for_binding(cls, token: str, host: str, port: int, names: Iterable[str] = ()) -> Policy:
        if host in WILDCARDS and not list(names):
            return cls(token, port, None)
        allowed = set(LOOPBACK_NAMES) | {split_host(host)} | {split_host(n) for n in names}
        return cls(token, port, frozenset(allowed - WILDCARDS))

    @property
    def cookie(self) -> str:
        """The cookie's name: one per port, since browsers share cookies across ports."""
        return f"accord-ui-{self.port}"

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def host_ok(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        return self.hosts is None or split_host(host_header) in self.hosts


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        out.setdefault(key.decode("latin-1").lower(), value.decode("latin-1"))
    return out


def same_origin(origin: str | None, host_header: str) -> bool:
    """True when there is no Origin (not a browser's cross-origin request) or it is this host."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def _cookie_value(headers: dict[str, str], name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header carries no valid token
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


class Guard:
    """ASGI middleware: refuse what fails the Policy, add security headers to the rest."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):  # lifespan
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = headers.get("host", "")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        reason = self.refusal(headers, host, query)
        if reason is not None:
            await self._refuse(kind, send, reason)
            return
        if kind == "http" and self.policy.token_ok(query.get(TOKEN_PARAM)):
            await self._set_cookie_and_redirect(scope, query, send)
            return
        await self.app(scope, receive, _with_headers(send) if kind == "http" else send)

    def refusal(self, headers: dict[str, str], host: str, query: dict[str, str]) -> str | None:
        """Why a request is refused, or None when it may pass."""
        if not self.policy.host_ok(host):
            return "This server does not answer to that host name."
        if not same_origin(headers.get("origin"), host):
            return "Requests from other web pages are not allowed."
        given = [
            query.get(TOKEN_PARAM),
            _cookie_value(headers, self.policy.cookie),
            headers.get("authorization", "").removeprefix("token ").strip() or None,
        ]
        if not any(self.policy.token_ok(g) for g in given):
            return "This page needs the server's token."
        return None

    async def _refuse(self, kind: str, send: Send, reason: str) -> None:
        if kind == "websocket":  # closing before accepting answers the handshake with 403
            await send({"type": "websocket.close", "code": 1008})
            return
        body = REFUSED_PAGE.format(reason=reason).encode()
        head = [(b"content-type", b"text/html; charset=utf-8")]
        head.append((b"content-length", str(len(body)).encode()))
        await _with_headers(send)({"type": "http.response.start", "status": 403, "headers": head})
        await send({"type": "http.response.body", "body": body})

    async def _set_cookie_and_redirect(
        self, scope: Scope, query: dict[str, str], send: Send
    ) -> None:
        rest = urlencode([(k, v) for k, v in query.items() if k != TOKEN_PARAM])
        path = quote(scope.get("root_path", "") + scope.get("path", "/"))
        location = path + (f"?{rest}" if rest else "")
        cookie = f"{self.policy.cookie}={self.policy.token}; Path=/; HttpOnly; SameSite=Strict"
        head = [
            (b"location", location.encode("latin-1", "replace")),
            (b"set-cookie", cookie.encode()),
            (b"cache-control", b"no-store"),
            (b"content-length", b"0"),
        ]
        await _with_headers(send)({"type": "http.response.start", "status": 302, "headers": head})
        await send({"type": "http.response.body", "body": b""})
