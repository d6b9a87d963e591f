"""Dynamic ordinal ideal points of UN member states from General Assembly roll calls (ODD 7.8).

The model (after Bailey, Strezhnev & Voeten 2017, JCR 61(2): dynamic, ordinal, bridged):

- State ``i`` in year ``t`` has a position ``x_it`` in ``K`` dimensions. Roll call ``j`` has a
  discrimination vector ``b_j`` (K,) and two cut points ``c1_j < c2_j``. With
  ``eta = b_j . x_it`` the vote is ordinal, ``no < abstain < yes``, by an ordinal logit:
  ``P(no) = s(c1 - eta)``, ``P(no or abstain) = s(c2 - eta)`` (``s`` the logistic function).
  Abstention is its own category, with its own threshold; absence is missing data.
- Drift: ``x_i,t ~ N(x_i,t-1, tau^2 I)`` between consecutive years (a random walk), ``tau`` per
  year (``TAU``). A series starts in the first year its state votes, with ``x ~ N(0, I)``. In the
  years listed in ``scenarios/sources/un/regime_changes.csv`` the step's standard deviation is
  ``TAU_REGIME`` (the position may jump). Years without votes inside a series (e.g. Serbia
  1993-1999, South Africa 1974-1993) are bridged by the random walk.
- Bridging across sessions: plain resolution votes (no amendment, no separate paragraph) that
  share a normalized title (``builds.un_roll_calls.normalized_title``) form a *family*; each
  item's parameters are its family's plus a deviation with a tight prior (``SD_DEV_B``,
  ``SD_DEV_C``). Repeated resolutions thus tie the scale from one session to the next, and a new
  roll call of a known family gets the family's parameters (that is how the out-of-sample test
  predicts 2018-2019 roll calls without their own votes).
- MAP: the joint log posterior is maximized with L-BFGS (scipy) from a seeded start; deterministic.
- Identification: the Gaussian priors fix location and scale; the posterior is invariant to
  rotations, so after fitting the space is rotated to its principal axes over all state-years
  (dimension 1 carries the most variance) and signed so that the USA is positive on dimension 1
  and China is positive on dimension 2 in the latest year.

``python -m builds.ideal_points`` fits 2 dimensions on everything up to 2023 (the 2022-2023
ES-11 roll calls included except ES-11/4, for which the sources name only the 14 states that did
not vote yes) and writes ``scenarios/sources/un/ideal_points.csv`` and
``scenarios/sources/un/ideal_point_items.csv`` (byte-reproducible, rounded to 4 decimals).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize

from agents.rules.votes import VoteCode
from builds.un_roll_calls import UN_DIR, RollCalls, load_roll_calls, normalized_title

F = NDArray[np.float64]
I64 = NDArray[np.int64]

TAU = 0.15  # ASSUMPTION: yearly random-walk SD of a position (BSV's drift is of this order)
TAU_REGIME = 1.0  # ASSUMPTION: step SD in a regime-change year (as wide as the start prior)
SD_START = 1.0  # prior SD of a series' first position (sets the scale)
SD_B, SD_C1, MEAN_LOGGAP, SD_LOGGAP = 2.5, 5.0, 0.5, 1.5  # family priors (weak)
SD_DEV_B, SD_DEV_C = 0.5, 1.0  # an item's deviation from its family
MAXITER = 400
K = 2  # dimensions of the fit
#: roll calls kept per calendar year (a seeded sample; see subsample): 15 before 2000, 30 in
#: 2000-2013, all from 2014 on
CAPS = ((2000, 15), (2014, 30))
SEED = 20170301  # BSV's publication month; only the start values depend on it
POSITIONS_FILE = UN_DIR / "ideal_points.csv"
ITEMS_FILE = UN_DIR / "ideal_point_items.csv"
ORDINAL = {VoteCode.NO: 0, VoteCode.ABSTAIN: 1, VoteCode.YES: 2}  # vote code -> ordinal category


@dataclass(frozen=True)
class Design:
    """Index arrays of one fit: observations (item, state-year, category), the state-years of
    every series, the family of every item and the random-walk links."""

    obs_item: I64
    obs_sy: I64
    obs_cat: I64
    sy_iso3: list[str]
    sy_year: I64
    items: pd.DataFrame  # rcid, family, short, year (row order = item index)
    families: list[str]
    item_family: I64
    start: I64  # state-year index of each series' first year
    link_prev: I64
    link_next: I64
    link_sd: F


@dataclass(frozen=True)
class Fit:
    """Positions (state-year, K), item parameters and family parameters of one fit."""

    design: Design
    x: F
    b: F  # (J, K)
    c1: F
    c2: F
    fam_b: F  # (G, K)
    fam_c1: F
    fam_c2: F
    objective: float
    seconds: float
    raw: tuple[F, ...]  # unrotated packed parts (z, fam_b, fam_c1, fam_loggap, dev_b, dev_c1,
    #                     dev_loggap): the warm start of a later fit

    def positions(self) -> pd.DataFrame:
        d = self.design
        out = pd.DataFrame({"iso3": d.sy_iso3, "year": d.sy_year})
        for k in range(self.x.shape[1]):
            out[f"dim{k + 1}"] = self.x[:, k]
        return out


def _families(calls: pd.DataFrame) -> pd.Series:
    plain = calls["amend"].isin(["0", ""]) & calls["para"].isin(["0", ""])
    plain &= ~calls["unres"].str.startswith("A/RES/ES-11")
    title = calls["short"].map(normalized_title)
    own = "rc:" + calls["rcid"].astype(str)
    return pd.Series(np.where(plain & (title != ""), "t:" + title, own), index=calls.index)


def build_design(rc: RollCalls, regime_changes: set[tuple[str, int]] | None = None) -> Design:
    """Arrays for the roll calls in ``rc`` (already restricted to the training data)."""
    if regime_changes is None:
        rcsv = pd.read_csv(UN_DIR / "regime_changes.csv")
        regime_changes = set(zip(rcsv["iso3"], rcsv["year"].astype(int), strict=True))
    votes = rc.votes
    calls = rc.calls[rc.calls["rcid"].isin(votes["rcid"].unique())].reset_index(drop=True)
    fam = _families(calls)
    families = sorted(fam.unique())
    item_family = np.searchsorted(families, fam.to_numpy()).astype(np.int64)
    span = votes.groupby("iso3")["year"].agg(["min", "max"]).sort_index()
    iso: list[str] = []
    years: list[int] = []
    start: list[int] = []
    prev: list[int] = []
    nxt: list[int] = []
    sd: list[float] = []
    for code, (y0, y1) in span.iterrows():
        base = len(iso)
        start.append(base)
        for y in range(int(y0), int(y1) + 1):
            iso.append(str(code))
            years.append(y)
            if y > y0:
                prev.append(len(iso) - 2)
                nxt.append(len(iso) - 1)
                sd.append(TAU_REGIME if (code, y) in regime_changes else TAU)
    sy_year = np.asarray(years, np.int64)
    key = pd.Series(np.arange(len(iso)), index=pd.MultiIndex.from_arrays([iso, years]))
    obs_sy = key.loc[list(zip(votes["iso3"], votes["year"], strict=True))].to_numpy()
    item_of = pd.Series(np.arange(len(calls)), index=calls["rcid"])
    return Design(
        obs_item=item_of.loc[votes["rcid"]].to_numpy().astype(np.int64),
        obs_sy=obs_sy.astype(np.int64),
        obs_cat=votes["vote"].map(ORDINAL).to_numpy().astype(np.int64),
        sy_iso3=iso,
        sy_year=sy_year,
        items=calls[["rcid", "year", "short"]].assign(family=fam.to_numpy()),
        families=families,
        item_family=item_family,
        start=np.asarray(start, np.int64),
        link_prev=np.asarray(prev, np.int64),
        link_next=np.asarray(nxt, np.int64),
        link_sd=np.asarray(sd, float),
    )


def _sig(u: F) -> F:
    out: F = 0.5 * (1.0 + np.tanh(0.5 * u))
    return out


class _Objective:
    """Negative log posterior and its gradient over the packed parameter vector."""

    def __init__(self, d: Design, k: int) -> None:
        self.d, self.k = d, k
        self.n_sy, self.n_j, self.n_g = len(d.sy_year), len(d.items), len(d.families)
        sizes = [self.n_sy * k, self.n_g * k, self.n_g, self.n_g, self.n_j * k, self.n_j, self.n_j]
        self.cuts = np.cumsum([0, *sizes])
        order = np.argsort(d.obs_cat, kind="stable")  # rows: no, then abstain, then yes
        self.j, self.s = d.obs_item[order], d.obs_sy[order]
        self.n_no, self.n_ab = int((d.obs_cat == 0).sum()), int((d.obs_cat == 1).sum())
        n_series = len(d.start)
        self.series = np.repeat(np.arange(n_series), np.diff([*d.start, self.n_sy]))
        self.series_end = np.asarray([*d.start[1:] - 1, self.n_sy - 1], np.int64)
        self.scale = np.full(self.n_sy, SD_START)
        self.scale[d.link_next] = d.link_sd

    def unpack(self, th: F) -> list[F]:
        k, c = self.k, self.cuts
        parts = [th[c[i] : c[i + 1]] for i in range(7)]
        parts[0] = parts[0].reshape(self.n_sy, k)
        parts[1] = parts[1].reshape(self.n_g, k)
        parts[4] = parts[4].reshape(self.n_j, k)
        return parts

    def items(self, th: F) -> tuple[F, F, F]:
        _, fb, fc1, flg, db, dc1, dlg = self.unpack(th)
        g = self.d.item_family
        b = fb[g] + db
        c1 = fc1[g] + dc1
        c2 = c1 + np.exp(flg[g] + dlg)
        return b, c1, c2

    def positions(self, z: F) -> F:
        """Non-centred random walk: ``x = within-series cumulative sum of z * scale``."""
        steps = z * self.scale[:, None]
        total = np.cumsum(steps, axis=0)
        before = np.where(self.d.start[self.series] > 0, self.d.start[self.series] - 1, -1)
        offset = np.where(before[:, None] >= 0, total[np.maximum(before, 0)], 0.0)
        out: F = total - offset
        return out

    def __call__(self, th: F) -> tuple[float, F]:
        d, k = self.d, self.k
        z, fb, fc1, flg, db, dc1, dlg = self.unpack(th)
        x = self.positions(z)
        b, c1, c2 = self.items(th)
        gap = c2 - c1
        j, s = self.j, self.s
        eta = b[j, 0] * x[s, 0]
        for q in range(1, k):
            eta += b[j, q] * x[s, q]
        n0, n1 = self.n_no, self.n_no + self.n_ab
        u1 = c1[j[:n1]] - eta[:n1]  # no and abstain rows
        u2 = c2[j[n0:]] - eta[n0:]  # abstain and yes rows
        f1, f2 = _sig(u1), _sig(u2)
        v1, v2 = u1[n0:], u2[: n1 - n0]  # the abstentions
        mid = np.maximum(np.where(v1 > 0, _sig(-v1) - _sig(-v2), f2[: n1 - n0] - f1[n0:]), 1e-300)
        ll = (
            -float(np.logaddexp(0.0, -u1[:n0]).sum())
            + float(np.log(mid).sum())
            - float(np.logaddexp(0.0, u2[n1 - n0 :]).sum())
        )
        fa1, fa2 = f1[n0:], f2[: n1 - n0]
        g1 = np.concatenate([1 - f1[:n0], -fa1 * (1 - fa1) / mid, np.zeros(len(j) - n1)])
        g2 = np.concatenate([np.zeros(n0), fa2 * (1 - fa2) / mid, -f2[n1 - n0 :]])
        geta = -(g1 + g2)
        nj, nsy = self.n_j, self.n_sy
        grad_c1 = np.bincount(j, g1 + g2, nj)
        grad_lg_item = np.bincount(j, g2, nj) * gap
        grad_b = np.stack([np.bincount(j, geta * x[s, q], nj) for q in range(k)], axis=1)
        grad_x = np.stack([np.bincount(s, geta * b[j, q], nsy) for q in range(k)], axis=1)
        # negative log posterior: flip signs, add the priors (z ~ N(0, 1) in every state-year)
        f = -ll + 0.5 * float((z**2).sum())
        # d x_t / d z_u = scale_u for u <= t in the same series: reverse cumulative sum
        rev = np.cumsum(grad_x[::-1], axis=0)[::-1]
        after = self.series_end[self.series] + 1
        tail = np.where(after[:, None] < nsy, rev[np.minimum(after, nsy - 1)], 0.0)
        gx = -(rev - tail) * self.scale[:, None] + z
        fam = d.item_family
        ng = self.n_g
        g_db = -grad_b + db / SD_DEV_B**2
        g_dc1 = -grad_c1 + dc1 / SD_DEV_C**2
        g_dlg = -grad_lg_item + dlg / SD_DEV_C**2
        g_fb = np.stack([np.bincount(fam, -grad_b[:, q], ng) for q in range(k)], axis=1)
        g_fb += fb / SD_B**2
        g_fc1 = np.bincount(fam, -grad_c1, ng) + fc1 / SD_C1**2
        g_flg = np.bincount(fam, -grad_lg_item, ng) + (flg - MEAN_LOGGAP) / SD_LOGGAP**2
        f += 0.5 * (
            float((db**2).sum()) / SD_DEV_B**2
            + float((dc1**2).sum()) / SD_DEV_C**2
            + float((dlg**2).sum()) / SD_DEV_C**2
            + float((fb**2).sum()) / SD_B**2
            + float((fc1**2).sum()) / SD_C1**2
            + float(((flg - MEAN_LOGGAP) ** 2).sum()) / SD_LOGGAP**2
        )
        grad = np.concatenate([gx.ravel(), g_fb.ravel(), g_fc1, g_flg, g_db.ravel(), g_dc1, g_dlg])
        return f, grad


def _start(obj: _Objective, seed: int) -> F:
    """Seeded small positions and discriminations; cut points from each family's vote shares."""
    rng = np.random.default_rng(seed)
    d, k = obj.d, obj.k
    parts = [np.zeros(obj.cuts[i + 1] - obj.cuts[i]) for i in range(7)]
    parts[0] = rng.normal(0.0, 0.3, obj.n_sy * k)  # z: the start's and each step's shock
    parts[1] = rng.normal(0.0, 0.3, obj.n_g * k)
    fam = d.item_family[d.obs_item]
    n = np.bincount(fam, minlength=obj.n_g) + 3.0
    p_no = (np.bincount(fam, d.obs_cat == 0, obj.n_g) + 1.0) / n
    p_ab = (np.bincount(fam, d.obs_cat == 1, obj.n_g) + 1.0) / n
    parts[2] = np.log(p_no / (1 - p_no))
    c2 = np.log((p_no + p_ab) / (1 - p_no - p_ab))
    parts[3] = np.log(np.maximum(c2 - parts[2], 0.05))
    return np.concatenate(parts)


