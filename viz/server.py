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
from viz.options import SCENARIO_ENV, add_arguments, refusal
from viz.workspace import WORKSPACE_ENV, workspace_root

APP = "viz.app:Page"


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
