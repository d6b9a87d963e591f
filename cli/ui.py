"""``accord ui``: serve the browser UI (viz.app) with Solara, offline, on loopback by default.

This module does not import the UI toolkit (the model stays a library): it prepares the
front-end assets (viz.assets, which only reads the installed files) and then becomes the server
(exec), so stopping `accord ui` stops the server.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765
APP = "viz.app:Page"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_command(host: str, port: int) -> list[str]:
    """The command that serves the page (production mode: no reloader, minified assets)."""
    return [
        sys.executable, "-m", "solara", "run", APP,
        "--host", host, "--port", str(port), "--production", "--no-open",
    ]  # fmt: skip


def server_env(scenario: str | None) -> dict[str, str]:
    """The environment of the server: no telemetry (nothing may leave the machine)."""
    env = dict(os.environ)
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    # Solara warns on every page load that plain-http loopback cannot use samesite=none cookies
    # (it falls back to lax, which is right here); keep the terminal for messages that matter.
    quiet = "ignore:Cookies with samesite=none:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(w for w in (env.get("PYTHONWARNINGS"), quiet) if w)
    if scenario:
        env["ACCORD_UI_SCENARIO"] = scenario
    return env


def run_ui(args: argparse.Namespace) -> int:
    from viz.assets import AssetError, ensure_assets

    try:
        ensure_assets()
    except AssetError as err:
        print(f"warning: {err}; the page may stay blank without a CDN", file=sys.stderr)
    if not is_loopback(args.host):
        print(f"note: serving on {args.host}, reachable from other machines", file=sys.stderr)
    print(f"Accord UI on http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    command = server_command(args.host, args.port)
    # The server replaces this process, so a signal that stops `accord ui` stops the server
    # (a child would outlive a terminated parent).
    os.execve(command[0], command, server_env(args.scenario))
    return 0  # not reached


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ui", help="serve the browser UI (offline; loopback by default)")
    p.add_argument("--host", default=LOOPBACK, help=f"address to listen on (default {LOOPBACK})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument("--scenario", help="scenario to open first: a built-in name or a directory")
    p.set_defaults(func=run_ui)
