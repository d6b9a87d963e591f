"""Out-of-sample test of the ordinal ideal-point vote model on UN roll calls (ODD 7.8; issue 12).

Test 1: fit on every roll call up to 2017-12-31; predict every recorded vote of 2018-2019.
Test 2: fit up to 2022-03-31 (ES-11/1 of 2 March 2022 included, ES-11/4, 5, 6 not); predict the
recorded votes of ES-11/4, ES-11/5 and ES-11/6.

A new roll call's item parameters never come from its own votes:
- test 1: a roll call whose normalized title (``builds.un_roll_calls.normalized_title``) is the
  title of a *family* of earlier plain resolutions gets that family's fitted parameters; any other
  gets the fitted parameters of its most similar earlier roll call (TF-IDF cosine of title and
  description against every training roll call; ties go to the latest);
- test 2: ES-11/1's fitted parameters (the war's only earlier roll call; ES-11/4, 5 and 6 are
  all texts of the same emergency session on the same aggression).
A state's position is its fitted position in its last training year (the random walk's forecast).

Baselines, on the same votes: (a) each state votes as on the *reference* roll call (test 1: the
latest training roll call of the family, else the most similar one as above; test 2: ES-11/1),
with probabilities from the confusion matrix P(vote | vote on reference) measured on the training
data's last year (its roll calls against their references among the earlier years, same rule) and
the reference's vote shares for a state that did not vote on it; (b) the same model with one
dimension. Absent states are not predicted (the model is conditional on voting). In the ES-11
data ``A_or_X`` (ES-11/5: abstained or absent) is scored as an abstention, and ES-11/4 and
ES-11/6 have partial lists (only states named in the sources): both are reported as such.

Writes experiments/results/votes_oos_summary.csv, votes_oos_by_rollcall.csv and votes_oos_run.json.
Run: ``python experiments/votes_out_of_sample.py`` (about 10 minutes of CPU on one core).
"""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import numpy as np
import pandas as pd
from common import RESULTS
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer

from agents.rules.votes import (
    VoteCode,
    follow_patron,
    ordinal_vote_probabilities,
    persist_on_reference,
)
from builds.ideal_points import Design, Fit, build_design, fit, subsample, training_data
from builds.patrons import fit_patron_weights, patron_covariates, patron_rows_and_weights
from builds.un_roll_calls import RollCalls, load_roll_calls, normalized_title

EPS = 1e-9
CATS = (VoteCode.YES, VoteCode.NO, VoteCode.ABSTAIN)


def _texts(calls: pd.DataFrame) -> pd.Series:
    return (calls["short"].fillna("") + " " + calls["descr"].fillna("")).map(normalized_title)


