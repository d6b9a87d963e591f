"""``accord sweep``, ``accord sensitivity`` and ``accord results``: sweeps from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cli.run import positive_int, replication_count, seed
from scenarios import load_scenario
from sweeps.designs import MAX_POINTS, Design, DesignError, grid, latin, morris, sobol, table
from sweeps.store import StoreMismatch

SHOWN = ["p_agreement", "p_agreement_low", "p_agreement_high", "p_holds", "p_agreed_and_holds"]


def parse_levels(text: str) -> tuple[str, list[float]]:
    """``name=lo:hi:n`` (n evenly spaced values), ``name=a,b,c`` or ``name=v``."""
    name, sep, scenario = text.partition("=")
    if not sep or not name.strip() or not scenario.strip():
        raise argparse.ArgumentTypeError(
            f"--grid {text!r}: expected name=low:high:count or name=v1,v2,..."
        )
    try:
        if ":" in scenario:
            lo, hi, n = scenario.split(":")
            if int(n) < 1:
                raise ValueError
            if int(n) > MAX_POINTS:  # refused before linspace allocates it
                raise argparse.ArgumentTypeError(
                    f"--grid {text!r}: {int(n):,} values; allowed is at most {MAX_POINTS:,}"
                )
            values = [float(v) for v in np.linspace(float(lo), float(hi), int(n))]
        else:
            values = [float(v) for v in scenario.split(",")]
        if not all(np.isfinite(values)):
            raise ValueError
        return name.strip(), values
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--grid {text!r}: expected name=low:high:count (count >= 1) or name=v1,v2,..."
        ) from None


def parse_param(text: str) -> tuple[str, tuple[float, float] | None]:
    """``name`` (the scenario's range) or ``name=low:high``."""
    name, sep, scenario = text.partition("=")
    if not sep:
        return name.strip(), None
    try:
        lo, hi = scenario.split(":")
        return name.strip(), (float(lo), float(hi))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--param {text!r}: expected name or name=low:high"
        ) from None


def _engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", help="a built-in scenario name or a scenario directory")
    p.add_argument("--seed", type=seed, default=1, help="root seed (default 1)")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", help="address of a Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--workers", type=positive_int, help="processes (default: the cores)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def register(sub: Any) -> None:
    s = sub.add_parser("sweep", help="run ensembles over a design of parameter values")
    _engine_options(s)
    s.add_argument("--out", type=Path, required=True, help="results directory (resumable)")
    s.add_argument("--replications", "-n", type=replication_count, default=1000)
    s.add_argument(
        "--grid",
        action="append",
        type=parse_levels,
        default=[],
        metavar="SPEC",
        help="name=low:high:count or name=v1,v2 (repeat: full grid)",
    )
    how = s.add_mutually_exclusive_group()
    how.add_argument("--lhs", type=positive_int, metavar="N", help="Latin hypercube of N points")
    how.add_argument("--sobol", type=positive_int, metavar="N", help="Saltelli/Sobol sample")
    how.add_argument("--morris", type=positive_int, metavar="N", help="N Morris trajectories")
    how.add_argument("--design", type=Path, help="a CSV or Parquet table of points")
    s.add_argument(
        "--param",
        action="append",
        type=parse_param,
        default=[],
        metavar="SPEC",
        help="name or name=low:high, for --lhs/--sobol/--morris",
    )
    s.add_argument("--sample-seed", type=seed, default=0, help="seed of the sampler")
    s.add_argument("--per-replication", action="store_true", help="also store every replication")
    s.set_defaults(func=cmd_sweep)

    a = sub.add_parser("sensitivity", help="Sobol or Morris indices of the outcomes")
    _engine_options(a)
    a.add_argument("--method", choices=("sobol", "morris"), default="sobol")
    a.add_argument("--n", type=positive_int, default=512, help="base sample size (Sobol: 2^k)")
    a.add_argument("--param", action="append", type=parse_param, default=[], metavar="SPEC")
    a.add_argument("--replications", type=replication_count, default=200)
    a.add_argument(
        "--output",
        action="append",
        dest="outputs",
        metavar="COLUMN",
        help="outcome column (default: p_agreement and p_holds)",
    )
    a.add_argument("--out", type=Path, help="keep the sweep, indices.csv and the plot here")
    a.add_argument("--plot", type=Path, help="tornado plot file (.png or .svg)")
    a.set_defaults(func=cmd_sensitivity)

    r = sub.add_parser("results", help="summarise a sweep directory and plot it")
    r.add_argument("path", type=Path)
    r.add_argument("--metric", default="p_agreement", help="column to show (default p_agreement)")
    r.add_argument("--x", help="parameter on the x axis (default: the first)")
    r.add_argument("--y", help="second parameter (heat map or colour)")
    r.add_argument("--plot", type=Path, help="PNG/SVG file (default PATH/<metric>.png)")
    r.add_argument("--csv", type=Path, help="write the per-point table to this CSV file")
    r.set_defaults(func=cmd_results)


