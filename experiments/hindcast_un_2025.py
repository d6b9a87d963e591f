"""Hindcast of the UN votes of 24 Feb 2025 from the ukraine-2025 scenario as shipped.

The scenario's positions come from the 2022-2023 roll calls, memberships and documented 2025
positions; the texts from their documented content. Nothing about the 2025 votes is an input.
Predicted: each member's vote on A/RES/ES-11/7, A/RES/ES-11/8 (the US text as amended) and
S/RES/2774, and the tallies. Compared with the reported totals (un_vote_totals.csv) and with two
baselines: every state votes as on ES-11/1 (2 Mar 2022), and every state votes its bloc's median.

    .venv/bin/python experiments/hindcast_un_2025.py [--replications N] [--out DIR]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from common import DATA, SCENARIO, SEED, SOURCES, save_png, write_csv, write_json

import model
from agents import rules
from agents.rules.votes import CAST, VoteCode
from scenarios import Scenario, load_scenario

REPLICATIONS = 2000
# adopted symbol -> the scenario's resolution id
TEXTS = {
    "A/RES/ES-11/7": "A/RES/ES-11/7",
    "A/RES/ES-11/8": "A/ES-11/L.11",
    "S/RES/2774": "S/RES/2774",
}
ORDER = tuple(c.letter for c in (VoteCode.YES, VoteCode.ABSTAIN, VoteCode.NO))  # bloc median
COLS = tuple(c.label for c in CAST)  # yes, no, abstain, absent
LETTER = {c.letter: c.label for c in CAST}  # Y -> yes ...


def reported_totals() -> pd.DataFrame:
    """The reported tallies of the three texts; a blank absent count is the remainder."""
    raw = pd.read_csv(SOURCES / "un_vote_totals.csv", dtype=str, keep_default_na=False)
    rows = []
    for symbol in TEXTS:
        hit = raw[raw["symbol_or_item"].str.startswith(symbol + " ")].iloc[0]
        members = 15 if hit["body"] == "SC" else 193
        y, n, a = (int(hit[c]) for c in ("yes", "no", "abstain"))
        absent = (
            int(hit["absent_or_nonvoting"]) if hit["absent_or_nonvoting"] else members - y - n - a
        )
        rows.append(
            {
                "resolution": symbol,
                "source": "reported",
                "yes": y,
                "no": n,
                "abstain": a,
                "absent": absent,
                "adopted": hit["result"] == "adopted",
            }
        )
    return pd.DataFrame(rows)


def es11_1_votes() -> pd.Series:
    """iso3 -> vote letter on A/RES/ES-11/1 (2 Mar 2022): the persistence baseline's input."""
    v = pd.read_csv(SOURCES / "un_votes_ukraine_2022_2023.csv", dtype=str, keep_default_na=False)
    v = v[v["resolution"] == "A/RES/ES-11/1"]
    return v.set_index("iso3")["vote"]


