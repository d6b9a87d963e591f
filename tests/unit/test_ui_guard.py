"""The UI server's door (viz.guard) and the page's folder policy (viz.workspace), without a browser.

The browser-level proof (another origin in real Chromium) is tests/ui/test_security.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from viz.guard import Guard, Policy, split_host
from viz.workspace import OutsideWorkspace, readable_dir, workspace_root, writable_dir

TOKEN = "t" * 43
PORT = 8765


async def _inner(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"page"})


def call(
    kind: str = "http",
    host: str = f"127.0.0.1:{PORT}",
    query: str = "",
    headers: dict[str, str] | None = None,
    policy: Policy | None = None,
) -> list[dict[str, Any]]:
    """The messages the guarded app sends for one request."""
    policy = policy or Policy.for_binding(TOKEN, "127.0.0.1", PORT)
    raw = [(b"host", host.encode())] if host else []
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": kind, "path": "/", "query_string": query.encode(), "headers": raw}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        sent.append(message)

    asyncio.run(Guard(_inner, policy)(scope, receive, send))
    return sent


def status(sent: list[dict[str, Any]]) -> int | str:
    first = sent[0]
    return first.get("status") or first["type"]


def header(sent: list[dict[str, Any]], name: str) -> str | None:
    for key, value in sent[0].get("headers", []):
        if key.decode().lower() == name:
            return str(value.decode())
    return None


COOKIE = {"cookie": f"accord-ui-{PORT}={TOKEN}"}


def test_no_token_no_page() -> None:
    assert status(call()) == 403
    assert status(call(headers={"cookie": f"accord-ui-{PORT}=wrong"})) == 403
    assert status(call(query="token=wrong")) == 403


def test_token_in_the_url_sets_a_strict_cookie_and_redirects_without_it() -> None:
    sent = call(query=f"token={TOKEN}&x=1")
    assert status(sent) == 302
    assert header(sent, "location") == "/?x=1"
    cookie = header(sent, "set-cookie") or ""
    assert f"accord-ui-{PORT}={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_cookie_opens_the_page_with_security_headers() -> None:
    sent = call(headers=COOKIE)
    assert status(sent) == 200
    assert "frame-ancestors 'none'" in (header(sent, "content-security-policy") or "")
    assert header(sent, "x-frame-options") == "DENY"


@pytest.mark.parametrize("host", ["evil.example:8765", "attacker.test", ""])
def test_other_host_names_are_refused_even_with_the_token(host: str) -> None:
    """DNS rebinding: a name the attacker controls that resolves to 127.0.0.1."""
    assert status(call(host=host, headers=COOKIE)) == 403


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_loopback_names_are_accepted(host: str) -> None:
    origin = {"origin": f"http://{host}"}
    assert status(call(host=host, headers={**COOKIE, **origin})) == 200


@pytest.mark.parametrize(
    "origin", ["http://127.0.0.1:9999", "http://evil.example", "null", "file://"]
)
def test_websocket_from_another_origin_is_closed_even_with_the_cookie(origin: str) -> None:
    """Cross-site WebSocket hijacking: the browser sends the cookie, but the Origin differs."""
    sent = call("websocket", headers={**COOKIE, "origin": origin})
    assert sent == [{"type": "websocket.close", "code": 1008}]


def test_websocket_needs_the_token_and_same_origin() -> None:
    same = {"origin": f"http://127.0.0.1:{PORT}"}
    assert status(call("websocket", headers=same)) == "websocket.close"
    assert status(call("websocket", headers={**COOKIE, **same})) == "websocket.accept"


def test_wildcard_binding_accepts_any_host_name_but_still_needs_the_token() -> None:
    policy = Policy.for_binding(TOKEN, "0.0.0.0", PORT)
    assert status(call(host="analyst-box:8765", policy=policy)) == 403
    assert status(call(host="analyst-box:8765", headers=COOKIE, policy=policy)) == 200


def test_split_host() -> None:
    assert split_host("[::1]:8765") == "::1"
    assert split_host("LocalHost:1") == "localhost"
    assert split_host("127.0.0.1") == "127.0.0.1"


# -- the workspace ---------------------------------------------------------------------------
@pytest.fixture
def root(tmp_path: Path) -> Path:
    return workspace_root(tmp_path / "ws")


def test_workspace_is_created_owner_only(tmp_path: Path) -> None:
    made = workspace_root(tmp_path / "new")
    assert made.is_dir() and (made.stat().st_mode & 0o077) == 0


@pytest.mark.parametrize("text", ["/etc", "~", "~/x", "../x", "a/../../x", "..", "", "a\x00b"])
def test_escapes_are_refused_for_reading_and_writing(root: Path, text: str) -> None:
    with pytest.raises(OutsideWorkspace):
        readable_dir(text, root)
    with pytest.raises(OutsideWorkspace):
        writable_dir(text, root)


def test_a_link_out_of_the_workspace_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(OutsideWorkspace, match="leads outside"):
        readable_dir("link", root)
    with pytest.raises(OutsideWorkspace, match="leads outside"):
        writable_dir("link/new", root)
    assert not (outside / "new").exists()


def test_refusal_does_not_say_whether_an_outside_path_exists(root: Path) -> None:
    with pytest.raises(OutsideWorkspace) as there:
        readable_dir("/etc", root)
    with pytest.raises(OutsideWorkspace) as missing:
        readable_dir("/no/such/place", root)
    assert str(there.value).replace("/etc", "X") == str(missing.value).replace(
        "/no/such/place", "X"
    )


def test_names_inside_the_workspace_resolve(root: Path) -> None:
    (root / "mine").mkdir()
    assert readable_dir("mine", root) == root / "mine"
    assert writable_dir("new/deeper", root) == root / "new" / "deeper"
    (root / "mine" / "f").write_text("x")
    with pytest.raises(OutsideWorkspace, match="not empty"):
        writable_dir("mine", root)


# -- serving beyond loopback ---------------------------------------------------------------------
def test_a_non_loopback_host_needs_allow_remote(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.main import main

    assert main(["ui", "--host", "0.0.0.0", "--port", "9149"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--allow-remote" in err[0] and "token" in err[0]


def test_allow_remote_keeps_the_token(tmp_path: Path) -> None:
    import argparse

    from viz.options import add_arguments, refusal

    p = argparse.ArgumentParser()
    add_arguments(p)
    assert refusal(p.parse_args(["--host", "0.0.0.0", "--allow-remote"])) is None
    assert refusal(p.parse_args(["--host", "127.0.0.1"])) is None
    assert refusal(p.parse_args(["--port", "70000"])) is not None
    policy = Policy.for_binding(TOKEN, "0.0.0.0", PORT)
    assert status(call(host="10.0.0.5:8765", policy=policy)) == 403  # no token, no page
