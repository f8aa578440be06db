"""Score attribution and verdicts on the hand-labelled news and White House texts (tests/data).

    .venv/bin/python bench/validate_attribution.py               # Dawn/APP + White House, all figures
    .venv/bin/python bench/validate_attribution.py --errors 30   # also list 30 sentence errors per set
    .venv/bin/python bench/validate_attribution.py --json outputs/attribution.json

Per set (Dawn/APP news and op-eds; White House briefings) and pooled:
- holder accuracy on the labelled sentences (tests/data/*sentences*.csv / dawn_holders.csv);
- stance toward the other side of the USA-PAK pair (for / against / neutral): 3-way accuracy, macro-F1 over
  the three classes and SemEval-2016's F_avg (mean F1 of "for" and "against"), and holder + stance both right;
- USA-PAK verdicts from ``convergence(by="doc")`` on the article's main issue and on every labelled issue,
  a confusion matrix, how often a committed verdict (convergent / divergent / mixed) is right, and how
  often a convergent or divergent one is (the goal's measure).
Baselines: always the commonest holder, always "neutral", always "insufficient".
The corpora are read from ../shared/corpora at run time; nothing of them is written to the repository.
Works on any version of the library that has ``tag`` and ``convergence`` (headline rows count only when the
tagger makes them).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SETS = {
    "dawn": (
        CORPORA / "dawn_app_2025_sample.jsonl.gz",
        ROOT / "tests/data/dawn_labels.yaml",
        ROOT / "tests/data/dawn_holders.csv",
    ),
    "whitehouse": (
        CORPORA / "wh-briefings_pakistan_2021-2026.tgz",
        ROOT / "tests/data/wh_labels.yaml",
        ROOT / "tests/data/wh_sentences.csv",
    ),
}
PAIR = ("USA", "PAK")
STANCES = ("for", "against", "neutral")


def _subset(corpus: Path, links: set[str], folder: Path) -> Path:
    """Only the labelled documents of ``corpus`` (faster to tag; a by-doc verdict reads only its own
    document, a holder only its own document's context)."""
    if corpus.suffix == ".gz" and corpus.name.endswith(".jsonl.gz"):
        from validate_dawn import _labelled_subset  # this folder's script: the same subset

        return _labelled_subset(corpus, links, folder)
    return corpus  # a small archive: read it whole


def stance_toward_partner(row) -> str:
    """The predicted stance of a sentence's holder toward the other side of the pair."""
    holder = row["holder"]
    if holder not in PAIR:
        return "neutral"
    partner = PAIR[1] if holder == PAIR[0] else PAIR[0]
    value = 0.0
    ts = row.get("target_stances")
    if isinstance(ts, (list, tuple)) or hasattr(ts, "__len__") and not isinstance(ts, (str, dict)):
        for item in ts:
            if isinstance(item, dict) and item.get("target") == partner:
                value = float(item.get("stance") or 0.0)
    if row.get("mode") in ("conditional", "hypothetical", "historical"):
        value = 0.0
    return "for" if value > 0 else "against" if value < 0 else "neutral"


def _f1(gold: pd.Series, pred: pd.Series, cls: str) -> float:
    tp = int(((gold == cls) & (pred == cls)).sum())
    fp = int(((gold != cls) & (pred == cls)).sum())
    fn = int(((gold == cls) & (pred != cls)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score_sentences(tagged: pd.DataFrame, labels_csv: Path) -> dict:
    from convergence.evaluate import NONE, key_sentences

    gold = pd.read_csv(labels_csv, dtype=str, keep_default_na=False)
    gold["link"] = gold["link"].str.rstrip("/")
    keyed = key_sentences(tagged)
    keyed = keyed.drop_duplicates(["link", "sent_key"])
    keyed["pred_stance"] = [stance_toward_partner(r) for r in keyed.to_dict("records")]
    keyed["pred_holder"] = keyed["holder"].map(lambda h: h if isinstance(h, str) and h else NONE)
    m = gold.merge(
        keyed[["link", "sent_key", "pred_holder", "pred_stance", "holder_source", "doc_id", "sent_id"]],
        on=["link", "sent_key"],
        how="left",
        indicator=True,
    )
    matched = m[m["_merge"] == "both"].copy()
    matched["stance"] = matched["stance"].where(matched["stance"].isin(STANCES), "neutral")
    n = len(matched)
    hold_ok = matched["holder"] == matched["pred_holder"]
    st_ok = matched["stance"] == matched["pred_stance"]
    f = {c: _f1(matched["stance"], matched["pred_stance"], c) for c in STANCES}
    out = {
        "n_labels": len(gold),
        "n_matched": n,
        "n_titles": int((gold.get("is_title", "0") == "1").sum()) if "is_title" in gold else 0,
        "n_titles_matched": int((matched.get("is_title", "0") == "1").sum()) if "is_title" in matched else 0,
        "holder_accuracy": float(hold_ok.mean()) if n else float("nan"),
        "holder_baseline": float(matched["holder"].value_counts().iloc[0] / n) if n else float("nan"),
        "stance_accuracy": float(st_ok.mean()) if n else float("nan"),
        "stance_baseline_neutral": float((matched["stance"] == "neutral").mean()) if n else float("nan"),
        "stance_macro_f1": sum(f.values()) / 3,
        "stance_f_avg": (f["for"] + f["against"]) / 2,
        "stance_f1": f,
        "holder_and_stance": float((hold_ok & st_ok).mean()) if n else float("nan"),
        "stance_confusion": pd.crosstab(matched["stance"], matched["pred_stance"]),
        "holder_confusion": pd.crosstab(matched["holder"], matched["pred_holder"]),
    }
    # the same on the sentences whose gold holder is one of the pair
    pair = matched[matched["holder"].isin(PAIR)]
    out["pair_holder_accuracy"] = float((pair["holder"] == pair["pred_holder"]).mean()) if len(pair) else None
    out["pair_n"] = len(pair)
    out["errors"] = matched[~(hold_ok & st_ok)][
        ["link", "sent_key", "holder", "pred_holder", "holder_source", "stance", "pred_stance"]
    ]
    return out


def score_docs(tagged: pd.DataFrame, labels_yaml: Path) -> dict:
    from convergence.evaluate import load_labels, score_verdicts

    labels = load_labels(labels_yaml)
    allv = score_verdicts(tagged, labels, actors=PAIR)
    rows = allv["rows"]
    mains = labels[labels["issue"].notna() & (labels["issue"] == labels.get("main_issue"))]
    main_keys = set(zip(mains["link"], mains["issue"], strict=True))
    main = rows[[(lk, iss) in main_keys for lk, iss in zip(rows["link"], rows["issue"], strict=True)]]
    committed = rows[rows["predicted"] != "insufficient"]
    committed_main = main[main["predicted"] != "insufficient"]
    # the goal: "when it says convergent or divergent it is right"
    directional = rows[rows["predicted"].isin(["convergent", "divergent"])]
    directional_main = main[main["predicted"].isin(["convergent", "divergent"])]
    order = ["convergent", "divergent", "mixed", "insufficient"]

    def confusion(frame):
        return pd.crosstab(
            pd.Categorical(frame["gold"], categories=order),
            pd.Categorical(frame["predicted"], categories=order),
            rownames=["gold"],
            colnames=["predicted"],
            dropna=False,
        )

    return {
        "n_items": len(rows),
        "all_accuracy": float(rows["correct"].mean()) if len(rows) else float("nan"),
        "all_baseline_insufficient": float((rows["gold"] == "insufficient").mean()) if len(rows) else None,
        "n_main": len(main),
        "main_accuracy": float(main["correct"].mean()) if len(main) else float("nan"),
        "main_baseline_insufficient": float((main["gold"] == "insufficient").mean()) if len(main) else None,
        "committed_n": len(committed),
        "committed_precision": float(committed["correct"].mean()) if len(committed) else float("nan"),
        "committed_main_n": len(committed_main),
        "committed_main_precision": float(committed_main["correct"].mean()) if len(committed_main) else None,
        "directional_n": len(directional),
        "directional_right": int(directional["correct"].sum()),
        "directional_main_n": len(directional_main),
        "directional_main_right": int(directional_main["correct"].sum()),
        "confusion_main": confusion(main),
        "confusion_all": confusion(rows),
        "main_rows": main,
    }


def _pct(x) -> str:
    return "  n/a" if x is None or x != x else f"{x:.3f}"


def _frac(right: int, n: int) -> str:
    return f"{_pct(right / n if n else None)} of {n}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", type=int, default=0, help="list this many sentence errors per set")
    ap.add_argument("--main-errors", action="store_true", help="list the main-issue verdict errors")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--sets", default="dawn,whitehouse", help="comma-separated: dawn, whitehouse")
    args = ap.parse_args(argv)
    import convergence as cv

    if not CORPORA.exists():
        print(f"corpora not found at {CORPORA}", file=sys.stderr)
        return 2
    report, pooled_s, pooled_d = {}, [], []
    for name in args.sets.split(","):
        corpus, labels_yaml, labels_csv = SETS[name]
        import yaml

        links = {a["link"].rstrip("/") for a in yaml.safe_load(labels_yaml.read_text())["articles"]}
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            path = _subset(corpus, links, Path(tmp))
            tagged = cv.tag(cv.read_corpus([path]))
            t_tag = time.perf_counter() - t0
        s = score_sentences(tagged, labels_csv)
        d = score_docs(tagged, labels_yaml)
        pooled_s.append(s)
        pooled_d.append(d)
        print(f"\n== {name}: {len(links)} labelled documents, tagged in {t_tag:.1f} s ==")
        print(
            f"sentences: {s['n_matched']}/{s['n_labels']} matched (headlines {s['n_titles_matched']}/"
            f"{s['n_titles']})"
        )
        print(
            f"holder accuracy {_pct(s['holder_accuracy'])} "
            f"(always the commonest: {_pct(s['holder_baseline'])});"
            f" on gold USA/PAK holders {_pct(s['pair_holder_accuracy'])} (n={s['pair_n']})"
        )
        print(
            f"stance toward the partner: accuracy {_pct(s['stance_accuracy'])} (always neutral: "
            f"{_pct(s['stance_baseline_neutral'])}), macro-F1 {_pct(s['stance_macro_f1'])}, "
            "F_avg(for,against) "
            f"{_pct(s['stance_f_avg'])}; holder and stance both right {_pct(s['holder_and_stance'])}"
        )
        print("stance confusion (rows gold, columns predicted):")
        print(s["stance_confusion"].to_string())
        print(
            f"verdicts: main issue {_pct(d['main_accuracy'])} on {d['n_main']} (always insufficient: "
            f"{_pct(d['main_baseline_insufficient'])}); all issues {_pct(d['all_accuracy'])} "
            f"on {d['n_items']}"
            f" (always insufficient: {_pct(d['all_baseline_insufficient'])})"
        )
        print(
            f"committed verdicts right: {_pct(d['committed_precision'])} of {d['committed_n']} (main issue: "
            f"{_pct(d['committed_main_precision'])} of {d['committed_main_n']})"
        )
        print(
            f"convergent or divergent verdicts right: {_frac(d['directional_right'], d['directional_n'])} "
            f"(main issue: {_frac(d['directional_main_right'], d['directional_main_n'])})"
        )
        print("main-issue verdict confusion (rows gold, columns predicted):")
        print(d["confusion_main"].to_string())
        if args.errors:
            buf = io.StringIO()
            s["errors"].head(args.errors).to_string(buf)
            print("sentence errors:\n" + buf.getvalue())
        if args.main_errors:
            bad = d["main_rows"][~d["main_rows"]["correct"]]
            for r in bad.itertuples():
                print(f"  {r.link} {r.issue}: gold {r.gold}, predicted {r.predicted}: {str(r.reason)[:160]}")
        report[name] = {
            k: v for k, v in {**s, **d}.items() if not isinstance(v, pd.DataFrame) and k != "errors"
        }
    if len(pooled_s) > 1:
        n = sum(s["n_matched"] for s in pooled_s)
        nm = sum(d["n_main"] for d in pooled_d)
        w = lambda key, coll, size: sum(x[key] * x[size] for x in coll) / max(1, sum(x[size] for x in coll))  # noqa: E731
        pooled = {
            "sentences": n,
            "holder_accuracy": w("holder_accuracy", pooled_s, "n_matched"),
            "stance_accuracy": w("stance_accuracy", pooled_s, "n_matched"),
            "holder_and_stance": w("holder_and_stance", pooled_s, "n_matched"),
            "main_issue_items": nm,
            "main_accuracy": w("main_accuracy", pooled_d, "n_main"),
            "all_accuracy": w("all_accuracy", pooled_d, "n_items"),
            "directional_right": sum(d["directional_right"] for d in pooled_d),
            "directional_n": sum(d["directional_n"] for d in pooled_d),
            "directional_main_right": sum(d["directional_main_right"] for d in pooled_d),
            "directional_main_n": sum(d["directional_main_n"] for d in pooled_d),
        }
        print("\n== pooled ==")
        print(
            f"holder {_pct(pooled['holder_accuracy'])}, "
            f"stance toward partner {_pct(pooled['stance_accuracy'])}, "
            f"both {_pct(pooled['holder_and_stance'])} over {n} sentences; main-issue verdict "
            f"{_pct(pooled['main_accuracy'])} over {nm} documents; all issues {_pct(pooled['all_accuracy'])}"
        )
        print(
            "convergent or divergent verdicts right: "
            f"{_frac(pooled['directional_right'], pooled['directional_n'])} (main issue: "
            f"{_frac(pooled['directional_main_right'], pooled['directional_main_n'])})"
        )
        report["pooled"] = pooled
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
