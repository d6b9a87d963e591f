"""Steps 6-8: the war, the mediator's proposal, the package it allows, acceptance (ODD 7.4-7.6).

Per round t (``t − 1`` months of war so far), for the replications still negotiating: each veto
player's value of fighting on as its leader sees it (``agents.rules.war``: the military
situation, beliefs that fighting reveals, the leader's disposition, costs and trends); the
guarantee package offered (the force pledged, the backstop, a mandate) and what it adds to a deal
on each side (the victim's security; the aggressor's option of renewing the war, which a
credible guarantee takes away); the asymmetric Nash bargaining proposal among the veto players,
bargaining power from capability; the force the proposed ``foreign_forces`` term allows
(``bind_force``), so the package on the table is the one the terms permit; each veto player's
acceptance of that deal and whether the terms are inside the bargaining range. After the round
the war moves on by one month (``advance_war``). The war's state lives in ``RoundState.war``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from agents import rules
from agents.rules import war
from model.stages import Parts, Values

if TYPE_CHECKING:
    from model.draws import Noise
    from model.engine import RoundState
    from model.world import World

F = NDArray[np.float64]
B = NDArray[np.bool_]


def start_war(world: World, params: dict[str, F], noise: Noise) -> dict[str, F]:
    """The war at round 1: situation 0, no signals yet, each leader's disposition drawn once."""
    r, v = noise.war_z.shape[0], len(world.veto)
    return {
        "situation": np.zeros(r),
        "signal_sum": np.zeros((r, v)),
        "disposition": war.disposition_step(
            0.0, np.zeros(r), params["disposition_sd"], noise.disposition_z[:, 0, :]
        ),
    }


def advance_war(world: World, st: RoundState) -> None:
    """One month of war after round ``st.t``: the situation moves, each belligerent sees a
    battlefield signal, dispositions drift (the draws of month ``st.t``)."""
    m, p, noise, state = st.t - 1, st.params, st.noise, st.war
    if m + 1 >= noise.war_z.shape[1]:
        return
    state["situation"] = war.situation_step(
        state["situation"], p["war_volatility"], noise.war_z[:, m]
    )
    state["signal_sum"] = state["signal_sum"] + (
        p["battlefield_signal_noise"][:, None] * noise.signal_z[:, m, :] * world.belligerent
    )
    state["disposition"] = war.disposition_step(
        state["disposition"],
        p["disposition_persistence"],
        p["disposition_sd"],
        noise.disposition_z[:, m + 1, :],
    )


def roles(world: World) -> tuple[F, F, F]:
    """Per veto player: side (+1 aggressor, −1 victim, 0 other), victim and aggressor masks."""
    is_victim = (world.veto == world.victim).astype(float)
    is_aggressor = (world.veto == world.aggressor).astype(float)
    return is_aggressor - is_victim, is_victim, is_aggressor


def fighting_on(world: World, state: dict[str, F], params: dict[str, F], months: int) -> F:
    """Each veto player's value of fighting on as its leader sees it, ``(R, V)``."""
    side, is_victim, is_aggressor = roles(world)
    p = params
    base = rules.fighting_on_value(
        np.stack([p[k] for k in world.veto_parameter("fighting_on")], axis=-1),
        np.stack([p[k] for k in world.veto_parameter("battlefield_trend")], axis=-1),
        p["war_cost_per_month"],
        world.belligerent,
        months,
        p["war_months_before_start"],
    )
    optimism0 = (
        p["optimism_victim"][:, None] * is_victim + p["optimism_aggressor"][:, None] * is_aggressor
    )
    # The belief at round 1 rests on the pre-war prior and on every month already fought: by
    # Bayes' rule (war.belief_error) its weight is their sum, in months of battlefield signals.
    weight = p["belief_prior_months"] + p["war_months_before_start"]
    error = war.belief_error(optimism0, weight, state["signal_sum"], months)
    return war.believed_fighting_value(base, side, state["situation"], error, state["disposition"])


