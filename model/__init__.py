"""Accord's model: the Mesa model, the batched ensemble engine, sweeps and the CLI."""

from model.ensemble import EnsembleResult, run_ensemble
from model.forecast import Forecast, forecast
from model.model import AccordModel
from model.sensitivity_analysis import SensitivityResult, sensitivity
from model.sweeps import SweepResult, open_sweep, sweep

__all__ = [
    "AccordModel",
    "EnsembleResult",
    "Forecast",
    "SensitivityResult",
    "SweepResult",
    "forecast",
    "open_sweep",
    "run_ensemble",
    "sensitivity",
    "sweep",
]
