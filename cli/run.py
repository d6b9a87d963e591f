"""``accord run`` and ``accord votes``: ensembles from the command line."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from cli.text_table import Column, align_rows
from model.ensemble import MAX_REPLICATIONS, EnsembleResult, run_ensemble
from model.stages.force import REASON_LABELS
from model.world import resolve_scenario
from sweeps.uncertainty import (
    DRAWS,
    REPLICATIONS,
    AssumptionInterval,
    assumption_interval,
    uncertain_parameters,
)


def parse_assignment(text: str) -> tuple[str, float]:
    """``name=value`` with a numeric value (argparse type for ``--set``)."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"--set {text!r}: expected name=value, e.g. backstop=0.8")
    try:
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--set {text!r}: value {value!r} is not a number"
        ) from None


def count(text: str) -> int:
    """A whole number >= 0 (argparse type)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number >= 0")
    return n


def positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number >= 1")
    return n


def replication_count(text: str) -> int:
    """A number of replications: a whole number in 1..MAX_REPLICATIONS."""
    n = positive_int(text)
    if n > MAX_REPLICATIONS:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r}: allowed is at most {MAX_REPLICATIONS:,} replications "
            "(for more, run several seeds or a sweep)"
        )
    return n


MAX_SEED = 2**128 - 1  # SeedSequence takes any non-negative integer; 128 bits is plenty


def seed(text: str) -> int:
    """A root seed: a whole number in 0..2^128-1."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text[:40]!r}: expected a whole number in 0..2^128-1")
    return n


