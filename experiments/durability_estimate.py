"""How cease-fires break down over time, and what peacekeepers change (ODD 7.7, inputs).

Estimates, from the copies of data in ``scenarios/sources/durability/`` (README there):

1. **Fortna's cease-fire spells** (civil wars, cease-fires 1947-1999, censored 31 Dec 2004;
   time-varying peacekeeping, so each spell is split where a mission arrives or leaves and the
   pieces enter the likelihood left-truncated at their start):
   - a Weibull model of the time to renewed war (lifelines ``WeibullFitter``): its shape says
     whether risk is highest early (shape < 1) or not;
   - a Weibull AFT model with the peacekeeping dummy (``WeibullAFTFitter``): the time ratio
     ``exp(beta)`` and the hazard ratio ``exp(-beta * shape)``, with 95% intervals from a
     bootstrap over conflicts (seeded: the experiments' root seed);
   - a check by Cox regression with time-varying peacekeeping (``CoxTimeVaryingFitter``) and a
     Kaplan-Meier estimate (left-truncated) of the share failing within 3, 12 and 36 months.
2. **UCDP conflict termination, dyad level** (v3-2021): dyad episodes that ended in a cease-fire
   or a peace agreement, time from the episode's end to the start of the dyad's next episode
   (recurrence at UCDP's 25-deaths threshold, lower than Fortna's war); right-censored at
   31 Dec 2020; interval-censored over the calendar year where UCDP knows the restart only to the
   year or worse. Interstate dyads (type 2) are the closest analogue of the scenario; all dyads
   are shown beside them.

Published interstate figures are quoted beside these in ``durability_estimate.json`` (``published``)
with where each was read. Run ``python experiments/durability_estimate.py``; a re-run rewrites the
same bytes.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from experiments.common import ROOT, SEED, save_png, write_csv, write_json

SOURCES = ROOT / "scenarios" / "sources" / "durability"
FORTNA = SOURCES / "fortna_peacekeeping_ceasefires.csv"
UCDP = SOURCES / "ucdp_termination_dyad_v3_2021.csv"
DAYS_PER_MONTH = 365.25 / 12
MONTHS = (3, 12, 36)
Z95 = 1.959963984540054
UCDP_END = pd.Timestamp("2020-12-31")  # last day covered by Conflict Termination v3-2021
# Controls as in Fortna's models of the duration of peace (ISQ 2004; Does Peacekeeping Work?
# 2008, ch. 5), those with no missing values: decisive victory, a settlement (treaty), log
# deaths, war duration in years, more than two factions. FULL_CONTROLS adds ethnic war (Fearon),
# Polity at the war's start and life expectancy (fewer cases: missing values).
CONTROLS = ("victory", "treaty", "logdead", "wardur", "faction")
FULL_CONTROLS = (*CONTROLS, "Fethwar", "polityst", "lifes")
BOOTSTRAP = 100  # conflict-level resamples for the AFT intervals
EXACT_PRECISION = 3  # UCDP start_prec2 1-3: day to month known; 4+: treat as the calendar year

PUBLISHED: list[dict[str, str]] = [
    {
        "figure": "almost half of the international wars since World War II were followed by "
        "renewed fighting between at least one pair of belligerents",
        "source": "Fortna, V. P. (2004). Peace Time: Cease-Fire Agreements and the Durability of "
        "Peace. Princeton University Press, ch. 1, p. 1 (sample chapter, "
        "http://press.princeton.edu/chapters/i7763.html)",
        "sample": "interstate cease-fires 1946-1998",
    },
    {
        "figure": "the first Arab-Israeli truce (July 1948) lasted three months; the 1949 "
        "armistices held for years; the 1953 Korean armistice has held",
        "source": "Fortna 2004, Peace Time, ch. 1, p. 1 (same page)",
        "sample": "examples, interstate",
    },
    {
        "figure": "demilitarized zones, explicit third-party guarantees, peacekeeping and joint "
        "commissions lengthen the duration of peace (hazard analysis, controls for the "
        "decisiveness of victory, cost of war, relative capabilities)",
        "source": "Fortna, V. P. (2003). Scraps of Paper? Agreements and the Durability of Peace. "
        "International Organization 57(2): 337-372, abstract "
        "(https://ideas.repec.org/a/cup/intorg/v57y2003i02p337-372_57.html)",
        "sample": "interstate wars ending 1946-1997",
    },
    {
        "figure": "peacekeeping helps even the most deadly adversaries avoid renewed war "
        "(duration analysis with selection effects taken into account)",
        "source": "Fortna, V. P. (2004). Interstate Peacekeeping: Causal Mechanisms and "
        "Empirical Effects. World Politics 56(4): 481-519, abstract p. 481 "
        "(https://docslib.org/doc/6270558/interstate-peacekeeping-causal-mechanisms-and-"
        "empirical-effects)",
        "sample": "interstate cease-fires 1946-1998",
    },
]
NOT_FOUND = (
    "The published interstate shares failing within 3, 12 and 36 months and the interstate "
    "peacekeeping hazard ratio (Fortna 2003 IO tables; Peace Time ch. 4; World Politics 2004 "
    "tables) could not be read in the reference corpus available to this project (only the "
    "articles' opening pages are stored); none is quoted from memory."
)


# --- Fortna: cease-fire spells ---------------------------------------------------------------


def fortna_spells() -> pd.DataFrame:
    """Counting-process rows (one per spell piece) in months, excluding the case Fortna marks as
    questionable (``drop == 1``); Cyprus' UN mission (UNFICYP) is counted as UN peacekeeping,
    since the file's ``UNpk_dum`` is 0 there only because ``pkwho`` is missing (README)."""
    d = pd.read_csv(FORTNA)
    d = d[d["drop"] < 1].copy()
    d["start"] = d["_t0"] / DAYS_PER_MONTH
    d["stop"] = d["_t"] / DAYS_PER_MONTH
    d["event"] = d["_d"].astype(int)
    d["pk"] = d["pk_dum"].astype(int)
    un = d["UNpk_dum"].astype(int)
    d["un_pk"] = np.where(d["cname"].str.startswith("Cyprus"), d["pk"], un)
    cols = ["id", "cluster", "cname", "start", "stop", "event", "pk", "un_pk", *FULL_CONTROLS]
    return d[cols].sort_values(["id", "start"]).reset_index(drop=True)


