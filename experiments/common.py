"""Shared plumbing of the validation experiments: paths, seeds, byte-stable writers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python experiments/x.py` from anywhere
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "experiments" / "results"
DATA = ROOT / "experiments" / "data"
SOURCES = ROOT / "scenarios" / "sources" / "ukraine-2025"
SCENARIO = "ukraine-2025"
SEED = 20250224  # the root seed of every experiment (the date of the votes)


def write_csv(frame: pd.DataFrame, name: str, decimals: int = 4) -> Path:
    """A CSV with fixed decimals and '\\n' line endings, so a re-run gives the same bytes."""
    path = RESULTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format=f"%.{decimals}f", lineterminator="\n")
    return path


def write_json(data: dict[str, Any], name: str) -> Path:
    path = RESULTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=_plain) + "\n")
    return path


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON-able: {value!r}")


def read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(RESULTS / name, keep_default_na=False, na_values=[""])


def read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((RESULTS / name).read_text())
    return data


def save_png(fig: Any, name: str) -> Path:
    """A PNG without a Software stamp (the model's byte-reproducible saver)."""
    from sweeps.plots import save_figure

    return save_figure(fig, RESULTS / name)
