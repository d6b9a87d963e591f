"""Accord's model core: the Mesa model, the batched ensemble engine, forecasts (ODD 3, 7).

The experiment machinery (sweeps, sensitivity) is the ``sweeps`` package above this one; the
command line (``cli``) and the UI (``viz``) sit on top. See docs/dev/architecture.md.
"""

from model.ensemble import EnsembleResult, run_ensemble
from model.forecast import Forecast, forecast
from model.model import AccordModel

__all__ = ["AccordModel", "EnsembleResult", "Forecast", "forecast", "run_ensemble"]