def _log_scale_ci(scale: float, se: float) -> dict[str, float]:
    """The scale with a 95% interval built on the log scale (delta method), so it stays > 0."""
    half = Z95 * se / scale
    return {
        "scale_months": scale,
        "scale_lo": scale * np.exp(-half),
        "scale_hi": scale * np.exp(half),
    }


def _weibull_marginal(df: pd.DataFrame) -> dict[str, float]:
    from lifelines import WeibullFitter

    wf = WeibullFitter().fit(df["stop"], df["event"], entry=df["start"])
    s = wf.summary
    return {
        "shape": float(wf.rho_),
        "shape_lo": float(s.loc["rho_", "coef lower 95%"]),
        "shape_hi": float(s.loc["rho_", "coef upper 95%"]),
        **_log_scale_ci(float(wf.lambda_), float(s.loc["lambda_", "se(coef)"])),
    }


def _aft_fit(df: pd.DataFrame, covariate: str, controls: tuple[str, ...]) -> tuple[float, ...]:
    """Weibull AFT, log(lambda) = b0 + b1 x + controls, log(rho) = c0. Returns (log lambda
    without x at the controls' means, b1, c0)."""
    from lifelines import WeibullAFTFitter

    data = df[["start", "stop", "event", covariate, *controls]]
    aft = WeibullAFTFitter().fit(data, "stop", "event", entry_col="start")
    p = aft.params_
    log_scale = float(p.loc[("lambda_", "Intercept")]) + sum(
        float(p.loc[("lambda_", c)]) * float(data[c].mean()) for c in controls
    )
    return log_scale, float(p.loc[("lambda_", covariate)]), float(p.loc[("rho_", "Intercept")])


