"""Per-issue USA-PAK verdicts on the first seed article, next to a reader's verdicts.

    .venv/bin/python bench/seed_verdicts.py [--n-boot 1000] [--evidence] [--positions]

The "reader" column is the reading of the article's argument that tests/test_measure_seed.py checks;
it is printed for comparison only and plays no part in the measurement.
"""

from __future__ import annotations

import argparse
import time

import convergence as cv
import pandas as pd
from convergence.paths import resolve

SEED = "seeds/army-chiefs-usa-visit-divergence-to-convergence.txt"

READER = {
    "refugees": "divergent",
    "afghanistan": "mixed",
    "kashmir": "divergent|mixed",
    "china_cpec": "divergent",
    "ifis": "divergent",
    "russia_ukraine": "divergent",
    "israel_palestine": "divergent",
    "counterterrorism": "convergent",
    "defense": "convergent",
    "trade_investment": "insufficient",
    "india": "insufficient",
    "democracy_rights": "insufficient",
    "aid_development": "insufficient",
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--evidence", action="store_true", help="print the full evidence table per issue")
    ap.add_argument(
        "--positions",
        action="store_true",
        help="print each side's position and sentences, sorted by pull, on kashmir, refugees and china_cpec",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = cv.read_corpus([resolve(SEED)], use_cache=False)
    tagged = cv.tag(corpus)
    t1 = time.perf_counter()
    table = cv.convergence(tagged, n_boot=args.n_boot)
    t2 = time.perf_counter()
    print(cv.format_convergence(table))
    print()
    rows = []
    for r in table.itertuples(index=False):
        expected = READER.get(r.issue, "")
        rows.append(
            {
                "issue": r.issue,
                "verdict": r.verdict,
                "reader": expected,
                "agree": "yes"
                if expected and r.verdict in expected.split("|")
                else ("" if not expected else "NO"),
                "index": round(r.index, 2) if r.index == r.index else None,
                "ci": f"[{r.ci_low:+.2f}, {r.ci_high:+.2f}]" if r.ci_low == r.ci_low else "",
                "n_USA": r.n_a,
                "n_PAK": r.n_b,
                "n_rel": r.n_relation,
                "cues": r.verdict_cues,
                "P": round(r.position_agreement, 2) if r.position_agreement == r.position_agreement else None,
            }
        )
    for issue, expected in READER.items():
        if issue not in set(table["issue"]):
            rows.append({"issue": issue, "verdict": "(no row)", "reader": expected,
                         "agree": "yes" if expected == "insufficient" else "NO"})  # fmt: skip
    summary = pd.DataFrame(rows)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(summary.to_string(index=False))
    scored = summary[summary["reader"] != ""]
    print(f"\nagreement with the reader: {(scored['agree'] == 'yes').sum()}/{len(scored)} issues")
    print(f"sentences: {len(tagged)}; parse+tag {t1 - t0:.1f} s, convergence {t2 - t1:.1f} s")
    if args.positions:
        from convergence.measure.positions import position_evidence

        for issue in ("kashmir", "refugees", "china_cpec"):
            row = table[table["issue"] == issue].iloc[0]
            print(f"\n== {issue}: {row['verdict']} ({row['reason'][:160]}...)")
            for dim in row["positions"]:
                print(f"   {dim}")
            ev = position_evidence(tagged, issue=issue)
            for e in ev.itertuples(index=False):
                words = ", ".join(e.pull_plus if e.score > 0 else e.pull_minus)
                print(f"  {e.actor} {e.score:+.2f} ({words}) s{e.sent_id}: {e.text}")
    if args.evidence:
        for issue in table["issue"]:
            ev = cv.evidence(tagged, issue=issue)
            print(f"\n== {issue}")
            for e in ev.itertuples(index=False):
                score = e.relation if e.kind == "relation" else e.stance
                head = f"  {e.kind:<9} {e.actor:<8} {e.object or '':<8} {score:+.2f} {e.cues}"
                print(f"{head} s{e.sent_id}: {e.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
