"""``accord ui``: serve the browser UI (viz.server) on loopback, behind a per-start token.

This module does not import the UI toolkit: it prepares the front-end assets (viz.assets, which
only reads the installed files) and then becomes the server (exec of ``python -m viz.server``),
so stopping `accord ui` stops the server. The server prints the address to open, with its
token; see docs/security.md.
"""

from __future__ import annotations

import argparse
import os
import sys

from viz.options import add_arguments, refusal  # standard library only: no UI toolkit imported

OPTIONS = ("host", "port", "scenario", "workspace")


def server_command(args: argparse.Namespace) -> list[str]:
    """The command that serves the page, with the options given to ``accord ui``."""
    command = [sys.executable, "-m", "viz.server"]
    for name in OPTIONS:
        value = getattr(args, name, None)
        if value is not None:
            command += [f"--{name}", str(value)]
    command += ["--allow-remote"] if args.allow_remote else []
    for name in args.allow_host:
        command += ["--allow-host", name]
    return command


def run_ui(args: argparse.Namespace) -> int:
    from viz.assets import AssetError, ensure_assets

    reason = refusal(args)
    if reason is not None:  # refused before the assets are prepared
        print(f"accord ui: {reason}", file=sys.stderr)
        return 2
    try:
        ensure_assets()
    except AssetError as err:
        print(f"warning: {err}; the page may stay blank without a CDN", file=sys.stderr)
    command = server_command(args)
    # The server replaces this process, so a signal that stops `accord ui` stops the server
    # (a child would outlive a terminated parent).
    os.execv(command[0], command)
    return 0  # not reached


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ui", help="serve the browser UI (loopback, token required; see docs/security.md)"
    )
    add_arguments(p)
    p.set_defaults(func=run_ui)