def _weibull_aft(df: pd.DataFrame, covariate: str, controls: tuple[str, ...]) -> dict[str, float]:
    """Point estimates, and 95% percentile intervals from a bootstrap that resamples whole
    conflicts (Fortna's ``cluster``: cease-fires of one conflict are not independent)."""
    df = df.dropna(subset=list(controls))
    b0, b1, c0 = _aft_fit(df, covariate, controls)
    rng = np.random.default_rng(SEED)
    clusters = df["cluster"].unique()
    by_cluster = {c: g for c, g in df.groupby("cluster")}
    draws = []
    for _ in range(BOOTSTRAP):
        pick = rng.choice(clusters, size=len(clusters), replace=True)
        sample = pd.concat([by_cluster[c] for c in pick], ignore_index=True)
        if sample[covariate].nunique() < 2:
            continue
        draws.append(_aft_fit(sample, covariate, controls))
    d = np.array(draws)
    rho_d = np.exp(d[:, 2])
    tr_d = np.exp(d[:, 1])
    hr_d = np.exp(-d[:, 1] * rho_d)
    rho = float(np.exp(c0))

    def ci(x: np.ndarray) -> tuple[float, float]:
        lo, hi = np.percentile(x, [2.5, 97.5])
        return float(lo), float(hi)

    return {
        "shape": rho,
        "shape_lo": ci(rho_d)[0],
        "shape_hi": ci(rho_d)[1],
        "scale_months_without": float(np.exp(b0)),
        "scale_months_with": float(np.exp(b0 + b1)),
        "time_ratio": float(np.exp(b1)),
        "time_ratio_lo": ci(tr_d)[0],
        "time_ratio_hi": ci(tr_d)[1],
        "hazard_ratio": float(np.exp(-b1 * rho)),
        "hazard_ratio_lo": ci(hr_d)[0],
        "hazard_ratio_hi": ci(hr_d)[1],
        "bootstrap_resamples": len(draws),
        "ceasefires": int(df["id"].nunique()),
        "failures": int(df["event"].sum()),
    }


def _cox(df: pd.DataFrame, covariate: str, controls: tuple[str, ...]) -> dict[str, float]:
    from lifelines import CoxTimeVaryingFitter

    data = df[["id", "start", "stop", "event", covariate, *controls]].dropna()
    ctv = CoxTimeVaryingFitter().fit(
        data, id_col="id", start_col="start", stop_col="stop", event_col="event"
    )
    s = ctv.summary.loc[covariate]
    return {
        "hazard_ratio": float(s["exp(coef)"]),
        "hazard_ratio_lo": float(s["exp(coef) lower 95%"]),
        "hazard_ratio_hi": float(s["exp(coef) upper 95%"]),
        "ceasefires": int(data["id"].nunique()),
        "failures": int(data["event"].sum()),
    }


def _km_shares(durations: Any, events: Any, entry: Any = None) -> list[dict[str, float]]:
    from lifelines import KaplanMeierFitter

    km = KaplanMeierFitter().fit(durations, events, entry=entry)
    ci = km.confidence_interval_survival_function_
    rows = []
    for m in MONTHS:
        s = float(km.survival_function_at_times(m).iloc[0])
        idx = ci.index[ci.index <= m]
        lo_s, hi_s = ci.loc[idx[-1]].to_numpy() if len(idx) else (1.0, 1.0)
        rows.append({"months": m, "share": 1 - s, "lo": 1 - float(hi_s), "hi": 1 - float(lo_s)})
    return rows


def weibull_share(months: float, shape: float, scale: float) -> float:
    """Share failing within ``months`` under a Weibull: ``1 - exp(-(t/scale)^shape)``."""
    return float(1.0 - np.exp(-((months / scale) ** shape)))


# --- UCDP: recurrence after cease-fires and agreements ---------------------------------------