def json_safe(value: Any) -> Any:
    """``value`` with every nan or infinity as None, so ``json.dumps`` writes strict JSON."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _common(p: argparse.ArgumentParser, replications: int) -> None:
    p.add_argument("scenario", help="a built-in scenario name or a scenario directory")
    p.add_argument("--replications", "-n", type=replication_count, default=replications)
    p.add_argument("--seed", type=seed, default=1, help="root seed (default 1)")
    p.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        help="processes to run the chunks in (same results; default 1)",
    )
    p.add_argument(
        "--set",
        dest="assignments",
        action="append",
        type=parse_assignment,
        default=[],
        metavar="NAME=VALUE",
        help="replace a parameter's value",
    )


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="run an ensemble and print the odds")
    _common(run, 10_000)
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument(
        "--assumption-draws",
        type=count,
        default=DRAWS,
        help=f"draws of the assumptions for the second interval (default {DRAWS}; 0: none)",
    )
    run.add_argument(
        "--assumption-replications",
        type=positive_int,
        default=REPLICATIONS,
        help=f"replications per draw (default {REPLICATIONS}, at most --replications)",
    )
    run.set_defaults(func=cmd_run)
    votes = sub.add_parser("votes", help="per-state vote probabilities on the scenario's texts")
    _common(votes, 1_000)
    votes.add_argument("--csv", type=Path, help="write the per-state table to this CSV file")
    votes.set_defaults(func=cmd_votes)


def _ensemble(args: argparse.Namespace) -> EnsembleResult:
    scenario = resolve_scenario(args.scenario, dict(args.assignments))
    with progress_bar(args.replications) as report:
        return run_ensemble(
            scenario, args.replications, rng=args.seed, workers=args.workers, progress=report
        )


@contextmanager
def progress_bar(total: int, stream: Any = None) -> Iterator[Callable[[int, int], None] | None]:
    """A tqdm bar of replications on ``stream`` (stderr) when it is a terminal; else nothing
    (no bar in a pipe, a file or a test)."""
    stream = stream if stream is not None else sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, unit="replication", file=stream, leave=False, desc="ensemble")

    def report(done: int, _total: int) -> None:
        bar.update(max(0, done - bar.n))

    try:
        yield report
    finally:
        bar.close()


def _assumptions(args: argparse.Namespace, res: EnsembleResult) -> AssumptionInterval | None:
    """The odds across the assumptions; parameters given with ``--set`` stay at their values."""
    if args.assumption_draws == 0:
        return None
    held = {name for name, _ in args.assignments}
    return assumption_interval(
        res.scenario,
        args.assumption_draws,
        min(args.assumption_replications, args.replications),
        rng=args.seed,
        parameters=[p for p in uncertain_parameters(res.scenario) if p not in held],
        workers=args.workers,
    )


def _spread(a: dict[str, float]) -> str:
    if not a["draws"]:
        return "n/a (no draw to count)"
    return (
        f"{a['median']:.3f}  [{a['low']:.3f}, {a['high']:.3f}]"
        f"  ({a['level']:.0%} of {a['draws']} draws)"
    )


def _pct(p: dict[str, float]) -> str:
    if p["n"] == 0:
        return "n/a (no cases)"
    return f"{p['p']:.3f}  [{p['low']:.3f}, {p['high']:.3f}]  (n = {p['n']:,})"


def format_report(res: EnsembleResult, assumptions: AssumptionInterval | None = None) -> str:
    """The human-readable report of ``accord run``: each probability with its simulation
    interval (95%, Wilson) and, when given, its spread across the assumptions."""
    s = res.summary()
    scenario = res.scenario
    horizon = int(scenario.parameters["horizon_rounds"].central)
    months = int(scenario.parameters["durability_horizon_months"].central)
    out = [f"{scenario.name}: {res.replications:,} replications, root seed {res.root_seed}", ""]
    rows = [
        ("p_agreement", f"P(agreement within {horizon} rounds)"),
        ("p_holds", f"P(holds {months} months | agreed)"),
        ("p_agreed_and_holds", "P(agreed and holds)"),
    ]
    odds = []
    for name, text in rows:
        odds.append([text, _pct(s[name])])
        if assumptions is not None:
            odds.append(["  across the assumptions", _spread(assumptions.interval(name))])
    out += align_rows(odds, [Column("<", 32), Column()])
    out.append("  (simulation: 95% interval of the estimate at the scenario's values)")
    if assumptions is not None:
        out.append(
            f"  (assumptions: median and central interval over {len(assumptions.draws)} draws of"
            f" {len(assumptions.parameters)} parameters\n   from their distributions, or triangles"
            f" over their ranges peaking at their values,\n   {assumptions.replications:,}"
            " replications each, common random numbers)"
        )
    out += ["", "Agreement round (share of all replications):"]
    rounds = s["agreement_rounds"]
    shares = [(r, rounds[r] / res.replications) for r in sorted(rounds)]
    bars = [
        [str(r), f"{share:.1%}", "#" * max(1, round(share * 50)) if share else ""]
        for r, share in shares
    ]
    out += align_rows(bars, [Column(">", 3), Column(">", 6), Column()], sep="  ", indent="  ")
    if not rounds:
        out.append("  (no agreement in any replication)")
    terms = [["Terms", "proposal", "w. mean", "w. median"]] + [
        [
            d,
            f"{s['expected_terms'][d]:.3f}",
            f"{s['baselines']['weighted_mean'][d]:.3f}",
            f"{s['baselines']['weighted_median'][d]:.3f}",
        ]
        for d in scenario.dimension_names
    ]
    out += ["", *align_rows(terms, [Column("<", 16), Column(">", 9), Column(">", 9),
                                    Column(">", 10)])]  # fmt: skip
    q = s["force_troops_quantiles"]
    g = s["credibility_quantiles"]
    out += [
        "",
        f"Force: troops median {q['0.5']:,.0f} (5-95%: {q['0.05']:,.0f}-{q['0.95']:,.0f}),"
        f" required {scenario.parameters['force_required_troops'].central:,.0f};"
        f" credibility G median {g['0.5']:.2f}",
    ]
    members = [f"{m['iso3']} {m['p_member']:.2f}" for m in s["force"] if m["p_member"] > 0.005]
    out.append("  in the force (probability): " + (", ".join(members[:15]) or "nobody"))
    why = [
        f"{m['iso3']} {'in' if m['p_member'] >= 0.5 else 'out'}: {REASON_LABELS[m['reason']]}"
        for m in s["force"]
    ]
    out.append("  main reason: " + ("; ".join(why) or "-"))
    if s["votes"]:
        out += ["", "UN votes: P(adopted) and mean tally yes-no-abstain-absent"]
        tallies = [
            [
                rid,
                _pct(v["p_adopted"]),
                "-".join(f"{v['mean_tally'][k]:.0f}" for k in ("yes", "no", "abstain", "absent")),
            ]
            for rid, v in s["votes"].items()
        ]
        out += align_rows(tallies, [Column("<", 22), Column(), Column()], sep=[" ", "  "],
                          indent="  ")  # fmt: skip
    changed = s["changed_parameters"]
    out += [
        "",
        "Assumptions changed from the scenario: "
        + (", ".join(f"{k} {old:g} -> {new:g}" for k, (old, new) in changed.items()) or "none"),
    ]
    return "\n".join(out)


def cmd_run(args: argparse.Namespace) -> int:
    res = _ensemble(args)
    spread = _assumptions(args, res)
    if args.json:  # strict JSON: no NaN (a probability with no cases is null)
        summary = res.summary()
        summary["assumptions"] = spread.summary() if spread is not None else None
        print(json.dumps(json_safe(summary), indent=2, allow_nan=False))
    else:
        print(format_report(res, spread))
    return 0


def write_atomically(path: Path, text: str) -> None:
    """Write a file through a temporary name in the same directory, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_votes(args: argparse.Namespace) -> int:
    if args.csv is not None and args.csv.is_dir():
        print(f"--csv {args.csv}: is a directory; allowed is a file path")
        return 2
    res = _ensemble(args)
    names = {r.iso3: r.name for r in res.scenario.states}
    tables = []
    for rid, v in res.vote_summary().items():
        t = v["mean_tally"]
        print(
            f"{rid}: P(adopted) {_pct(v['p_adopted'])}; mean tally yes {t['yes']:.1f},"
            f" no {t['no']:.1f}, abstain {t['abstain']:.1f}, absent {t['absent']:.1f}"
        )
        table = res.vote_table(rid)
        table.insert(0, "resolution", rid)
        table.insert(2, "name", table["iso3"].map(names))
        tables.append(table)
    if not tables:
        print(f"{res.scenario.name}: the scenario schedules no UN vote")
        return 0
    import pandas as pd

    full = pd.concat(tables, ignore_index=True)
    print()
    print(full.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if args.csv is not None:
        write_atomically(args.csv, full.to_csv(index=False, float_format="%.4f"))
        print(f"\nwrote {args.csv}")
    return 0
