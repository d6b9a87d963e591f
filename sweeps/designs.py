"""Designs of a sweep: which parameter values to run (full grid, Latin hypercube, Sobol, Morris).

A ``Design`` is a table of points (one row a point, one column a scenario parameter) plus a
JSON-able description of how it was made. Ranges default to each parameter's ``range`` in the
scenario (one source of truth); the samplers are SALib's. Integer parameters (per the catalogue)
are rounded to whole numbers.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from scenarios import Scenario
from scenarios.catalogue import CATALOGUE

Bounds = dict[str, tuple[float, float]]
ParamSpec = Iterable[str] | Mapping[str, tuple[float, float] | None]
MAX_POINTS = 1_000_000  # design points in one sweep: its table and store stay small


class DesignError(ValueError):
    """A design that cannot be built or run: the message says what is allowed."""


@dataclass(frozen=True)
class Design:
    """Points to run, and how they were made (``spec``: kind, bounds, sizes, sampler seed)."""

    points: pd.DataFrame
    spec: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.spec.get("kind", "table"))

    @property
    def parameters(self) -> list[str]:
        return [str(c) for c in self.points.columns]

    def __len__(self) -> int:
        return len(self.points)

    @property
    def hash(self) -> str:
        """sha256 of the description and the exact point values (same design -> same hash)."""
        h = hashlib.sha256(json.dumps(self.spec, sort_keys=True).encode())
        h.update(json.dumps(self.parameters).encode())
        h.update(np.ascontiguousarray(self.points.to_numpy(dtype=np.float64)).tobytes())
        return h.hexdigest()

    def point(self, k: int) -> dict[str, float]:
        """Parameter values of point ``k``."""
        row = self.points.iloc[k]
        return {name: _native(name, row[name]) for name in self.parameters}

    def problem(self) -> dict[str, Any]:
        """The SALib problem dict (names and bounds) of a sampled design."""
        bounds = self.spec.get("bounds", {})
        return {
            "num_vars": len(self.parameters),
            "names": self.parameters,
            "bounds": [list(bounds[n]) for n in self.parameters],
        }


def _native(name: str, value: Any) -> float:
    entry = CATALOGUE.get(name)
    return float(round(float(value))) if entry is not None and entry.integer else float(value)


def _frame(columns: Sequence[str], values: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(np.asarray(values, dtype=np.float64), columns=list(columns))
    for name in frame.columns:
        entry = CATALOGUE.get(str(name))
        if entry is not None and entry.integer:
            frame[name] = frame[name].round()
    return frame


def bounds_for(scenario: Scenario, params: ParamSpec) -> Bounds:
    """Each named parameter's bounds: given ones, or else its ``range`` in the scenario."""
    items = params.items() if isinstance(params, Mapping) else ((p, None) for p in params)
    out: Bounds = {}
    for name, given in items:
        if name not in scenario.parameters:
            known = ", ".join(scenario.parameters)
            raise DesignError(
                f"parameter {name!r}: not in scenario {scenario.name}; known: {known}"
            )
        lo, hi = given if given is not None else scenario.parameters[name].range
        if not float(lo) < float(hi):
            raise DesignError(f"parameter {name!r}: bounds {lo}:{hi}: allowed is low < high")
        out[name] = (float(lo), float(hi))
    if not out:
        raise DesignError("a sampled design needs at least one parameter")
    return out


def check_size(points: int, what: str = "the design") -> None:
    """Refuse a design larger than MAX_POINTS before anything is allocated for it."""
    if points > MAX_POINTS:
        raise DesignError(
            f"{what} has {points:,} points: allowed is at most {MAX_POINTS:,} "
            "(split the sweep, or use --lhs/--sobol to sample the space)"
        )


def _whole_numbers(name: str, values: Sequence[float]) -> None:
    """Integer parameters take whole numbers, as ``--set`` requires (never rounded silently)."""
    entry = CATALOGUE.get(name)
    if entry is None or not entry.integer:
        return
    for v in values:
        if not float(v).is_integer():
            raise DesignError(f"{name} = {v:g}: allowed is a whole number ({name} is an integer)")


def grid(levels: Mapping[str, Sequence[float]]) -> Design:
    """The full factorial grid of the given levels, first parameter varying slowest."""
    if not levels or any(len(v) == 0 for v in levels.values()):
        raise DesignError("a grid needs at least one parameter, each with at least one value")
    check_size(math.prod(len(v) for v in levels.values()), "the grid")
    for name, values in levels.items():
        _whole_numbers(name, values)
    names = list(levels)
    rows = list(itertools.product(*(list(map(float, levels[n])) for n in names)))
    spec = {"kind": "grid", "levels": {n: list(map(float, levels[n])) for n in names}}
    return Design(_frame(names, np.array(rows)), spec)


