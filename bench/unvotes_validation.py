"""Text agreement from UN General Debate speeches against UN General Assembly roll-call votes.

    .venv/bin/python bench/unvotes_validation.py [--pairs USA-PAK,USA-IND,USA-CHN,USA-EGY,GBR-PAK]
        [--n-boot 200] [--min-rollcalls 20] [--cache DIR] [--json FILE]

For each pair of countries, issue code and decade: the share of roll calls (Voeten's UNGA votes, both
countries voting yes/no/abstain) on which the two voted the same, against the text's agreement on the
matching issue area, decade by decade, from the whole UN General Debate corpus tagged by the library:

* ``cues``: the convergence index from stance and relation cues alone (the index before positions; the
  ``index_cues`` column);
* ``positions``: the position agreement alone (``position_agreement``: 1 - |gap| / position_scale on the
  issue's dimensions, data/dimensions.yaml);
* ``index``: the convergence index that combines both (the ``index`` column);
* ``tfidf``: a naive baseline, the cosine between the TF-IDF vectors of the two countries' sentences on the
  issue in the decade (vectoriser fitted on both countries' issue sentences of all decades).

The text side is ``convergence(tagged, actors=pair, by="decade")`` on the whole tagged corpus (what
``convergence analyze UNGDC_1946-2024.tgz --by decade`` computes): a sentence held by the USA in another
country's speech is cue evidence, as before; positions read only each country's own speeches.

Issue codes -> issue areas: me (Palestinian conflict) -> israel_palestine, nu (nuclear weapons) and di (arms
control and disarmament) -> nuclear, hr (human rights) -> democracy_rights, ec (economic development) ->
aid_development. Cells need at least ``--min-rollcalls`` roll calls. Spearman's rho per issue code (over
decades) and pooled over all cells. The dimensions and ``position_scale`` were chosen looking at USA-PAK
only; the other pairs are checks nobody tuned on.

Inputs read at run time (the script skips with a message when they are absent): ../shared/corpora/
UNGDC_1946-2024.tgz and ../shared/corpora/unvotes/{unvotes,roll_calls,issues}.csv.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ARCHIVE = CORPORA / "UNGDC_1946-2024.tgz"
VOTES = CORPORA / "unvotes"
CODES = {
    "me": "israel_palestine",
    "nu": "nuclear",
    "di": "nuclear",
    "hr": "democracy_rights",
    "ec": "aid_development",
}
ISO2 = {
    "USA": "US",
    "PAK": "PK",
    "IND": "IN",
    "CHN": "CN",
    "EGY": "EG",
    "GBR": "GB",
    "RUS": "RU",
    "FRA": "FR",
}
MEASURES = ("cues", "positions", "index", "tfidf")


def vote_shares(pair: tuple[str, str], *, min_rollcalls: int) -> pd.DataFrame:
    """code, decade, n (roll calls both voted on), share (identical votes)."""
    votes = pd.read_csv(VOTES / "unvotes.csv", keep_default_na=False, na_values=[""])
    calls = pd.read_csv(VOTES / "roll_calls.csv", usecols=["rcid", "date"])
    issues = pd.read_csv(VOTES / "issues.csv", usecols=["rcid", "short_name"])
    calls["decade"] = pd.to_datetime(calls["date"]).dt.year // 10 * 10
    a, b = (votes.loc[votes["country_code"] == ISO2[c], ["rcid", "vote"]] for c in pair)
    both = a.merge(b, on="rcid", suffixes=("_a", "_b")).merge(issues, on="rcid").merge(calls, on="rcid")
    both = both[both["short_name"].isin(list(CODES))]
    both["same"] = both["vote_a"] == both["vote_b"]
    out = both.groupby(["short_name", "decade"]).agg(n=("same", "size"), share=("same", "mean")).reset_index()
    out = out.rename(columns={"short_name": "code"})
    return out[out["n"] >= min_rollcalls].reset_index(drop=True)


def tfidf_cosine(tagged: pd.DataFrame, pair: tuple[str, str], issue: str) -> dict[str, float]:
    """decade label -> cosine of the two countries' TF-IDF vectors of their sentences on ``issue``."""
    from convergence.measure._common import group_labels
    from sklearn.feature_extraction.text import TfidfVectorizer

    on = tagged[tagged["issues"].map(lambda xs: issue in xs) & tagged["doc_speaker"].isin(pair)]
    if on.empty:
        return {}
    decade = group_labels(on, "decade")
    docs = on.assign(decade=decade).groupby(["decade", "doc_speaker"])["text"].apply(" ".join)
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit(docs.tolist())
    out = {}
    for dec in sorted(set(decade)):
        if (dec, pair[0]) in docs.index and (dec, pair[1]) in docs.index:
            m = vec.transform([docs[(dec, pair[0])], docs[(dec, pair[1])]])
            out[dec] = float((m[0] @ m[1].T).toarray()[0, 0])
    return out


def text_table(tagged: pd.DataFrame, pair: tuple[str, str], *, n_boot: int, thresholds=None) -> pd.DataFrame:
    import convergence as cv

    issues = sorted(set(CODES.values()))
    table = cv.convergence(
        tagged, actors=pair, by="decade", issues=issues, n_boot=n_boot, top_evidence=0, thresholds=thresholds
    )
    table = table.rename(columns={"positions": "pos"})
    table = table.rename(columns={"index_cues": "cues", "position_agreement": "positions"})
    tfidf = {issue: tfidf_cosine(tagged, pair, issue) for issue in issues}
    table["tfidf"] = [tfidf[i].get(g, np.nan) for i, g in zip(table["issue"], table["group"], strict=True)]
    return table