def package(
    world: World, params: dict[str, F], force: Values, troops: F, mandated: B
) -> dict[str, F]:
    """The guarantee package with the force ``troops`` ``(R, C)``: adequacy, credibility and
    what it adds to a deal for each veto player (security, renewal option), ``(R, V)``."""
    p, c = params, world.candidates
    total = troops.sum(-1)
    adequacy = rules.force_adequacy(total, p["force_required_troops"])
    pledged = np.maximum(force["troops"].sum(-1), 1e-12)
    present = np.minimum(1.0, total / pledged)  # the share of the pledged force the terms allow
    agg = max(world.capability[world.aggressor], 1e-12)
    members = np.where(force["member"], world.capability[c], 0.0).sum(-1)
    g = rules.credibility(adequacy, p["backstop"], present * members / agg)
    return {
        "force_troops": total,
        "adequacy": adequacy,
        "credibility": g,
        "security": security(world, p, g, mandated),
    }


def security(world: World, params: dict[str, F], credibility: F, mandated: B) -> F:
    """What a package of credibility ``credibility`` ``(R,)`` adds to a deal, ``(R, V)``."""
    _, victim, aggressor = roles(world)
    mandate = params["un_mandate_effect"] * mandated
    return rules.security_values(credibility, params["security_weight"], mandate, victim, aggressor)


def expect_credibility(expected: F, allowed: F, seen: F | float) -> F:
    """The mediator's expectation, for next month, of the credibility its terms will allow.

    The package on the table is the one the proposed ``foreign_forces`` term allows, so the
    guarantee a proposal offers depends on the proposal. The mediator cannot solve for both at
    once; it proposes with its expectation and learns from the package each proposal allowed:
    the running mean of the credibility of the whole pledged force and of what its proposals
    allowed since the package offered last changed (fictitious play, Brown 1951),
    ``(n·E + G)/(n + 1)`` with ``n`` = ``seen`` values so far. Without this the mediator would
    assume every round that the whole pledged force deploys, table terms that cut it, and see
    the victim reject the same proposal every month.
    """
    out: F = expected + (allowed - expected) / (np.asarray(seen, float) + 1.0)
    return out


def options(world: World, params: dict[str, F], fight: F, credibility: F) -> tuple[F, F]:
    """Each veto player's value of renewed war and of keeping the option to renew, ``(R, V)``."""
    p = params
    _, _, is_aggressor = roles(world)
    renewed = rules.renewed_war_value(
        fight, p["renege_cost"], p["guarantee_deterrence"], credibility, is_aggressor
    )
    option = (
        rules.renewal_option(renewed, fight, p["war_volatility"], p["durability_horizon_months"])
        * world.belligerent
    )
    return renewed, option


SKIP_MARGIN = 0.01  # a row whose maximin stays this far below 0 is not searched again (utility)


def bargaining_power(capability: F, exponent: F) -> F:
    """Each veto player's bargaining power ``capability_i ** γ`` ``(R, V)``: γ = 0 is the
    symmetric Nash solution, γ = 1 power in proportion to capability."""
    out: F = np.asarray(capability, float) ** np.asarray(exponent, float)[:, None]
    return out