def ucdp_episodes() -> pd.DataFrame:
    """One row per dyad episode that ended in a peace agreement (1) or a cease-fire (2), with the
    interval (in months after the episode's end) in which the dyad's next episode began."""
    d = pd.read_csv(UCDP, low_memory=False)
    d["end"] = pd.to_datetime(d["ependdate"], format="%m/%d/%y", errors="coerce")
    d["restart"] = pd.to_datetime(d["start_date2"], format="%m/%d/%y", errors="coerce")
    # two-digit years: UCDP v3-2021 covers 1946-2020, so 46-99 are 19xx
    for c in ("end", "restart"):
        wrong = d[c].dt.year > 2021
        d.loc[wrong, c] = d.loc[wrong, c] - pd.DateOffset(years=100)
    first = d.sort_values("year").groupby(["dyad_id", "dyadepisode"], as_index=False).first()
    nxt = first[["dyad_id", "dyadepisode", "restart", "start_prec2"]].copy()
    nxt["dyadepisode"] -= 1  # the next episode, keyed on the one before it
    ends = d[(d["dyadterm"] == 1) & d["outcome"].isin([1, 2]) & d["end"].notna()]
    ep = ends.merge(nxt, on=["dyad_id", "dyadepisode"], how="left", suffixes=("", "_next"))
    rows = []
    for r in ep.itertuples():
        if pd.isna(r.restart_next):
            lo = (UCDP_END - r.end).days / DAYS_PER_MONTH
            rows.append((r.dyad_id, r.type_of_conflict, int(r.outcome), lo, np.inf, 0))
            continue
        when = r.restart_next
        if r.start_prec2_next <= EXACT_PRECISION:
            lo_d, hi_d = when, when
        else:  # known to the year (or worse): anywhere in that calendar year, after the end
            lo_d = max(pd.Timestamp(year=when.year, month=1, day=1), r.end)
            hi_d = pd.Timestamp(year=when.year, month=12, day=31)
        lo = max((lo_d - r.end).days, 1) / DAYS_PER_MONTH
        hi = max((hi_d - r.end).days, 1) / DAYS_PER_MONTH
        rows.append((r.dyad_id, r.type_of_conflict, int(r.outcome), lo, max(hi, lo), 1))
    cols = ["dyad_id", "type_of_conflict", "outcome", "lower", "upper", "event"]
    return pd.DataFrame(rows, columns=cols)


def _interval_fit(ep: pd.DataFrame) -> dict[str, float]:
    from lifelines import WeibullFitter

    wf = WeibullFitter().fit_interval_censoring(ep["lower"], ep["upper"])
    s = wf.summary
    return {
        "shape": float(wf.rho_),
        "shape_lo": float(s.loc["rho_", "coef lower 95%"]),
        "shape_hi": float(s.loc["rho_", "coef upper 95%"]),
        **_log_scale_ci(float(wf.lambda_), float(s.loc["lambda_", "se(coef)"])),
    }


def _bounds(ep: pd.DataFrame, m: int) -> tuple[float, float]:
    """Non-parametric bounds on the share failing within m months among episodes observed for
    at least m months: restarts surely by m (upper <= m) and possibly by m (lower <= m)."""
    seen = ep[(ep["event"] == 1) | (ep["lower"] >= m)]
    n = len(seen)
    sure = int(((seen["event"] == 1) & (seen["upper"] <= m)).sum())
    maybe = int(((seen["event"] == 1) & (seen["lower"] <= m)).sum())
    return sure / n, maybe / n


# --- assembling the results ------------------------------------------------------------------


