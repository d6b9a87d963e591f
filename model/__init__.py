"""Accord's model: the Mesa model, the batched ensemble engine, sweeps and the CLI."""

from model.ensemble import EnsembleResult, run_ensemble
from model.forecast import Forecast, forecast
from model.model import AccordModel

__all__ = ["AccordModel", "EnsembleResult", "Forecast", "forecast", "run_ensemble"]
