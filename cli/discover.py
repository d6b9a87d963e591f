"""``accord discover SWEEP_DIR --output p_agreed_and_holds --threshold X``: scenario discovery.

Prints the PRIM boxes of assumptions in which ``output >= X`` is likely, each with its coverage,
density, mass and limits, and the feature-scoring ranking of the assumptions
(``sweeps.discovery``). A bad argument (not a sweep directory, an unknown output, a threshold
that no point or every point reaches) prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sweeps.discovery import DEFAULT_OUTPUT, MASS_MIN, MAX_BOXES, Discovery, DiscoveryError


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a share between 0 and 1") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a share between 0 and 1")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected an integer >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected an integer >= 1")
    return value


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "discover", help="PRIM boxes of assumptions where an outcome is likely, in a sweep"
    )
    p.add_argument("sweep_dir", type=Path, metavar="SWEEP_DIR", help="written by accord sweep")
    p.add_argument(
        "--output", default=DEFAULT_OUTPUT, help=f"outcome column (default {DEFAULT_OUTPUT})"
    )
    p.add_argument(
        "--threshold", type=float, required=True, help="a point is of interest when output >= it"
    )
    p.add_argument(
        "--mass-min", type=_share, default=MASS_MIN, help="smallest box, share of points"
    )
    p.add_argument("--max-boxes", type=_count, default=MAX_BOXES, help="boxes to look for")
    p.add_argument("--seed", type=int, default=0, help="seed of the feature scoring's trees")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")
    p.set_defaults(func=cmd_discover)


def as_dict(found: Discovery) -> dict[str, Any]:
    """The discovery as plain JSON-ready data."""
    return {
        "output": found.output,
        "threshold": found.threshold,
        "points": found.n_points,
        "points_of_interest": found.n_interest,
        "boxes": [
            {
                "coverage": b.coverage,
                "density": b.density,
                "mass": b.mass,
                "points": b.points,
                "limits": {k: list(v) for k, v in b.limits.items()},
                "quasi_p": b.quasi_p,
            }
            for b in found.boxes
        ],
        "feature_scores": dict(zip(found.scores["parameter"], found.scores["score"], strict=True)),
    }


def report(found: Discovery, where: str) -> str:
    """The text ``accord discover`` prints."""
    lines = [
        f"{where}: {found.n_interest} of {found.n_points} points have {found.output} >= "
        f"{found.threshold:g} (base density {found.base_density:.3f})",
    ]
    for i, b in enumerate(found.boxes, start=1):
        lines.append(
            f"box {i}: coverage {b.coverage:.3f}, density {b.density:.3f}, "
            f"mass {b.mass:.3f} ({b.points} points)"
        )
        for name, (lo, hi) in b.limits.items():
            lines.append(f"    {name} in [{lo:.4g}, {hi:.4g}]  (quasi-p {b.quasi_p[name]:.2g})")
        if not b.limits:
            lines.append("    every point: no assumption restricted")
    lines.append("feature scores (extra trees; which assumptions separate the points):")
    for name, score in zip(found.scores["parameter"], found.scores["score"], strict=True):
        lines.append(f"    {name:<34} {score:.3f}")
    return "\n".join(lines)


def cmd_discover(args: argparse.Namespace) -> int:
    from sweeps.discovery import discover_sweep

    try:
        found = discover_sweep(
            args.sweep_dir,
            args.output,
            threshold=args.threshold,
            mass_min=args.mass_min,
            max_boxes=args.max_boxes,
            rng=args.seed,
        )
    except DiscoveryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_dict(found), indent=2))
    else:
        print(report(found, str(args.sweep_dir)))
    return 0