def bloc_median(votes: pd.Series, bloc: pd.Series) -> pd.Series:
    """Every state gets its bloc's median vote on the scale Y < A < N (absences left out).

    When the median falls between two different votes (an even count), the bloc abstains.
    """
    code = votes.map({k: i for i, k in enumerate(ORDER)})
    out = {}
    for name, members in bloc.groupby(bloc).groups.items():
        c = np.sort(code.reindex(members).dropna().to_numpy())
        if len(c) == 0:
            out[name] = "A"
            continue
        lo, hi = c[(len(c) - 1) // 2], c[len(c) // 2]
        out[name] = ORDER[int(lo)] if lo == hi else "A"
    return bloc.map(out)


CODE = {c.letter: c for c in CAST}  # vote letter -> VoteCode


def codes(votes: pd.Series) -> np.ndarray:
    """Vote letters (Y, N, A, X) as VoteCode values."""
    return np.array([CODE[v] for v in votes.dropna()], np.int64)


def tally(votes: pd.Series) -> dict[str, int]:
    """The model's tally rule on a series of vote letters."""
    counts = rules.tally(codes(votes))
    return {c.label: int(n) for c, n in zip(CAST, counts, strict=True)}


def adopted(forum: str, votes: pd.Series, permanent: set[str]) -> bool:
    """The model's adoption rules (Security Council, or the Assembly's two thirds)."""
    if forum == "security_council":
        ok, _ = rules.security_council_adopted(codes(votes), votes.index.isin(list(permanent)))
        return bool(ok)
    return bool(rules.general_assembly_adopted(rules.tally(codes(votes)), two_thirds=True))


def vote_tables(res: model.EnsembleResult, states: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for symbol, rid in TEXTS.items():
        t = res.vote_table(rid)
        if symbol.startswith("S/"):
            t = t[t["iso3"].isin(states.index[states["sc_seat"] != ""])]
        t.insert(0, "resolution", symbol)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def tallies(res: model.EnsembleResult, table: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Model (expected and modal) and baseline tallies beside the reported ones."""
    summary = res.vote_summary()
    es1 = es11_1_votes().reindex(states.index)
    blocs = states["bloc"]
    model_bloc = None
    rows = []
    for symbol, rid in TEXTS.items():
        forum = "security_council" if symbol.startswith("S/") else "general_assembly"
        members = (
            states.index[states["sc_seat"] != ""] if forum == "security_council" else states.index
        )
        perm = set(states.index[states["sc_seat"] == "permanent"])
        mean = summary[rid]["mean_tally"]
        rows.append(
            {
                "resolution": symbol,
                "source": "model_expected",
                **{c: mean[c] for c in COLS},
                "adopted": summary[rid]["p_adopted"]["p"] >= 0.5,
                "p_adopted": summary[rid]["p_adopted"]["p"],
            }
        )
        pred = table[table["resolution"] == symbol].set_index("iso3")["predicted"]
        model_bloc = bloc_median(pred, blocs.reindex(pred.index))
        es1_bloc = bloc_median(es1, blocs).reindex(members)
        for source, votes in (
            ("model_modal", pred),
            ("baseline_es11_1", es1.reindex(members)),
            ("baseline_bloc_es11_1", es1_bloc),
            ("baseline_bloc_model", model_bloc),
        ):
            t = tally(votes)
            ok = adopted(forum, votes, perm)
            rows.append({"resolution": symbol, "source": source, **t, "adopted": ok})
    return pd.DataFrame(rows)


def errors(tab: pd.DataFrame, reported: pd.DataFrame) -> pd.DataFrame:
    """Absolute tally errors (yes, no, abstain: the reported counts) and outcome hits."""
    rep = reported.set_index("resolution")
    rows = []
    for (symbol, source), r in tab.set_index(["resolution", "source"]).iterrows():
        e = {c: abs(float(r[c]) - float(rep.loc[symbol, c])) for c in ("yes", "no", "abstain")}
        rows.append(
            {
                "resolution": symbol,
                "source": source,
                **{f"abs_err_{c}": v for c, v in e.items()},
                "total_abs_err": sum(e.values()),
                "outcome_correct": bool(r["adopted"]) == bool(rep.loc[symbol, "adopted"]),
            }
        )
    out = pd.DataFrame(rows)
    overall = (
        out.groupby("source", sort=False)
        .agg(total_abs_err=("total_abs_err", "sum"), outcome_correct=("outcome_correct", "sum"))
        .reset_index()
    )
    overall["mean_abs_err_per_count"] = overall["total_abs_err"] / (3 * len(TEXTS))
    overall.insert(0, "resolution", "all three")
    return pd.concat([out, overall], ignore_index=True)


def named_scores(table: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """The named 2025 votes (evaluation data only) against the model and both baselines."""
    named = pd.read_csv(DATA / "un_2025_named_votes.csv", dtype=str)
    es1 = es11_1_votes()
    es1_bloc = bloc_median(es1.reindex(states.index), states["bloc"])
    rows = []
    for _, r in named.iterrows():
        t = table[(table["resolution"] == r["resolution"]) & (table["iso3"] == r["iso3"])].iloc[0]
        rows.append(
            {
                "resolution": r["resolution"],
                "iso3": r["iso3"],
                "bloc": states.loc[r["iso3"], "bloc"],
                "reported": r["vote"],
                "basis": r["basis"],
                "model_predicted": t["predicted"],
                "model_p_reported": float(t[f"p_{LETTER[r['vote']]}"]),
                "baseline_es11_1": es1.get(r["iso3"], "X"),
                "baseline_bloc_es11_1": es1_bloc[r["iso3"]],
            }
        )
    return pd.DataFrame(rows)


def by_bloc(table: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Expected votes per bloc (sum of probabilities) beside the bloc's ES-11/1 votes."""
    es1 = es11_1_votes()
    rows = []
    for symbol in TEXTS:
        t = table[table["resolution"] == symbol].set_index("iso3")
        for bloc, members in t.groupby(states["bloc"].reindex(t.index)).groups.items():
            sub = t.loc[members]
            old = tally(es1.reindex(members))
            rows.append(
                {
                    "resolution": symbol,
                    "bloc": bloc,
                    "states": len(members),
                    **{f"model_{c}": float(sub[f"p_{c}"].sum()) for c in COLS},
                    **{f"es11_1_{c}": old[c] for c in COLS},
                }
            )
    return pd.DataFrame(rows)


def margins(scenario: Scenario, states: pd.DataFrame) -> pd.DataFrame:
    """Mean vote margin per dimension after round 1's position update (before the vote shock),
    per group (bloc x ES-11/1 vote): why a group votes as it does."""
    m = model.AccordModel(scenario, rng=SEED)
    m.step()
    dims = list(scenario.dimension_names)
    es1 = es11_1_votes().reindex(states.index).fillna("X")
    group = states["bloc"] + " / ES-11/1 " + es1
    rows = []
    for symbol, rid in TEXTS.items():
        parts = m.margin_parts(rid)  # (N, D), the text as amended in this run
        speaks = ~np.isnan(parts).all(axis=0)
        members = m.forum_members(rid)
        for g in sorted(group.unique()):
            sel = (group == g).to_numpy() & members
            if not sel.any():
                continue
            row = {"resolution": symbol, "group": g, "states": int(sel.sum())}
            for k, d in enumerate(dims):
                if speaks[k]:
                    row[f"margin_{d}"] = float(parts[sel, k].mean())
            row["margin_total"] = float(np.nansum(parts[sel], axis=1).mean())
            rows.append(row)
    out = pd.DataFrame(rows)
    p = scenario.parameters
    out["vote_threshold_yes"] = p["vote_threshold"].central
    out["vote_threshold_no"] = -p["vote_threshold_no"].central
    return out


def figure(tab: pd.DataFrame, reported: pd.DataFrame, name: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sources = ["reported", "model_expected", "baseline_es11_1", "baseline_bloc_es11_1"]
    labels = ["reported", "model (expected)", "as ES-11/1", "bloc median (ES-11/1)"]
    full = pd.concat([reported, tab], ignore_index=True)
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for ax, symbol in zip(axes, TEXTS, strict=True):
        sub = full[full["resolution"] == symbol].set_index("source")
        xs = np.arange(3)
        for j, (src, lab) in enumerate(zip(sources, labels, strict=True)):
            vals = [float(sub.loc[src, c]) for c in ("yes", "no", "abstain")]
            ax.bar(xs + (j - 1.5) * 0.2, vals, 0.2, label=lab)
        ax.set_xticks(xs, ["yes", "no", "abstain"])
        ax.set_title(symbol)
    axes[0].set_ylabel("states")
    axes[-1].legend(fontsize=8)
    fig.tight_layout()
    save_png(fig, name)


# scenario id of each amendment -> the start of its row in un_vote_totals.csv
AMENDMENTS = {
    "A/ES-11/L.11/EU-amendments": "A/RES/ES-11/8 ",
    "A/ES-11/L.11/RUS-amendment": "Russian amendment to US draft",
    "S/RES/2774/EU-amendment-sovereignty": "European amendment 2 ",
}


def amendments(res: model.EnsembleResult) -> pd.DataFrame:
    """The amendments' predicted fate beside what was reported (counts where reported)."""
    raw = pd.read_csv(SOURCES / "un_vote_totals.csv", dtype=str, keep_default_na=False)
    summary = res.vote_summary()
    rows = []
    for rid, prefix in AMENDMENTS.items():
        hit = raw[raw["symbol_or_item"].str.startswith(prefix)].iloc[0]
        eu_ga = rid.endswith("EU-amendments")  # reported only in the note of the ES-11/8 row
        mean = summary[rid]["mean_tally"]
        rows.append(
            {
                "id": rid,
                "reported_item": hit["symbol_or_item"],
                "reported_result": "adopted" if eu_ga else hit["result"],
                "reported_yes": "" if eu_ga else hit["yes"],
                "reported_no": "" if eu_ga else hit["no"],
                "reported_note": hit["note"],
                "model_p_adopted": summary[rid]["p_adopted"]["p"],
                **{f"model_mean_{c}": mean[c] for c in COLS},
            }
        )
    return pd.DataFrame(rows)


def run(replications: int, write: bool = True) -> dict[str, pd.DataFrame]:
    """Run the hindcast; ``write`` the results files (a test runs it small without writing)."""
    scenario = load_scenario(SCENARIO)
    states = pd.DataFrame(
        {
            "bloc": [s.bloc for s in scenario.states],
            "sc_seat": [s.sc_seat or "" for s in scenario.states],
        },
        index=pd.Index(list(scenario.iso3s), name="iso3"),
    )
    res = model.run_ensemble(scenario, replications, rng=SEED)
    table = vote_tables(res, states)
    reported = reported_totals()
    tab = tallies(res, table, states)
    frames = {
        "votes": table,
        "tallies": pd.concat([reported, tab], ignore_index=True),
        "errors": errors(tab, reported),
        "named": named_scores(table, states),
        "by_bloc": by_bloc(table, states),
        "margins": margins(scenario, states),
    }
    frames["amendments"] = amendments(res)
    if write:
        write_csv(table, "hindcast_un_2025_votes.csv")
        for key in ("tallies", "errors", "named", "by_bloc", "margins", "amendments"):
            write_csv(
                frames[key], f"hindcast_un_2025_{key}.csv", decimals=2 if key == "tallies" else 4
            )
        write_json(
            {
                "scenario": SCENARIO,
                "scenario_hash": scenario.content_hash,
                "root_seed": SEED,
                "replications": replications,
            },
            "hindcast_un_2025_run.json",
        )
        figure(tab, reported, "hindcast_un_2025_tallies.png")
    return frames


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=REPLICATIONS)
    args = ap.parse_args()
    frames = run(args.replications)
    print(frames["errors"].to_string(index=False))


if __name__ == "__main__":
    main()