def estimate() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    spells = fortna_spells()
    n_spells, n_events = int(spells["id"].nunique()), int(spells["event"].sum())
    marginal = _weibull_marginal(spells)
    aft = {
        "aft_pk_unadjusted": _weibull_aft(spells, "pk", ()),
        "aft_pk_adjusted": _weibull_aft(spells, "pk", CONTROLS),
    }
    cox = {
        "cox_pk_unadjusted": _cox(spells, "pk", ()),
        "cox_pk_adjusted": _cox(spells, "pk", CONTROLS),
        "cox_pk_full_controls": _cox(spells, "pk", FULL_CONTROLS),
        "cox_un_pk_adjusted": _cox(spells, "un_pk", CONTROLS),
    }
    pk = aft["aft_pk_adjusted"]
    eps = ucdp_episodes()
    inter = eps[eps["type_of_conflict"] == 2]
    fits = {"ucdp_interstate": _interval_fit(inter), "ucdp_all": _interval_fit(eps)}

    models = [
        _row(
            "fortna_civil",
            "weibull",
            "shape",
            marginal["shape"],
            marginal["shape_lo"],
            marginal["shape_hi"],
            n_spells,
            n_events,
            "1",
        ),
        _row(
            "fortna_civil",
            "weibull",
            "scale_months",
            marginal["scale_months"],
            marginal["scale_lo"],
            marginal["scale_hi"],
            n_spells,
            n_events,
            "months",
        ),
    ]
    for model, res in aft.items():
        n, ev = res["ceasefires"], res["failures"]
        models += [
            _row(
                "fortna_civil",
                model,
                "shape",
                res["shape"],
                res["shape_lo"],
                res["shape_hi"],
                n,
                ev,
                "1",
            ),
            _row(
                "fortna_civil",
                model,
                "scale_months_without_pk",
                res["scale_months_without"],
                np.nan,
                np.nan,
                n,
                ev,
                "months",
            ),
            _row(
                "fortna_civil",
                model,
                "time_ratio",
                res["time_ratio"],
                res["time_ratio_lo"],
                res["time_ratio_hi"],
                n,
                ev,
                "ratio",
            ),
            _row(
                "fortna_civil",
                model,
                "hazard_ratio",
                res["hazard_ratio"],
                res["hazard_ratio_lo"],
                res["hazard_ratio_hi"],
                n,
                ev,
                "ratio",
            ),
        ]
    for model, res in cox.items():
        models.append(
            _row(
                "fortna_civil",
                model,
                "hazard_ratio",
                res["hazard_ratio"],
                res["hazard_ratio_lo"],
                res["hazard_ratio_hi"],
                res["ceasefires"],
                res["failures"],
                "ratio",
            )
        )
    for sample, ep in (("ucdp_interstate", inter), ("ucdp_all", eps)):
        f = fits[sample]
        n, ev = len(ep), int(ep["event"].sum())
        models += [
            _row(
                sample,
                "weibull_interval",
                "shape",
                f["shape"],
                f["shape_lo"],
                f["shape_hi"],
                n,
                ev,
                "1",
            ),
            _row(
                sample,
                "weibull_interval",
                "scale_months",
                f["scale_months"],
                f["scale_lo"],
                f["scale_hi"],
                n,
                ev,
                "months",
            ),
        ]
    models_df = pd.DataFrame(models)

    shares = []
    for r in _km_shares(spells["stop"], spells["event"], spells["start"]):
        shares.append(
            _share("fortna_civil", "kaplan_meier", r["months"], r["share"], r["lo"], r["hi"])
        )
    for m in MONTHS:
        shares.append(
            _share(
                "fortna_civil",
                "weibull",
                m,
                weibull_share(m, marginal["shape"], marginal["scale_months"]),
            )
        )
        shares.append(
            _share(
                "fortna_civil_no_pk",
                "weibull_aft",
                m,
                weibull_share(m, pk["shape"], pk["scale_months_without"]),
            )
        )
        shares.append(
            _share(
                "fortna_civil_pk",
                "weibull_aft",
                m,
                weibull_share(m, pk["shape"], pk["scale_months_with"]),
            )
        )
        for sample, ep in (("ucdp_interstate", inter), ("ucdp_all", eps)):
            f = fits[sample]
            shares.append(
                _share(
                    sample, "weibull_interval", m, weibull_share(m, f["shape"], f["scale_months"])
                )
            )
            lo, hi = _bounds(ep, m)
            shares.append(_share(sample, "observed_bounds", m, np.nan, lo, hi))
    shares_df = pd.DataFrame(shares)

    summary = {
        "data": {
            "fortna": "scenarios/sources/durability/fortna_peacekeeping_ceasefires.csv "
            "(Fortna 2008, Does Peacekeeping Work?; README there)",
            "ucdp": "scenarios/sources/durability/ucdp_termination_dyad_v3_2021.csv "
            "(UCDP Conflict Termination v3-2021, Kreutz 2010; README there)",
        },
        "fortna_civil": {
            "ceasefires": n_spells,
            "failures": n_events,
            "weibull": marginal,
            "controls": list(CONTROLS),
            "full_controls": list(FULL_CONTROLS),
            **aft,
            **cox,
        },
        "ucdp": {
            sample: {"episodes": len(ep), "recurrences": int(ep["event"].sum()), **fits[sample]}
            for sample, ep in (("ucdp_interstate", inter), ("ucdp_all", eps))
        },
        "published": PUBLISHED,
        "published_not_found": NOT_FOUND,
        "caveat": "Fortna's spells are civil-war cease-fires and UN/regional missions, mostly "
        "consent-based; an interstate cease-fire guarded by a European force lies outside the "
        "sample. UCDP interstate episodes are few and count recurrence at 25 battle deaths.",
        "ucdp_caveat": "UCDP ends an episode only after a calendar year below 25 battle deaths, so "
        "a restart within about a year of a cease-fire is part of the same episode and cannot be "
        "seen here: the UCDP shares at 3 and 12 months are zero by construction and its Weibull "
        "describes recurrence after that first year. Fortna's spells (day-dated failures) are the "
        "evidence on the first months.",
    }
    return _rounded(models_df), _rounded(shares_df), _round_tree(summary)