def propose(x_v: F, s_v: F, offsets: F, active: B, power: F, memo: dict[str, F]) -> tuple[F, B]:
    """The Nash bargaining proposal for the replications still negotiating.

    Warm-started from last month's contract weights (``memo``). A row that was infeasible last
    month, with a best smallest gain ``L`` (its maximin), cannot have become feasible if
    ``L + max_i |Δoffset_i| < 0`` (a change of the offsets moves every gain by at most that
    much); such rows, kept ``SKIP_MARGIN`` below that bound, are not searched again. Each row's
    search depends only on that row, so a run of one gets the proposal its ensemble row gets.
    """
    r, v = len(active), x_v.shape[-2]
    cold = "weights" not in memo
    weights = np.full((r, v), 1.0 / v) if cold else memo["weights"].copy()
    maximin = np.full(r, np.inf) if cold else memo["maximin"]
    moved = 0.0 if cold else np.abs(offsets - memo["offsets"]).max(axis=-1)
    search = active & ~(maximin + moved < -SKIP_MARGIN)
    idx = np.flatnonzero(search)
    if len(idx):
        x = x_v if x_v.shape[0] == 1 else x_v[idx]
        sub = rules.nash_bargaining(
            x, s_v, offsets[idx], power[idx], start=None if cold else weights[idx]
        )
        weights[idx] = sub.weights
    z, gains = rules.contract_gains(x_v, s_v, offsets, weights)  # at every row's weights
    low = gains.min(axis=-1)
    memo["weights"], memo["offsets"] = weights, offsets.copy()
    memo["maximin"] = np.where(search, low, maximin + moved)  # an upper bound where skipped
    return z, (low > 0) & active


def negotiate(world: World, st: RoundState, force: Values) -> tuple[Values, Parts]:
    """This round's proposal, the package the proposed terms allow, and each veto player's
    acceptance of that deal, with its parts."""
    p, veto = st.params, world.veto
    fight = fighting_on(world, st.war, p, st.t - 1)
    offered = package(world, p, force, force["troops"], st.mandated)
    # The mediator's expectation of the credibility its terms will allow (expect_credibility),
    # never more than the whole pledged force would give; it starts afresh whenever the package
    # offered changes (a mandate adopted, a contingent withdrawn).
    g_offered = offered["credibility"]
    known = st.war.get("credibility_offered")
    fresh = np.ones(len(g_offered), bool) if known is None else np.abs(g_offered - known) > 1e-12
    g = np.where(fresh, g_offered, np.minimum(st.war.get("credibility_expected", 0.0), g_offered))
    seen = np.where(fresh, 1.0, st.war.get("credibility_seen", 1.0))
    _, option = options(world, p, fight, g)
    x_v, s_v = st.x[:, veto, :], world.salience[veto]
    offsets = 1.0 + security(world, p, g, st.mandated) + option - fight
    power = bargaining_power(world.capability[veto], p["bargaining_power_exponent"])
    z, feasible = propose(x_v, s_v, offsets, ~st.agreed, power, st.war)
    allowed = rules.troops_allowed(z[:, world.security_dim], p["large_force_troops"])
    troops = rules.bind_force(force["troops"], allowed)
    table = package(world, p, force, troops, st.mandated)  # the package the terms allow
    st.war["credibility_expected"] = expect_credibility(g, table["credibility"], seen)
    st.war["credibility_seen"], st.war["credibility_offered"] = seen + 1.0, g_offered
    renewed, option = options(world, p, fight, table["credibility"])
    terms = rules.utility(z[:, None, :], x_v, s_v)
    parts = rules.acceptance_parts(terms, table["security"], option, fight, p["acceptance_noise"])
    weight = world.capability[:, None] * world.salience
    values: Values = {
        "terms": z,
        "feasible": feasible,
        # The mediator tables the proposal only when it is feasible (every veto player gains,
        # under its beliefs, with the package offered); otherwise there is nothing to accept.
        "p_accept": np.where(feasible[:, None], parts["p_accept"], 0.0),
        "in_range": rules.in_bargaining_range(parts["margin"]),
        "troops_allowed": allowed,
        "troops": troops,
        "force_troops": table["force_troops"],
        "adequacy": table["adequacy"],
        "credibility": table["credibility"],
        "fighting_on": fight,
        "renewed_war_value": renewed,
        "deal_value": terms + table["security"],
        "situation": st.war["situation"].copy(),
        "weighted_mean": rules.weighted_mean(st.x, weight),
        "weighted_median": rules.weighted_median(st.x, weight),
    }
    return values, parts