def _warm(obj: _Objective, cold: F, prev: Fit) -> F:
    """Start values: ``prev``'s for the state-years, families and items it shares, cold ones
    (seeded) for the rest. Later fits start from earlier, smaller ones (never the reverse)."""
    parts = [p.copy() for p in obj.unpack(cold.copy())]
    pd_, d = prev.design, obj.d
    rows = pd.Series(
        np.arange(len(pd_.sy_year)), index=pd.MultiIndex.from_arrays([pd_.sy_iso3, pd_.sy_year])
    )
    hit = rows.reindex(pd.MultiIndex.from_arrays([d.sy_iso3, d.sy_year]))
    ok = hit.notna().to_numpy()
    parts[0][ok] = prev.raw[0][hit.to_numpy()[ok].astype(int)]
    fam = pd.Series(np.arange(len(pd_.families)), index=pd_.families).reindex(d.families)
    ok = fam.notna().to_numpy()
    for i in (1, 2, 3):
        parts[i][ok] = prev.raw[i][fam.to_numpy()[ok].astype(int)]
    item = pd.Series(np.arange(len(pd_.items)), index=pd_.items["rcid"].to_numpy())
    hit = item.reindex(d.items["rcid"].to_numpy())
    ok = hit.notna().to_numpy()
    for i in (4, 5, 6):
        parts[i][ok] = prev.raw[i][hit.to_numpy()[ok].astype(int)]
    return np.concatenate([p.ravel() for p in parts])