def latin(scenario: Scenario, n: int, params: ParamSpec, *, seed: int = 0) -> Design:
    """A Latin hypercube of ``n`` points (SALib ``latin``)."""
    from SALib.sample import latin as sampler

    b = bounds_for(scenario, params)
    problem = {"num_vars": len(b), "names": list(b), "bounds": [list(v) for v in b.values()]}
    _positive(n, "n")
    x = sampler.sample(problem, n, seed=seed)
    spec = {"kind": "lhs", "n": n, "seed": seed, "bounds": {k: list(v) for k, v in b.items()}}
    return Design(_frame(list(b), x), spec)


def sobol(
    scenario: Scenario,
    n: int,
    params: ParamSpec,
    *,
    seed: int = 0,
    calc_second_order: bool = False,
) -> Design:
    """Saltelli's extension of a Sobol' sequence (SALib ``sobol``): n·(k+2) points, or n·(2k+2)."""
    from SALib.sample import sobol as sampler

    b = bounds_for(scenario, params)
    _positive(n, "n")
    if n & (n - 1):
        raise DesignError(f"sobol n = {n}: allowed is a power of 2 (e.g. 256, 512, 1024)")
    problem = {"num_vars": len(b), "names": list(b), "bounds": [list(v) for v in b.values()]}
    x = sampler.sample(problem, n, calc_second_order=calc_second_order, seed=seed)
    spec = {
        "kind": "sobol",
        "n": n,
        "seed": seed,
        "calc_second_order": calc_second_order,
        "bounds": {k: list(v) for k, v in b.items()},
    }
    return Design(_frame(list(b), x), spec)


def morris(
    scenario: Scenario, n: int, params: ParamSpec, *, seed: int = 0, num_levels: int = 4
) -> Design:
    """``n`` Morris trajectories (SALib ``morris``): n·(k+1) points."""
    from SALib.sample import morris as sampler

    b = bounds_for(scenario, params)
    _positive(n, "n")
    problem = {"num_vars": len(b), "names": list(b), "bounds": [list(v) for v in b.values()]}
    x = sampler.sample(problem, n, num_levels=num_levels, seed=seed)
    spec = {
        "kind": "morris",
        "n": n,
        "seed": seed,
        "num_levels": num_levels,
        "bounds": {k: list(v) for k, v in b.items()},
    }
    return Design(_frame(list(b), x), spec)


def table(points: pd.DataFrame | Sequence[Mapping[str, float]]) -> Design:
    """An explicit table of points."""
    frame = pd.DataFrame(points)
    if frame.empty:
        raise DesignError("a table design needs at least one point and one parameter")
    check_size(len(frame), "the table")
    for name in frame.columns:
        numbers = pd.to_numeric(frame[name], errors="coerce")
        if numbers.isna().any() and not frame[name].isna().any():
            raise DesignError(f"column {str(name)!r}: allowed are numbers in every row")
        frame[name] = numbers
    if frame.isna().any().any():
        raise DesignError("a table design has missing values; every point needs every column")
    if not np.isfinite(frame.to_numpy(dtype=np.float64)).all():
        raise DesignError("a table design has nan or inf; allowed are finite numbers")
    for name in frame.columns:
        _whole_numbers(str(name), list(frame[name]))
    return Design(_frame([str(c) for c in frame.columns], frame.to_numpy()), {"kind": "table"})


def as_design(design: Design | Mapping[str, Sequence[float]] | pd.DataFrame) -> Design:
    """A Design from a Design, a dict of levels (a full grid) or a table of points."""
    if isinstance(design, Design):
        return design
    if isinstance(design, pd.DataFrame):
        return table(design)
    if isinstance(design, Mapping):
        return grid(design)
    return table(design)


def check(design: Design, scenario: Scenario) -> None:
    """Every column a parameter of the scenario; every value within its range (the loader's
    validation via ``with_parameters``, applied to each column's extremes)."""
    for name in design.parameters:
        col = design.points[name]
        scenario.with_parameters({name: _native(name, col.min())})
        scenario.with_parameters({name: _native(name, col.max())})


def _positive(n: int, what: str) -> None:
    if int(n) < 1:
        raise DesignError(f"{what} = {n}: allowed is an integer >= 1")