def _row(
    sample: str,
    model: str,
    parameter: str,
    est: float,
    lo: float,
    hi: float,
    n: int,
    events: int,
    unit: str,
) -> dict[str, Any]:
    return {
        "sample": sample,
        "model": model,
        "parameter": parameter,
        "estimate": est,
        "ci_low": lo,
        "ci_high": hi,
        "unit": unit,
        "n": n,
        "events": events,
    }


def _share(
    sample: str, method: str, months: int, share: float, lo: float = np.nan, hi: float = np.nan
) -> dict[str, Any]:
    return {
        "sample": sample,
        "method": method,
        "months": months,
        "share_failed": share,
        "ci_low": lo,
        "ci_high": hi,
    }


def _rounded(df: pd.DataFrame) -> pd.DataFrame:
    return df.round(4)


def _round_tree(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _round_tree(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_round_tree(v) for v in x]
    if isinstance(x, float):
        return round(x, 4)
    return x


def figure(summary: dict[str, Any]) -> Any:
    """Kaplan-Meier curves of Fortna's spells with and without peacekeepers (at the cease-fire)
    beside the fitted Weibull survival, and the UCDP interstate Weibull."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from lifelines import KaplanMeierFitter

    spells = fortna_spells()
    t = np.linspace(0.01, 120, 400)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    f = summary["fortna_civil"]["aft_pk_adjusted"]
    first = spells.groupby("id").agg(
        stop=("stop", "max"), event=("event", "max"), pk=("pk", "first")
    )
    for flag, label, colour in ((0, "no peacekeepers", "tab:red"), (1, "peacekeepers", "tab:blue")):
        g = first[first["pk"] == flag]
        KaplanMeierFitter().fit(g["stop"], g["event"], label=f"{label} at cease-fire (KM)").plot(
            ax=ax, ci_show=False, color=colour, lw=1.2
        )
        scale = f["scale_months_with"] if flag else f["scale_months_without"]
        ax.plot(
            t,
            np.exp(-((t / scale) ** f["shape"])),
            "--",
            color=colour,
            label=f"Weibull AFT (adjusted), {label}",
        )
    u = summary["ucdp"]["ucdp_interstate"]
    ax.plot(
        t,
        np.exp(-((t / u["scale_months"]) ** u["shape"])),
        ":",
        color="k",
        label="UCDP interstate, Weibull (interval-censored)",
    )
    ax.set_xlim(0, 120)
    ax.set_ylim(0, 1)
    ax.set_xlabel("months after the cease-fire")
    ax.set_ylabel("share still at peace")
    ax.set_title(
        "Cease-fires fail early: Fortna's spells (civil) and UCDP interstate dyads", fontsize=9
    )
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifelines' convergence chatter; results are checked
        models, shares, summary = estimate()
        write_csv(models, "durability_models.csv")
        write_csv(shares, "durability_shares.csv")
        write_json(summary, "durability_estimate.json")
        save_png(figure(summary), "durability_survival.png")
    print(models.to_string(index=False))
    print(shares.to_string(index=False))


if __name__ == "__main__":
    main()
