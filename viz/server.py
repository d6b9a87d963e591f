"""The UI server: Solara's Starlette app behind viz.guard, run with uvicorn (``accord ui``).

``python -m viz.server --port 8765 [--workspace DIR] [--scenario NAME|DIR]`` (what ``accord ui``
execs) makes a fresh token, prints the one address that opens the page (it carries the
token) and serves until stopped. Serving beyond loopback needs ``--allow-remote`` and still
the token; see docs/security.md for serving Accord to a team.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from viz.guard import WILDCARDS, Guard, Policy, is_loopback, new_token
from viz.workspace import WORKSPACE_ENV, workspace_root

APP = "viz.app:Page"
SCENARIO_ENV = "ACCORD_UI_SCENARIO"  # read by viz.app (kept here so this module stays light)
LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765


def configure_solara(scenario: str | None, workspace: str) -> None:
    """Solara's settings come from the environment; set them before it is imported."""
    os.environ["SOLARA_APP"] = APP
    os.environ["SOLARA_MODE"] = "production"
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"  # nothing may leave the machine
    os.environ[WORKSPACE_ENV] = workspace
    if scenario:
        os.environ[SCENARIO_ENV] = scenario
    # Plain-http loopback cannot use samesite=none for Solara's session cookie; it falls back
    # to lax, which is right here. Keep the terminal for messages that matter.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none")


def build_app(policy: Policy) -> Any:
    """Solara's ASGI app wrapped in the guard."""
    import solara.server.starlette as solara_server

    return Guard(solara_server.app, policy)


def page_url(host: str, port: int, token: str) -> str:
    shown = socket.gethostname() if host in WILDCARDS else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/?token={token}"


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m viz.server", description=__doc__)
    add_arguments(p)
    return p.parse_args(argv)


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    reason = refusal(args)
    if reason is not None:
        print(f"accord ui: {reason}", file=sys.stderr)
        return 2
    try:
        root = workspace_root(args.workspace)
    except OSError as err:
        print(f"accord ui: --workspace {args.workspace}: {err.strerror}", file=sys.stderr)
        return 2
    configure_solara(args.scenario, str(root))
    token = new_token()
    policy = Policy.for_binding(token, args.host, args.port, args.allow_host)
    app = build_app(policy)
    if not is_loopback(args.host):
        print(
            f"note: serving on {args.host}, reachable from other machines over plain http; "
            "the token is required (see docs/security.md)",
            file=sys.stderr,
        )
    print(f"Accord UI: open {page_url(args.host, args.port, token)}", flush=True)
    print(f"(workspace {root}; Ctrl-C stops it)", flush=True)
    import uvicorn

    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", lifespan="on")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
