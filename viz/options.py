"""The options of ``accord ui`` and what they may not ask for (standard library only).

Shared by the command line (cli.ui) and the server (viz.server) without importing Solara.
"""

from __future__ import annotations

import argparse

from viz.guard import is_loopback
from viz.workspace import WORKSPACE_ENV

SCENARIO_ENV = "ACCORD_UI_SCENARIO"  # the scenario the page opens first (read by viz.app)
LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``accord ui`` (shared with its command-line module)."""
    p.add_argument("--host", default=LOOPBACK, help=f"address to listen on (default {LOOPBACK})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument("--scenario", help="scenario to open first: a built-in name or a directory")
    p.add_argument(
        "--workspace",
        help=f"the only folder the page may read and write scenarios in (default "
        f"${WORKSPACE_ENV}, else ~/accord-workspace)",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that other machines can reach (the token is still required)",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another host name the server answers to (e.g. behind a proxy); repeatable",
    )


def refusal(args: argparse.Namespace) -> str | None:
    """One line saying why these options cannot be served, or None."""
    if not 0 < args.port < 65536:
        return f"--port {args.port}: a port number in 1..65535"
    if not is_loopback(args.host) and not args.allow_remote:
        return (
            f"--host {args.host} is reachable from other machines: add --allow-remote to serve "
            "it (anyone with the printed address, token included, can use the UI and its "
            "workspace; see docs/security.md)"
        )
    return None