def missing_parent(path: Path, option: str) -> str | None:
    """Why a file cannot be written at ``path`` (its folder is missing), or None."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"{option} {path}: the folder {parent} does not exist"
    return None


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _design(args: argparse.Namespace) -> Design:
    sampled = args.lhs or args.sobol or args.morris
    if args.grid and (sampled or args.design):
        raise DesignError("--grid cannot be combined with --lhs, --sobol, --morris or --design")
    if args.param and not sampled:
        raise DesignError("--param goes with --lhs, --sobol or --morris (use --grid otherwise)")
    if args.design is not None:
        if not args.design.is_file():
            raise DesignError(f"--design {args.design}: no such file")
        read = pd.read_parquet if args.design.suffix == ".parquet" else pd.read_csv
        try:
            frame = read(args.design)
        except Exception as err:  # any reader's complaint: not a table it can read
            reason = str(err).splitlines()[0][:100] if str(err) else type(err).__name__
            raise DesignError(f"--design {args.design}: not a readable table ({reason})") from None
        return table(frame)
    if args.grid:
        return grid(dict(args.grid))
    if not sampled:
        raise DesignError("no design: give --grid, --lhs N, --sobol N, --morris N or --design")
    if not args.param:
        raise DesignError("--lhs/--sobol/--morris need at least one --param name[=low:high]")
    scenario = load_scenario(args.scenario)
    params = dict(args.param)
    if args.lhs:
        return latin(scenario, args.lhs, params, seed=args.sample_seed)
    if args.sobol:
        return sobol(scenario, args.sobol, params, seed=args.sample_seed)
    return morris(scenario, args.morris, params, seed=args.sample_seed)


def writable_directory(out: Path, option: str = "--out") -> str | None:
    """Why ``out`` cannot hold results (one line), or None. Nothing is created here."""
    if out.exists() and not out.is_dir():
        return f"{option} {out}: exists and is not a directory"
    existing = out.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{option} {out}: {existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{option} {out}: {existing} is not writable"
    return None


def scheduler_problem(args: argparse.Namespace) -> str | None:
    if args.scheduler is not None and args.engine != "dask":
        return f"--scheduler {args.scheduler}: goes with --engine dask"
    return None


def cmd_sweep(args: argparse.Namespace) -> int:
    from sweeps.engines import SchedulerUnreachable, WorkerLost
    from sweeps.runner import sweep
    from sweeps.store import StoreBusy, StoreCorrupt

    problem = scheduler_problem(args) or writable_directory(args.out)
    if problem is not None:
        return _fail(problem)
    try:
        d = _design(args)
        res = sweep(
            args.scenario,
            d,
            replications=args.replications,
            rng=args.seed,
            out=args.out,
            engine=args.engine,
            scheduler=args.scheduler,
            workers=args.workers,
            per_replication=args.per_replication,
            progress=False if args.no_progress else None,
        )
    except (DesignError, StoreMismatch, StoreBusy, StoreCorrupt, SchedulerUnreachable) as err:
        return _fail(str(err))
    except WorkerLost as err:
        return _fail(str(err))
    points = res.points()
    print(
        f"{res.manifest['scenario']}: {len(points)} points x {args.replications:,} "
        f"replications, root seed {args.seed} -> {args.out}"
    )
    print(points[[*d.parameters, *SHOWN]].to_string(index=False, float_format="%.3f"))
    return 0


def cmd_sensitivity(args: argparse.Namespace) -> int:
    from sweeps.engines import SchedulerUnreachable, WorkerLost
    from sweeps.sensitivity import OUTPUTS, sensitivity
    from sweeps.store import StoreBusy, StoreCorrupt

    if not args.param:
        return _fail("sensitivity needs at least one --param name[=low:high]")
    problem = scheduler_problem(args) or (args.out and writable_directory(args.out))
    problem = problem or (args.plot and missing_parent(args.plot, "--plot"))
    if problem:
        return _fail(problem)
    try:
        res = sensitivity(
            args.scenario,
            dict(args.param),
            method=args.method,
            n=args.n,
            replications=args.replications,
            rng=args.seed,
            outputs=args.outputs or OUTPUTS,
            out=args.out,
            engine=args.engine,
            scheduler=args.scheduler,
            workers=args.workers,
            progress=False if args.no_progress else None,
        )
    except (DesignError, StoreMismatch, StoreBusy, StoreCorrupt, SchedulerUnreachable) as err:
        return _fail(str(err))
    except WorkerLost as err:
        return _fail(str(err))
    except ValueError as err:
        return _fail(str(err))
    print(f"{args.method} indices, {len(res.points)} points x {args.replications} replications")
    if len(res.indices):
        print(res.indices.to_string(index=False, float_format="%.3f"))
    for output, why in res.skipped.items():
        print(f"{output}: no indices: {why}")
    plots = [p for p in (args.plot, args.out and args.out / "sensitivity.png") if p]
    if args.out is not None:
        res.indices.to_csv(args.out / "indices.csv", index=False, float_format="%.6g")
    for path in plots if len(res.indices) else []:
        print(f"wrote {res.plot(path)}")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from sweeps.plots import plot_metric
    from sweeps.runner import open_sweep
    from sweeps.store import StoreCorrupt

    for option, path in (("--plot", args.plot), ("--csv", args.csv)):
        problem = path is not None and missing_parent(path, option)
        if problem:
            return _fail(problem)
    try:
        res = open_sweep(args.path)
        res.verify()
    except (FileNotFoundError, NotADirectoryError) as err:
        return _fail(str(err))
    except StoreCorrupt as err:
        return _fail(str(err))
    m = res.manifest
    points = res.points()
    params = res.parameters
    print(
        f"{args.path}: scenario {m['scenario']} ({m['scenario_hash'][:12]}), "
        f"{m['design'].get('kind', 'table')} design, {len(points)} of {m['points']} points "
        f"done, {m['replications']:,} replications each, root seed {m['root_seed']}, "
        f"commit {m.get('git_commit')}"
    )
    if points.empty:
        return 0
    if args.metric not in points.columns:
        allowed = ", ".join(map(str, points.columns))
        return _fail(f"--metric {args.metric}: allowed are the columns: {allowed}")
    for name in (args.x, args.y):
        if name is not None and name not in params:
            return _fail(f"{name}: not a parameter of this sweep; allowed: {', '.join(params)}")
    cols = [*params, *dict.fromkeys([args.metric, *SHOWN])]
    print(points[cols].head(40).to_string(index=False, float_format="%.3f"))
    if len(points) > 40:
        print(f"... ({len(points) - 40} more points)")
    if args.csv is not None:
        points.to_csv(args.csv, index=False, float_format="%.6g")
    x = args.x or params[0]
    y = args.y or (next((p for p in params if p != x), None) if args.x is None else None)
    path = args.plot or args.path / f"{args.metric}.png"
    print(f"wrote {plot_metric(points, args.metric, x, y, path)}")
    return 0