def fit(
    d: Design, k: int = K, seed: int = SEED, maxiter: int = MAXITER, warm: Fit | None = None
) -> Fit:
    """MAP estimate by L-BFGS; positions rotated to principal axes (see the module docstring)."""
    t0 = time.process_time()
    obj = _Objective(d, k)
    start = _start(obj, seed)
    if warm is not None:
        start = _warm(obj, start, warm)
    res = minimize(
        obj,
        start,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": maxiter, "maxcor": 20, "ftol": 1e-10, "gtol": 1e-5},
    )
    x = obj.positions(obj.unpack(res.x)[0])
    b, c1, c2 = obj.items(res.x)
    fb, fc1, flg = (obj.unpack(res.x)[i] for i in (1, 2, 3))
    rot = _rotation(d, x)
    return Fit(
        design=d,
        x=x @ rot,
        b=b @ rot,
        c1=c1,
        c2=c2,
        fam_b=fb @ rot,
        fam_c1=fc1,
        fam_c2=fc1 + np.exp(flg),
        objective=float(res.fun),
        seconds=time.process_time() - t0,
        raw=tuple(np.array(p) for p in obj.unpack(res.x)),
    )


def _rotation(d: Design, x: F) -> F:
    """Orthogonal rotation to the principal axes; signs: USA > 0 on dim 1, China > 0 on dim 2
    in their latest year (a dimension that cannot be signed by these keeps its sign)."""
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    rot: F = vt.T.copy()
    y = x @ rot
    iso = np.asarray(d.sy_iso3)
    for q, anchor in enumerate(("USA", "CHN")[: x.shape[1]]):
        rows = np.flatnonzero(iso == anchor)
        if len(rows) and y[rows[-1], q] < 0:
            rot[:, q] *= -1
    return rot


