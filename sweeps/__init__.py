"""Experiment machinery above the model core: designs, sweeps over them (local pool or Dask),
the resumable Parquet store, sensitivity analysis and their figures (see docs/sweeps.md)."""

from sweeps.runner import SweepResult, open_sweep, sweep
from sweeps.sensitivity import SensitivityResult, sensitivity

__all__ = ["SensitivityResult", "SweepResult", "open_sweep", "sensitivity", "sweep"]
