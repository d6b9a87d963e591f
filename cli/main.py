"""The ``accord`` command line: one subcommand module per concern, registered in COMMANDS.

Each module in COMMANDS exposes ``register(subparsers)``, adding its subcommands with
``set_defaults(func=...)``; a command returns its exit code. A ScenarioError from any
command prints one line per problem on stderr and exits 2, as argparse does on bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from cli import discover, run, scenario_info, sweep, ui
from scenarios import ScenarioError

# Add a command module with one line here.
COMMANDS: list[ModuleType] = [scenario_info, run, ui, sweep, discover]


def package_version() -> str:
    """The installed accord's version (pyproject.toml), or 'unknown' outside an install."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("accord")
    except PackageNotFoundError:
        return "unknown"


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the command and what is wrong), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="accord",
        description="Accord: peace-negotiation scenarios with states as agents.",
    )
    parser.add_argument("--version", action="version", version=f"accord {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``accord`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help (0) or a usage error (2), already printed
        return done.code if isinstance(done.code, int) else 2
    try:
        return int(args.func(args) or 0)
    except ScenarioError as err:
        for line in err.lines():
            print(line, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `accord results ... | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