def _positions_text(listing) -> str:
    """Both positions per dimension and how far apart they are, from a row's ``positions`` column."""
    out = []
    for item in listing or []:
        pos = {k[len("position_") :]: v for k, v in item.items() if k.startswith("position_")}
        sides = " vs ".join(f"{code} {v:+.2f}" if v is not None else f"{code} -" for code, v in pos.items())
        dist, ci = item.get("distance"), item.get("distance_ci") or [None, None]
        apart = (
            f", {dist:.2f} apart [{ci[0]:.2f}, {ci[1]:.2f}]" if dist is not None and ci[0] is not None else ""
        )
        out.append(f"{sides}{apart}")
    return "; ".join(out) or "no position"


def spearman(x, y) -> tuple[float, int]:
    from scipy.stats import spearmanr

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = ~(np.isnan(x) | np.isnan(y))
    if ok.sum() < 3:
        return float("nan"), int(ok.sum())
    return float(spearmanr(x[ok], y[ok]).statistic), int(ok.sum())


def validate(
    tagged: pd.DataFrame, pair: tuple[str, str], *, n_boot: int, min_rollcalls: int, thresholds=None
) -> dict:
    votes = vote_shares(pair, min_rollcalls=min_rollcalls)
    text = text_table(tagged, pair, n_boot=n_boot, thresholds=thresholds)
    votes["issue"] = votes["code"].map(CODES)
    votes["group"] = votes["decade"].astype(int).astype(str) + "s"
    cells = votes.merge(text, on=["issue", "group"], how="left")
    result = {"pair": "-".join(pair), "cells": len(cells), "spearman": {}}
    for m in MEASURES:
        rho, n = spearman(cells[m], cells["share"])
        result["spearman"][m] = {"pooled": rho, "n": n}
        for code in CODES:
            sub = cells[cells["code"] == code]
            result["spearman"][m][code] = spearman(sub[m], sub["share"])[0]
    ip = text[
        (text["issue"] == "israel_palestine") & text["group"].isin([f"{d}s" for d in range(1980, 2030, 10)])
    ]
    result["israel_palestine"] = {g: v for g, v in zip(ip["group"], ip["verdict"], strict=True)}
    listings = zip(ip["group"], ip["pos"], strict=True)
    result["israel_palestine_positions"] = {g: _positions_text(ps) for g, ps in listings}
    result["israel_palestine_cues"] = {g: v for g, v in zip(ip["group"], ip["verdict_cues"], strict=True)}
    cols = ["code", "group", "n", "share", "cues", "verdict_cues", "positions", "index", "verdict", "tfidf"]
    result["table"] = cells[cols].round(3).to_dict(orient="records")
    return result


def show(res: dict) -> None:
    print(f"\n== {res['pair']}: {res['cells']} cells (issue code x decade, >= min roll calls)")
    table = pd.DataFrame(res["table"])
    with pd.option_context("display.width", 200, "display.max_rows", 100):
        print(table.to_string(index=False, float_format=lambda v: f"{v:+.2f}"))
    head = f"{'Spearman vs vote share':24s}" + "".join(f"{m:>11s}" for m in MEASURES)
    print(head)
    for key in ("pooled", *CODES):
        vals = "".join(f"{res['spearman'][m][key]:+11.2f}" for m in MEASURES)
        print(f"{key:24s}{vals}")
    print("israel_palestine verdicts from the 1980s, after:", res["israel_palestine"])
    print("                                      before:", res["israel_palestine_cues"])
    for g, text in res["israel_palestine_positions"].items():
        print(f"    {g}: {text}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--pairs", default="USA-PAK,USA-IND,USA-CHN,USA-EGY,GBR-PAK", help="comma-separated pairs"
    )
    ap.add_argument("--n-boot", type=int, default=200, help="bootstrap resamples per cell")
    ap.add_argument("--min-rollcalls", type=int, default=20, help="roll calls a cell needs")
    ap.add_argument("--cache", type=Path, default=None, help="cache folder of tag_files (library default)")
    ap.add_argument("--json", type=Path, default=None, help="write the results to this file")
    args = ap.parse_args(argv)
    if not ARCHIVE.is_file() or not (VOTES / "unvotes.csv").is_file():
        print(f"inputs not found under {CORPORA}: nothing to validate", file=sys.stderr)
        return 0
    import convergence as cv

    t0 = time.perf_counter()
    tagged = cv.tag_files([ARCHIVE], keep="tagged", cache_dir=args.cache, progress=False)
    t1 = time.perf_counter()
    print(f"UNGDC tagged: {len(tagged):,} rows in {t1 - t0:.0f} s")
    results = []
    for text in args.pairs.split(","):
        pair = tuple(text.strip().upper().split("-"))
        if len(pair) != 2 or any(c not in ISO2 for c in pair):
            print(f"skipping pair {text!r}: known codes {', '.join(ISO2)}", file=sys.stderr)
            continue
        res = validate(tagged, pair, n_boot=args.n_boot, min_rollcalls=args.min_rollcalls)
        show(res)
        results.append(res)
    print(f"\n{time.perf_counter() - t1:.0f} s for {len(results)} pair(s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_suffix(".tmp")
        tmp.write_text(json.dumps(results, indent=1, default=float), encoding="utf-8")
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
