"""Who sends troops, and how many: force generation (ODD 7.2).

A candidate's decision to contribute follows the empirical models of contributions to
multinational operations (Bove & Elia 2011, JPR 48(6); Gaibulloev, Sandler & Shimizu 2009, JCR
53(6); Kathman 2013, CMPS 30(5)): a latent index of sourced attributes — its record in comparable
operations, alliance (NATO, EU), size of its armed forces, being in Europe, a parliament that must
approve a deployment beforehand, its public statements — plus terms that depend on the others and
on the guarantor: whether a lead (framework) nation is in, how much of the requirement the others
already cover (free riding: Olson & Zeckhauser 1966), the backstop it conditions on. A candidate is
in when ``index + joint terms + disposition > 0``; the disposition is a standard normal draw, the
scale on which the index's coefficients were estimated (a probit), so the noise cannot swamp the
sourced differences by construction. A pledge can be conditional on the backstop.

The condition is soft (``condition_met``): a conditional pledger said it needs a US backstop but
not how much of one, so the level it needs is uncertain to the analyst and to its allies. Each
conditional pledger's threshold is drawn once per replication, ``θ_i = θ + σ·z_i`` (z standard
normal), so ``P(condition met) = Φ((b − θ)/σ)`` (``condition_probability``); σ = 0 is a hard gate.

Size (ODD 7.2): the force's required strength R is apportioned as at a force-generation
conference: each lead nation offers a framework share of R, the others split the rest by a key
that grows with the size of their armed forces and their record (fitted on past contributions), and
no one offers more than its deployable capacity.

The cascade is one pure function over arrays with any leading batch shape ``(..., C)``: a Mesa run
is ``(1, C)``, an ensemble ``(R, C)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr

from agents.rules.force import force_adequacy

F = NDArray[np.float64]
B = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741 - index arrays

#: The candidate attributes of the contribution index, in the order of the coefficients.
FEATURES = ("record", "nato", "eu", "log_milper", "europe", "prior_approval", "statement")
#: The terms of a decision that depend on the others or the guarantor (for explanations).
JOINT_TERMS = ("exposure", "backstop", "lead_absent", "free_riding", "disposition")


def index_terms(
    features: Mapping[str, ArrayLike], coefficients: Mapping[str, ArrayLike]
) -> dict[str, F]:
    """Each feature's part of the contribution index, ``β_k · x_k``, shape ``(..., C)``.

    ``features[k]`` is ``(C,)`` (or broadcastable), ``coefficients[k]`` is ``(...)`` (one per
    replication, or a scalar); ``coefficients["intercept"]`` is the constant. A feature without a
    coefficient is left out."""
    out: dict[str, F] = {}
    for name in ("intercept", *FEATURES):
        if name not in coefficients:
            continue
        beta = np.asarray(coefficients[name], float)[..., None]
        x = np.ones(1) if name == "intercept" else np.asarray(features[name], float)
        out[name] = beta * x
    return out


def contribution_index(
    features: Mapping[str, ArrayLike], coefficients: Mapping[str, ArrayLike]
) -> F:
    """The latent contribution index ``α + Σ β_k x_k`` (probit scale), ``(..., C)``."""
    terms = index_terms(features, coefficients)
    total: F = np.sum(np.broadcast_arrays(*terms.values()), axis=0)
    return total


def size_key(
    log_milper: ArrayLike, record: ArrayLike, elasticity: ArrayLike, record_effect: ArrayLike
) -> F:
    """A candidate's weight in sharing the requirement: ``exp(e·log milper + d·record)``.

    e is the elasticity of a contingent's size with respect to the size of the armed forces and d
    the effect of the record, both fitted on past contributions (experiments/force_history.py)."""
    e = np.asarray(elasticity, float)[..., None]
    d = np.asarray(record_effect, float)[..., None]
    out: F = np.exp(e * np.asarray(log_milper, float) + d * np.asarray(record, float))
    return out


def offered_troops(
    required: ArrayLike,
    capacity: ArrayLike,
    key: ArrayLike,
    is_lead: ArrayLike,
    framework_share: ArrayLike,
) -> F:
    """Troops each candidate would send if in, ``(..., C)``: a lead nation ``s·R``, every other
    candidate its key's share of ``(1 − n_lead·s)·R``; never more than its capacity, never < 0."""
    r = np.asarray(required, float)[..., None]
    s = np.asarray(framework_share, float)[..., None]
    lead = np.asarray(is_lead, bool)
    k = np.where(lead, 0.0, np.asarray(key, float))
    pool = np.clip(1.0 - lead.sum(-1, keepdims=True) * s, 0.0, 1.0) * r
    share = k / np.maximum(k.sum(-1, keepdims=True), 1e-300)
    want = np.where(lead, s * r, pool * share)
    out: F = np.clip(want, 0.0, np.asarray(capacity, float))
    return out