def item_table(ft: Fit, rcids: list[int]) -> pd.DataFrame:
    """Fitted parameters of the given roll calls (rcid, short, family, b1..bK, c1, c2)."""
    items = ft.design.items.reset_index(drop=True)
    pos = items.index[items["rcid"].isin(rcids)]
    out = items.loc[pos, ["rcid", "year", "short", "family"]].copy()
    for q in range(ft.b.shape[1]):
        out[f"b{q + 1}"] = ft.b[pos, q]
    out["c1"], out["c2"] = ft.c1[pos], ft.c2[pos]
    return out.reset_index(drop=True)


def subsample(
    rc: RollCalls,
    *,
    caps: tuple[tuple[int, int], ...] = CAPS,
    seed: int = SEED,
    keep_from: str | None = None,
) -> RollCalls:
    """At most ``cap`` roll calls in a calendar year before ``until`` for each ``(until, cap)``
    (a seeded sample, the same for every fit); every roll call after the last ``until``, and
    every roll call dated on or after ``keep_from`` (ISO date; a case's window, whose roll calls
    need their own items). This cuts the fit to a third of the votes (the machine is shared); the
    early decades anchor the series, the recent years carry the families that predict new roll
    calls."""
    calls = rc.calls
    rng = np.random.default_rng(seed)
    keep = np.ones(len(calls), bool)
    for year, rows in calls.groupby("year").indices.items():
        per_year = next((cap for until, cap in caps if int(str(year)) < until), len(rows))
        if len(rows) > per_year:
            drop = rng.permutation(len(rows))[per_year:]
            keep[rows[drop]] = False
    if keep_from is not None:
        keep |= (calls["date"] >= keep_from).to_numpy()
    kept = calls[keep]
    votes = rc.votes[rc.votes["rcid"].isin(kept["rcid"])]
    return RollCalls(votes=votes.reset_index(drop=True), calls=kept.reset_index(drop=True))


