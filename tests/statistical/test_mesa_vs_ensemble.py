"""The single-run Mesa model and the batched engine give the same distributions.

The Mesa runs use seeds independent of the ensemble's (another root), so this is a statistical
comparison, not a replay (the replay is tested in tests/unit/test_ensemble.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from model import AccordModel, run_ensemble
from tests.model_fixtures import tiny

RUNS = 300


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    scenario = tiny(tmp_path_factory.mktemp("s"))
    ens = run_ensemble(scenario, 4000, rng=123)
    mesa_rows = []
    for seed in range(RUNS):
        m = AccordModel(scenario, rng=10_000 + seed)
        while m.running:
            m.step()
        members = int(m.state.outcome["member"][0].sum())
        mesa_rows.append(
            (
                m.agreed,
                int(m.state.agreement_round[0]),
                members,
                bool(m.state.adopted.get("S/1", np.array([False]))[0]),
            )
        )
    return ens, np.array(mesa_rows, dtype=float)


def _binomial_ok(p_mesa: float, p_ens: float, n: int) -> bool:
    sd = np.sqrt(max(p_ens * (1 - p_ens), 1e-4) / n)
    return abs(p_mesa - p_ens) <= 4 * sd + 1e-9


def test_agreement_rate_within_a_binomial_bound(both):
    ens, rows = both
    assert _binomial_ok(rows[:, 0].mean(), ens.p_agreement["p"], RUNS)


def test_same_distribution_of_agreement_rounds(both):
    ens, rows = both
    agreed = rows[rows[:, 0] == 1, 1]
    ref = ens.rows.loc[ens.rows["agreed"], "agreement_round"].to_numpy()
    # two-sample Kolmogorov–Smirnov statistic against its 0.1% critical value
    grid = np.arange(1, 13)
    cdf_a = np.searchsorted(np.sort(agreed), grid, side="right") / len(agreed)
    cdf_b = np.searchsorted(np.sort(ref), grid, side="right") / len(ref)
    n, m = len(agreed), len(ref)
    assert np.abs(cdf_a - cdf_b).max() <= 1.95 * np.sqrt((n + m) / (n * m))


def test_force_and_votes_agree(both):
    ens, rows = both
    members = ens.membership.sum(axis=1)
    assert abs(rows[:, 2].mean() - members.mean()) <= 4 * max(members.std(), 0.05) / np.sqrt(RUNS)
    for rid in ens.votes:
        adopted = ens.rows[f"adopted_{rid}"]
        if rid == "S/1":
            assert _binomial_ok(rows[:, 3].mean(), adopted.mean(), RUNS)
