"""Per-replication random draws: parameters and every stochastic process (ODD 4, Stochasticity).

Replication ``i`` of a run with root seed ``s`` uses ``default_rng(SeedSequence(s).spawn(R)[i])``
and draws one block of uniforms and one of normals, of fixed sizes: its random parameters, then
the noise of every process. So a replication's result depends only on the root seed and
its index, not on the chunk it ran in nor on the engine; and ``AccordModel(rng=that child)``
replays it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr, ndtri

from model.world import World
from scenarios.schema import Distribution

F = NDArray[np.float64]


@dataclass(frozen=True)
class Noise:
    """Stacked noise for R replications."""

    accept_u: F  # (R, H, V) uniforms for acceptance
    pledge_z: F  # (R, C) standard normals: each candidate's disposition
    vote_z: F  # (R, K, N) standard normals: vote shocks per vote
    absent_u: F  # (R, K, N) uniforms: absence per vote
    durability_u: F  # (R,) uniform: month of breakdown
    war_z: F  # (R, H) standard normals: the military situation's monthly shocks
    signal_z: F  # (R, H, V) standard normals: each veto player's monthly battlefield signal
    disposition_z: F  # (R, H, V) standard normals: the leader's disposition (drawn, then drift)
    condition_z: F  # (R, C) standard normals: each conditional pledger's threshold on the backstop


def inverse_cdf(dist: Distribution, u: F) -> F:
    """A value of the distribution from a uniform ``u`` (truncated normal within [low, high])."""
    lo, hi = dist.low, dist.high
    if dist.kind == "uniform":
        out: F = lo + (hi - lo) * u
        return out
    if dist.kind == "triangular":
        mode = float(dist.mode if dist.mode is not None else (lo + hi) / 2)
        if hi == lo:
            return np.full_like(u, lo)
        cut = (mode - lo) / (hi - lo)
        left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
        right = hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode))
        out = np.where(u < cut, left, right)
        return out
    mean, sd = float(dist.mean or 0.0), float(dist.sd or 0.0)
    if sd <= 0:
        return np.full_like(u, min(max(mean, lo), hi))
    a, b = ndtr((lo - mean) / sd), ndtr((hi - mean) / sd)
    out = np.clip(mean + sd * ndtri(a + u * (b - a)), lo, hi)
    return out


def replication_seeds(
    root: int | None, replications: int, spawn_key: tuple[int, ...] = ()
) -> list[np.random.SeedSequence]:
    """Seed sequences of replications ``0 .. replications-1`` under the root
    ``SeedSequence(root, spawn_key=spawn_key)`` (a fresh one each call, so always the same)."""
    return np.random.SeedSequence(root, spawn_key=spawn_key).spawn(replications)


def draw_replications(
    world: World,
    seeds: list[np.random.SeedSequence],
    generators: list[np.random.Generator] | None = None,
) -> tuple[dict[str, F], Noise]:
    """Parameters ``name -> (R,)`` and the noise of R replications.

    ``generators`` (used by the Mesa model) replace ``seeds`` when given.
    """
    params = world.scenario.parameters
    random_names = [k for k, p in params.items() if p.is_random]
    gens = generators if generators is not None else [np.random.default_rng(s) for s in seeds]
    h, v, c = world.max_rounds, len(world.veto), len(world.candidates)
    k, n = len(world.votes), world.n
    r = len(gens)
    sizes = [len(random_names), h * v, k * n, 1]  # uniforms
    normals = [c, k * n, h, h * v, h * v, c]  # a new block goes last: earlier draws stay put
    block = np.empty((r, sum(sizes)))
    gauss = np.empty((r, sum(normals)))
    for i, g in enumerate(gens):  # once per replication, before any round
        block[i] = g.random(block.shape[1])
        gauss[i] = g.standard_normal(gauss.shape[1])
    u_par, u_acc, u_au, u_du = np.split(block, np.cumsum(sizes)[:-1], axis=1)
    plz, z_vote, z_war, z_sig, z_disp, z_cond = np.split(gauss, np.cumsum(normals)[:-1], axis=1)
    acc, au, du = u_acc.reshape(r, h, v), u_au.reshape(r, k, n), u_du[:, 0]
    vz = z_vote.reshape(r, k, n)
    values: dict[str, F] = {}
    for name, p in params.items():
        if name in random_names:
            assert p.distribution is not None
            values[name] = inverse_cdf(p.distribution, u_par[:, random_names.index(name)])
        else:
            values[name] = np.full(r, float(p.central))
    noise = Noise(
        accept_u=acc,
        pledge_z=plz,
        vote_z=vz,
        absent_u=au,
        durability_u=du,
        war_z=z_war,
        signal_z=z_sig.reshape(r, h, v),
        disposition_z=z_disp.reshape(r, h, v),
        condition_z=z_cond,
    )
    return values, noise