def fill_gap(
    member: ArrayLike,
    offer: ArrayLike,
    capacity: ArrayLike,
    is_lead: ArrayLike,
    required: ArrayLike,
) -> F:
    """Troops deployed, ``(..., C)``: each member its offer, and the lead (framework) nations in
    the force make up the shortfall ``R − Σ offers`` from their spare capacity, in proportion to
    it (NATO's framework-nation concept: the framework nation provides the core and fills the
    gaps), never beyond their capacity."""
    m = np.asarray(member, bool)
    off = np.where(m, np.asarray(offer, float), 0.0)
    gap = np.maximum(np.asarray(required, float)[..., None] - off.sum(-1, keepdims=True), 0.0)
    lead = m & np.asarray(is_lead, bool)
    spare = np.where(lead, np.maximum(np.asarray(capacity, float) - off, 0.0), 0.0)
    total = spare.sum(-1, keepdims=True)
    share = np.minimum(1.0, gap / np.where(total > 0, total, 1.0))
    out: F = off + spare * share
    return out


def scale_to_cap(troops: ArrayLike, cap: ArrayLike) -> F:
    """Scale every contingent down in proportion so the total is at most ``cap`` (``(...)``): how
    an agreed ceiling on foreign forces binds the force after the cascade."""
    t = np.asarray(troops, float)
    total = t.sum(-1)
    factor = np.where(
        total > 0, np.minimum(1.0, np.asarray(cap, float) / np.maximum(total, 1e-300)), 1.0
    )
    out: F = t * factor[..., None]
    return out


def condition_met(
    backstop: ArrayLike, threshold: ArrayLike, spread: ArrayLike, shock: ArrayLike
) -> B:
    """Whether each conditional pledger's condition on the backstop holds, ``(..., C)``.

    Its threshold is ``θ + σ·z``: ``b ≥ θ + σ·z``, i.e. met with probability
    ``Φ((b − θ)/σ)`` over the draw ``z`` (standard normal, once per replication and candidate).
    backstop b, threshold θ, spread σ ``(...)``; shock ``(..., C)``."""
    e = (..., None)
    b, th, sd = (np.asarray(v, float)[e] for v in (backstop, threshold, spread))
    out: B = b >= th + sd * np.asarray(shock, float)
    return out


def condition_probability(backstop: ArrayLike, threshold: ArrayLike, spread: ArrayLike) -> F:
    """``P(condition met) = Φ((b − θ)/σ)`` over the threshold's draw (a step at θ when σ = 0);
    all ``(...)``."""
    b, th, sd = (np.asarray(v, float) for v in (backstop, threshold, spread))
    safe = np.where(sd > 0, sd, 1.0)
    out: F = np.where(sd > 0, ndtr((b - th) / safe), (b >= th).astype(float))
    return out


@dataclass(frozen=True)
class JointWeights:
    """Coefficients of the terms that depend on others or on the guarantor, each ``(...)``."""

    exposure: F  # per unit of threat exposure (a frontline state keeps troops home: < 0)
    backstop: F  # index lost per unit of missing backstop, ``1 − b``
    lead_absent: F  # index lost by a non-lead candidate while no lead nation is in
    free_riding: F  # index lost per unit of the requirement the others already cover
    conditional_backstop: F  # backstop a conditional pledge needs (the centre of its threshold)
    condition_spread: F | float = 0.0  # sd of that threshold between pledgers (0: a hard gate)


@dataclass(frozen=True)
class Pledges:
    """Outcome of force generation: who is in, troops per candidate, the decision's terms."""

    member: B
    troops: F
    parts: dict[str, F]


def _joint(
    member: B, offer: F, capacity: F, is_lead: B, required: F, w: JointWeights
) -> dict[str, F]:
    """The terms that depend on who else is in, ``(..., C)``."""
    e = (..., None)
    mine = fill_gap(member, offer, capacity, is_lead, required)
    others = mine.sum(-1, keepdims=True) - mine
    leads = (member & is_lead).astype(float)
    lead_others = leads.sum(-1, keepdims=True) - leads
    no_lead = (lead_others == 0) & ~is_lead
    return {
        "lead_absent": -w.lead_absent[e] * no_lead,
        "free_riding": -w.free_riding[e] * force_adequacy(others, required[e]),
    }