def training_data(rc: RollCalls, *, last_date: str, drop_rcids: tuple[int, ...] = ()) -> RollCalls:
    """Roll calls dated up to ``last_date`` (ISO date), without ``drop_rcids``."""
    calls = rc.calls[(rc.calls["date"] <= last_date) & ~rc.calls["rcid"].isin(drop_rcids)]
    votes = rc.votes[rc.votes["rcid"].isin(calls["rcid"])]
    return RollCalls(votes=votes.reset_index(drop=True), calls=calls.reset_index(drop=True))


def main() -> None:
    rc = load_roll_calls()
    train = training_data(subsample(rc), last_date="2023-12-31", drop_rcids=(10004,))
    ft = fit(build_design(train), k=K)
    pos = ft.positions().round(4)
    pos.to_csv(POSITIONS_FILE, index=False, lineterminator="\n", float_format="%.4f")
    ref = [10001, 10005, 10006, *rc.calls.loc[rc.calls["year"].between(2018, 2019), "rcid"]]
    items = item_table(ft, ref)
    items.to_csv(ITEMS_FILE, index=False, lineterminator="\n", float_format="%.4f")
    print(
        f"{len(pos)} state-years, {len(items)} reference items, objective {ft.objective:.1f}, "
        f"{ft.seconds:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