def references(train_calls: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """For every target roll call: the family (when its title is one) and the reference rcid."""
    fam_title = train_calls["short"].map(normalized_title)
    plain = train_calls["amend"].isin(["0", ""]) & train_calls["para"].isin(["0", ""])
    latest = (
        train_calls[plain]
        .assign(t=fam_title[plain])
        .sort_values(["date", "rcid"])
        .groupby("t")["rcid"]
        .last()
    )
    vec = TfidfVectorizer(min_df=1, sublinear_tf=True)
    train_m = vec.fit_transform(_texts(train_calls))
    target_m = vec.transform(_texts(targets))
    sim = (target_m @ train_m.T).toarray()
    order = np.argsort(train_calls["date"].to_numpy(), kind="stable")
    rows = []
    for i, title in enumerate(targets["short"].map(normalized_title)):
        if title in latest.index:
            rows.append(("family", "t:" + title, int(latest[title])))
            continue
        s = sim[i, order]
        best = order[len(s) - 1 - int(np.argmax(s[::-1]))]  # the latest of the most similar
        rows.append(("similar", "", int(train_calls["rcid"].iloc[best])))
    return pd.DataFrame(rows, columns=["method", "family", "ref_rcid"], index=targets.index)


def positions_at(ft: Fit, year: int) -> pd.DataFrame:
    """Each state's fitted position in its last year up to ``year`` (the random walk's
    forecast for later years)."""
    pos = ft.positions()
    return pos[pos["year"] <= year].sort_values("year").groupby("iso3").last()


def model_probabilities(
    ft: Fit,
    pos: pd.DataFrame,
    refs: pd.DataFrame,
    votes: pd.DataFrame,
    calib: dict[str, float],
    ref_votes: pd.Series | None = None,
    patrons: pd.DataFrame | None = None,
    weights: dict[str, float] | None = None,
) -> np.ndarray:
    """P(yes, no, abstain) ``(n, 3)`` of every vote in ``votes`` (rcid, iso3).

    A target's item parameters are its reference roll call's fitted ones (``refs``: rcid ->
    ref_rcid, method), multiplied by the temperature ``calib['temp_<method>']`` fitted on the
    training data (:func:`calibrate`). With ``ref_votes`` ((rcid, iso3) -> vote), the
    persistence variant mixes in the state's vote on the reference with weight
    ``calib['rho_<method>']``. With ``patrons`` and ``weights``, each client's probabilities are
    pulled towards its patron's (``agents.rules.votes.follow_patron``)."""
    x_all = pos[[f"dim{q + 1}" for q in range(ft.x.shape[1])]].to_numpy()
    states = pos.index.to_numpy()
    item_index = pd.Series(np.arange(len(ft.design.items)), index=ft.design.items["rcid"])
    row_of = pd.Series(np.arange(len(states)), index=states)
    patron_idx, weight = np.full(len(states), -1), np.zeros(len(states))
    if patrons is not None and weights is not None:
        patron_idx, weight = patron_rows_and_weights(
            list(states),
            patrons,
            weights["per_aid_share"],
            weights["per_compact"],
            weights["per_defence_pact"],
        )
    ref_rcid = dict(zip(refs["rcid"], refs["ref_rcid"], strict=True))
    ref_method = dict(zip(refs["rcid"], refs["method"], strict=True))
    out = np.empty((len(votes), 3))
    for rcid, rows in votes.groupby("rcid").indices.items():
        ref, method = ref_rcid[rcid], str(ref_method[rcid])
        method = "family" if method == "explicit" else method
        j = item_index[ref]
        t = calib[f"temp_{method}"]
        p_all = ordinal_vote_probabilities(x_all, t * ft.b[j], t * ft.c1[j], t * ft.c2[j])
        p_all = follow_patron(p_all, patron_idx, weight)
        p = p_all[row_of[votes["iso3"].to_numpy()[rows]].to_numpy()]
        if ref_votes is not None:
            then = ref_votes.reindex(
                list(zip([ref] * len(rows), votes["iso3"].to_numpy()[rows], strict=True))
            ).to_numpy()
            then = np.where(np.isnan(then), -1, then).astype(np.int64)
            p = persist_on_reference(p, then, calib[f"rho_{method}"])
        out[rows] = p
    return out


def _calib_nll(
    t: float,
    rho: float,
    ft: Fit,
    pos: pd.DataFrame,
    refs: pd.DataFrame,
    votes: pd.DataFrame,
    y: np.ndarray,
    method: str,
    ref_votes: pd.Series,
) -> float:
    c = {f"temp_{method}": t, f"rho_{method}": rho}
    p = model_probabilities(ft, pos, refs, votes, c, ref_votes if rho > 0 else None)
    return score(p, y)[1] if len(y) else 0.0


def calibrate(ft: Fit, train: RollCalls, year: int, ref_votes: pd.Series) -> dict[str, float]:
    """Temperature and persistence weight per reference method, by maximum likelihood on the
    training roll calls of ``year`` predicted from positions of ``year - 1`` and their references
    among the earlier training roll calls (the same rule as for the targets)."""
    calls = train.calls
    targets = calls[calls["year"] == year].reset_index(drop=True)
    refs = references(calls[calls["year"] < year].reset_index(drop=True), targets)
    refs["rcid"] = targets["rcid"].to_numpy()
    votes = train.votes[train.votes["rcid"].isin(targets["rcid"])].reset_index(drop=True)
    pos = positions_at(ft, year - 1)
    votes = votes[votes["iso3"].isin(pos.index)].reset_index(drop=True)
    y = votes["vote"].to_numpy()
    method_of = votes["rcid"].map(refs.set_index("rcid")["method"]).to_numpy()
    out: dict[str, float] = {}
    for method in ("family", "similar"):
        sel = method_of == method
        part = (ft, pos, refs, votes[sel], y[sel], method, ref_votes)
        t = minimize_scalar(_calib_nll, args=(0.0, *part), bounds=(0.05, 3.0), method="bounded").x
        rho = minimize_scalar(
            lambda r, t=t, part=part: _calib_nll(t, r, *part), bounds=(1e-4, 0.99), method="bounded"
        ).x
        out[f"temp_{method}"] = round(float(t), 4)
        out[f"rho_{method}"] = round(float(rho), 4)
        out[f"votes_{method}"] = int(sel.sum())
    return out


def confusion(rc: RollCalls, year: int) -> np.ndarray:
    """P(vote | vote on the reference) ``(3, 3)`` (vote-code order) measured on the roll calls of
    ``year`` against their references among the roll calls before ``year`` (add-one smoothing)."""
    before = rc.calls[rc.calls["year"] < year].reset_index(drop=True)
    targets = rc.calls[rc.calls["year"] == year].reset_index(drop=True)
    refs = references(before, targets)
    v = rc.votes.set_index(["rcid", "iso3"])["vote"]
    counts = np.ones((3, 3))
    for rcid, ref in zip(targets["rcid"], refs["ref_rcid"], strict=True):
        now = rc.votes[rc.votes["rcid"] == rcid]
        then = v.reindex(list(zip([ref] * len(now), now["iso3"], strict=True))).to_numpy()
        ok = ~np.isnan(then)
        np.add.at(counts, (then[ok].astype(int), now["vote"].to_numpy()[ok]), 1)
    out: np.ndarray = counts / counts.sum(axis=1, keepdims=True)
    return out


def copy_baseline(
    rc: RollCalls, votes: pd.DataFrame, ref_of: dict[int, int], conf: np.ndarray
) -> np.ndarray:
    """Baseline (a): the state's vote on the reference, through the confusion matrix."""
    v = rc.votes.set_index(["rcid", "iso3"])["vote"]
    out = np.empty((len(votes), 3))
    for rcid, rows in votes.groupby("rcid").indices.items():
        ref = ref_of[int(str(rcid))]
        on_ref = rc.votes[rc.votes["rcid"] == ref]["vote"].to_numpy()
        shares = (np.bincount(on_ref, minlength=3)[:3] + 1.0) / (len(on_ref) + 3.0)
        then = v.reindex(
            list(zip([ref] * len(rows), votes["iso3"].to_numpy()[rows], strict=True))
        ).to_numpy()
        p = np.tile(shares, (len(rows), 1))
        ok = ~np.isnan(then)
        p[ok] = conf[then[ok].astype(int)]
        out[rows] = p
    return out


def score(p: np.ndarray, vote: np.ndarray) -> tuple[float, float]:
    """(accuracy of the most probable vote, mean log-loss)."""
    acc = float(np.mean(np.argmax(p, axis=1) == vote))
    ll = float(-np.mean(np.log(np.clip(p[np.arange(len(vote)), vote], EPS, 1.0))))
    return acc, ll


def _fit_cached(design: Design, k: int, warm: Fit | None, last_date: str) -> Fit:
    """``fit``; with the environment variable VOTES_OOS_CACHE set to a folder, fits are pickled
    there and reused (development only: the committed results are from a fresh run)."""
    folder = os.environ.get("VOTES_OOS_CACHE")
    path = Path(folder) / f"fit_{last_date}_{k}d.pkl" if folder else None
    if path is not None and path.exists():
        with open(path, "rb") as f:
            cached: Fit = pickle.load(f)
        return cached
    ft = fit(design, k=k, warm=warm)
    if path is not None:
        with open(path, "wb") as f:
            pickle.dump(ft, f)
    return ft


def run_test(
    name: str,
    rc_all: RollCalls,
    rc_fit: RollCalls,
    last_date: str,
    targets: pd.DataFrame,
    fixed_ref: int | None,
    conf_year: int,
    warm: dict[int, Fit],
    patron_year: int,
    weight_year: int,
) -> tuple[list[dict[str, object]], pd.DataFrame, dict[int, Fit], dict[str, object]]:
    train = training_data(rc_fit, last_date=last_date)
    design = build_design(train)
    fits = {k: _fit_cached(design, k, warm.get(k), last_date) for k in (2, 1)}
    if fixed_ref is None:
        refs = references(train.calls, targets)
    else:
        refs = pd.DataFrame(
            {"method": "explicit", "family": "", "ref_rcid": fixed_ref}, index=targets.index
        )
    votes = rc_all.votes[rc_all.votes["rcid"].isin(targets["rcid"])].reset_index(drop=True)
    votes = votes[votes["iso3"].isin(set(design.sy_iso3))].reset_index(drop=True)
    conf = confusion(training_data(rc_all, last_date=last_date), conf_year)
    ref_of = dict(zip(targets["rcid"], refs["ref_rcid"], strict=True))
    refs = refs.assign(rcid=targets["rcid"].to_numpy())
    patrons = patron_covariates(sorted(set(design.sy_iso3)), patron_year)
    weights = fit_patron_weights(fits[2], patrons, weight_year)
    ref_votes = rc_all.votes.set_index(["rcid", "iso3"])["vote"]
    calib = {k: calibrate(fits[k], train, conf_year, ref_votes) for k in (2, 1)}
    pos = {k: positions_at(fits[k], 9999) for k in (2, 1)}
    args = {k: (fits[k], pos[k], refs, votes, calib[k]) for k in (2, 1)}
    probs = {
        "model_2d": model_probabilities(*args[2]),
        "model_2d_patron": model_probabilities(*args[2], None, patrons, weights),
        "model_2d_persistence": model_probabilities(*args[2], ref_votes),
        "model_1d": model_probabilities(*args[1]),
        "model_1d_persistence": model_probabilities(*args[1], ref_votes),
        "copy_reference": copy_baseline(rc_all, votes, ref_of, conf),
    }
    y = votes["vote"].to_numpy()
    rows: list[dict[str, object]] = []
    per_rc = []
    for model, p in probs.items():
        acc, ll = score(p, y)
        rows.append(
            {
                "test": name,
                "model": model,
                "votes": len(y),
                "roll_calls": int(votes["rcid"].nunique()),
                "accuracy": acc,
                "log_loss": ll,
            }
        )
        for rcid, idx in votes.groupby("rcid").indices.items():
            a, lo = score(p[idx], y[idx])
            per_rc.append(
                {
                    "test": name,
                    "rcid": rcid,
                    "model": model,
                    "votes": len(idx),
                    "accuracy": a,
                    "log_loss": lo,
                }
            )
    by_rc = pd.DataFrame(per_rc).merge(
        targets[["rcid", "date", "unres", "short"]].assign(
            reference=refs["ref_rcid"].to_numpy(), method=refs["method"].to_numpy()
        ),
        on="rcid",
    )
    details: dict[str, object] = {"patron_weights": weights}
    details.update({f"calibration_{k}d": v for k, v in calib.items()})
    return rows, by_rc, fits, details


def main() -> None:
    t0 = time.process_time()
    rc_all = load_roll_calls()
    rc_fit = subsample(rc_all)
    calls = rc_all.calls
    t1 = calls[calls["year"].between(2018, 2019)].reset_index(drop=True)
    rows1, by1, fits1, w1 = run_test(
        "2018-2019 roll calls", rc_all, rc_fit, "2017-12-31", t1, None, 2017, {}, 2017, 2017
    )
    t2 = calls[calls["rcid"].isin([10004, 10005, 10006])].reset_index(drop=True)
    rows2, by2, _, w2 = run_test(
        "ES-11/4, 5, 6", rc_all, rc_fit, "2022-03-31", t2, 10001, 2019, fits1, 2021, 2019
    )
    RESULTS.mkdir(exist_ok=True)
    summary = pd.DataFrame(rows1 + rows2)
    summary.to_csv(
        RESULTS / "votes_oos_summary.csv", index=False, float_format="%.4f", lineterminator="\n"
    )
    pd.concat([by1, by2]).to_csv(
        RESULTS / "votes_oos_by_rollcall.csv", index=False, float_format="%.4f", lineterminator="\n"
    )
    run = {
        "command": "python experiments/votes_out_of_sample.py",
        "fitted_on_training_data": {"2018-2019 roll calls": w1, "ES-11/4, 5, 6": w2},
        "es11_notes": "ES-11/4: only the 14 states the sources name (5 no, 9 abstain); "
        "ES-11/5: A_or_X scored as abstain; ES-11/6: partial lists",
        "beats_both_on_log_loss": {
            variant: {
                test: bool(
                    g.set_index("model").loc[variant, "log_loss"]
                    < g.set_index("model").loc[["model_1d", "copy_reference"], "log_loss"].min()
                )
                for test, g in summary.groupby("test")
            }
            for variant in ("model_2d", "model_2d_patron", "model_2d_persistence")
        },
        # like for like: the engine's rule against the same rule in one dimension
        "persistence_2d_beats_persistence_1d": {
            test: bool(
                g.set_index("model").loc["model_2d_persistence", "log_loss"]
                < g.set_index("model").loc["model_1d_persistence", "log_loss"]
            )
            for test, g in summary.groupby("test")
        },
    }
    (RESULTS / "votes_oos_run.json").write_text(json.dumps(run, indent=1) + "\n")
    print(summary.to_string(index=False))
    fits_cpu = {f"{k}d": round(f.seconds) for k, f in fits1.items()}
    print(f"CPU: {time.process_time() - t0:.0f} s in this process; fits (2017): {fits_cpu}")
    print(json.dumps(run, indent=1))


if __name__ == "__main__":
    main()