def decide_pledges(
    index: ArrayLike,
    offer: ArrayLike,
    is_lead: ArrayLike,
    conditional: ArrayLike,
    exposure: ArrayLike,
    disposition: ArrayLike,
    weights: JointWeights,
    backstop: ArrayLike,
    required: ArrayLike,
    capacity: ArrayLike | None = None,
    available: ArrayLike | None = None,
    initial: ArrayLike | None = None,
    condition_shock: ArrayLike | None = None,
    max_iterations: int = 1000,
    explain: bool = True,
) -> Pledges:
    """Pledges of C candidates as a cascade of best responses.

    Per candidate ``(..., C)``: index (the contribution index), offer (troops if in), is_lead,
    conditional (pledges only if its condition on the backstop holds: ``condition_met`` with
    threshold ``weights.conditional_backstop``, spread ``weights.condition_spread`` and the draw
    ``condition_shock``, zero when not given), exposure, disposition (standard normal, drawn per
    replication), available (not withdrawn by an event).
    Per replication ``(...)``: weights, backstop b, required strength R. ``capacity`` (``(C,)``,
    default: the offer) bounds what a lead nation deploys when it fills the gap (``fill_gap``);
    ``Pledges.troops`` are the troops deployed. A candidate is in when
    ``index + exposure·w_e − w_b·(1 − b) − lead_absent − free_riding + disposition > 0``, it
    offers troops and its condition holds. Members of ``initial`` (the previous round) first
    leave if staying no longer pays; then candidates join, all at once in each step, until no one
    else wants to: a fixed point in at most C steps. ``parts`` holds each term, ``net`` and
    ``probability`` (of being in given the others, the disposition integrated out; 0 when unable);
    ``explain=False`` leaves it empty.
    """
    e = (..., None)
    b = np.asarray(backstop, float)
    r = np.asarray(required, float)
    shape = np.broadcast_shapes(
        np.shape(index), np.shape(offer), np.shape(disposition), (*b.shape, 1)
    )
    offer_ = np.broadcast_to(np.asarray(offer, float), shape)
    cap = offer_ if capacity is None else np.broadcast_to(np.asarray(capacity, float), shape)
    lead = np.broadcast_to(np.asarray(is_lead, bool), shape)
    shock = np.zeros(shape) if condition_shock is None else condition_shock
    met = condition_met(b, weights.conditional_backstop, weights.condition_spread, shock)
    able = (offer_ > 0) & (~np.asarray(conditional, bool) | met)
    if available is not None:
        able = able & np.asarray(available, bool)
    own = {
        "exposure": weights.exposure[e] * np.asarray(exposure, float),
        "backstop": -weights.backstop[e] * (1.0 - b[e]),
        "disposition": np.asarray(disposition, float),
    }
    fixed = np.asarray(index, float) + own["exposure"] + own["backstop"] + own["disposition"]

    def wants(member: B) -> B:
        joint = _joint(member, offer_, cap, lead, r, weights)
        out: B = (fixed + joint["lead_absent"] + joint["free_riding"] > 0) & able
        return out

    member = np.zeros(shape, bool)
    if initial is not None:  # last round's members stay while staying still pays
        member = np.asarray(initial, bool) & able
        member &= wants(member)
    for _ in range(max_iterations):  # the cascade: joins only, a fixed point within C steps
        new = member | wants(member)
        if np.array_equal(new, member):
            break
        member = new
    troops = fill_gap(member, offer_, cap, lead, r)
    parts: dict[str, F] = {}
    if explain:
        joint = _joint(member, offer_, cap, lead, r, weights)
        for name, value in {**own, **joint}.items():
            parts[name] = np.broadcast_to(value, shape).copy()
        net = fixed + joint["lead_absent"] + joint["free_riding"]
        parts["net"] = np.broadcast_to(net, shape).copy()
        parts["able"] = able.astype(float)  # offers troops, its condition holds, not withdrawn
        # P(in | the others, b): the disposition integrated out (it is a standard normal draw).
        parts["probability"] = np.where(able, ndtr(net - own["disposition"]), 0.0)
    return Pledges(member=member, troops=troops, parts=parts)


def main_reason(terms: Mapping[str, ArrayLike], member: ArrayLike, tolerance: float = 0.1) -> I:
    """Which term explains each candidate's decision, as an index into ``list(terms)``.

    For a member, the term that raises it most above the median candidate's; for a non-member,
    the term that lowers it most below (a term the same for everyone explains no one). -1 when
    no term sets it apart by more than ``tolerance`` (index units): a typical candidate."""
    names = list(terms)
    stack = np.stack(np.broadcast_arrays(*(np.asarray(terms[k], float) for k in names)), -1)
    dev = stack - np.median(stack, axis=-2, keepdims=True)
    signed = np.where(np.asarray(member, bool)[..., None], dev, -dev)
    best = signed.argmax(-1)
    out: I = np.where(np.take_along_axis(signed, best[..., None], -1)[..., 0] > tolerance, best, -1)
    return out
