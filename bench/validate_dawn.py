"""Score the tagger and the convergence measure against the hand labels in tests/data.

    .venv/bin/python bench/validate_dawn.py                  # whole Dawn/APP sample, then score
    .venv/bin/python bench/validate_dawn.py --labelled-only  # only the labelled articles (faster)
    .venv/bin/python bench/validate_dawn.py --json outputs/validation.json

Reads ../shared/corpora/dawn_app_2025_sample.jsonl.gz at run time (never copied into the repository) and
prints: article-level issue precision/recall/F1 (micro, per issue, and the curve over min_sentences 1..3),
holder accuracy and coverage with a confusion matrix, verdict accuracy with a confusion matrix, and the
errors behind each figure, named by link / sentence key, never by text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "dawn_app_2025_sample.jsonl.gz"
DEFAULT_LABELS = ROOT / "tests" / "data" / "dawn_labels.yaml"
DEFAULT_HOLDERS = ROOT / "tests" / "data" / "dawn_holders.csv"


def _fmt(x) -> str:
    return "  n/a" if x is None or (isinstance(x, float) and x != x) else f"{x:5.3f}"


def _ci(pair) -> str:
    return f"{_fmt(pair[0]).strip()}-{_fmt(pair[1]).strip()}"


def _labelled_subset(corpus: Path, links: set[str], folder: Path) -> Path:
    out = folder / "labelled.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for line in fh:
            if json.loads(line).get("link", "").rstrip("/") in links:
                dst.write(line)
    return out


def _write_json_atomic(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2, default=str)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="default tests/data/dawn_labels.yaml")
    ap.add_argument(
        "--holders", type=Path, default=DEFAULT_HOLDERS, help="default tests/data/dawn_holders.csv"
    )
    ap.add_argument("--min-sentences", type=int, default=2)
    ap.add_argument("--labelled-only", action="store_true", help="ingest only the labelled articles")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    ap.add_argument("--errors", type=int, default=40, help="how many error rows to list per section")
    args = ap.parse_args(argv)

    from convergence import read_corpus, tag
    from convergence.evaluate import (
        issue_curve,
        load_holder_labels,
        load_labels,
        score_holders,
        score_issue_tags,
        score_verdicts,
    )

    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (needs ../shared/corpora)", file=sys.stderr)
        return 2
    labels = load_labels(args.labels)
    holders = load_holder_labels(args.holders)
    links = set(labels["link"])
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.max_colwidth", 60)

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        source = _labelled_subset(args.corpus, links, Path(tmp)) if args.labelled_only else args.corpus
        corpus = read_corpus(source)
        t1 = time.perf_counter()
        tagged = tag(corpus)
    t2 = time.perf_counter()
    url_col = "url" if "url" in tagged and tagged["url"].notna().any() else "link"
    in_scope = tagged[tagged[url_col].map(lambda u: isinstance(u, str) and u.rstrip("/") in links)]
    print(f"corpus: {source.name if args.labelled_only else args.corpus}")
    print(
        f"articles {len(corpus.articles)}, sentences {len(tagged)}; labelled articles found "
        f"{in_scope['doc_id'].nunique()}/{len(links)}; read {t1 - t0:.1f}s, tag {t2 - t1:.1f}s"
    )

    # ---- issues
    res = score_issue_tags(tagged, labels, min_sentences=args.min_sentences)
    m = res["micro"]
    print(f"\n== Issue tags (article level, issue on >= {args.min_sentences} sentences) ==")
    print(
        f"micro: P {_fmt(m['precision'])}  R {_fmt(m['recall'])}  F1 {_fmt(m['f1'])}  "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']}; {res['n_articles']} articles)"
    )
    curve = issue_curve(tagged, labels, thresholds=(1, 2, 3))
    print("curve over min_sentences:")
    print(curve.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    matched_curve = issue_curve(tagged, labels, thresholds=(1, 2, 3), sources=("matched",))
    print("curve counting only sentences whose issue was matched (not inherited):")
    print(matched_curve.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print("per issue:")
    print(res["per_issue"].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if res["unmatched"]:
        print(f"labelled links not found in the corpus: {res['unmatched']}")
    errs = res["articles"][res["articles"]["missed"].map(len).gt(0) | res["articles"]["extra"].map(len).gt(0)]
    print(f"articles with issue errors ({len(errs)}):")
    for r in errs.head(args.errors).itertuples():
        print(f"  {r.doc_id}  missed {r.missed}  extra {r.extra}  <{r.link}>")

    # ---- holders
    h = score_holders(tagged, holders)
    print("\n== Holders (hand-labelled sentences) ==")
    print(
        f"accuracy {_fmt(h['accuracy'])} [95% CI {_ci(h['accuracy_ci'])}] over {h['n_matched']} matched of "
        f"{h['n_labels']} labels (coverage {_fmt(h['coverage'])})"
    )
    print(f"baseline (always the commonest gold holder): {_fmt(h['baseline_majority'])}")
    print("confusion (rows gold, columns predicted):")
    print(h["confusion"].to_string())
    print(h["per_holder"].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    rows = h["rows"]
    wrong = rows[~rows["correct"]]
    kinds = {
        "missed (gold actor, predicted NONE)": int(
            ((wrong["gold"] != "NONE") & (wrong["predicted"] == "NONE")).sum()
        ),
        "spurious (gold NONE, predicted actor)": int(
            ((wrong["gold"] == "NONE") & (wrong["predicted"] != "NONE")).sum()
        ),
        "wrong actor": int(((wrong["gold"] != "NONE") & (wrong["predicted"] != "NONE")).sum()),
    }
    print("holder error types:", kinds)
    if "holder_source" in wrong:
        print("errors by holder_source:", wrong["holder_source"].fillna("").value_counts().to_dict())
    print(f"holder errors ({len(wrong)}), by sentence key:")
    for r in wrong.head(args.errors).itertuples():
        src = getattr(r, "holder_source", "")
        print(
            f"  {r.sent_key}  gold {r.gold:<4} predicted {r.predicted:<4} source {src!s:<10} doc {r.doc_id}"
        )
    if len(h["unmatched"]):
        print(f"unmatched holder keys: {len(h['unmatched'])}")

    # ---- verdicts
    v = score_verdicts(tagged, labels)
    print("\n== Verdicts USA-PAK per (article, issue), convergence(by='doc') ==")
    print(f"accuracy {_fmt(v['accuracy'])} [95% CI {_ci(v['accuracy_ci'])}] over {v['n']} items")
    print(
        f"accuracy where gold is not insufficient {_fmt(v['accuracy_sufficient'])} "
        f"[95% CI {_ci(v['accuracy_sufficient_ci'])}] over {v['n_sufficient']}"
    )
    print(f"baseline (always 'insufficient'): {_fmt(v['baseline_insufficient'])}")
    print(
        f"accuracy where neither gold nor prediction is insufficient {_fmt(v['accuracy_both_sufficient'])} "
        f"over {v['n_both_sufficient']}"
    )
    print("confusion (rows gold, columns predicted):")
    print(v["confusion"].to_string())
    vw = v["rows"][~v["rows"]["correct"]]
    ins = "insufficient"
    vkinds = {
        "missed (gold verdict, predicted insufficient)": int(
            ((vw["gold"] != ins) & (vw["predicted"] == ins)).sum()
        ),
        "spurious (gold insufficient, predicted verdict)": int(
            ((vw["gold"] == ins) & (vw["predicted"] != ins)).sum()
        ),
        "wrong verdict (both sufficient)": int(((vw["gold"] != ins) & (vw["predicted"] != ins)).sum()),
    }
    print("verdict error types:", vkinds)
    print(f"verdict errors ({len(vw)}):")
    for r in vw.head(args.errors).itertuples():
        print(
            f"  {r.doc_id} {r.issue:<17} gold {r.gold:<12} predicted {r.predicted:<12} "
            f"n_a {r.n_a} n_b {r.n_b} reason: {str(r.reason)[:70]}"
        )

    if args.json:
        payload = {
            "corpus": str(args.corpus),
            "labelled_only": args.labelled_only,
            "issues": {
                "min_sentences": args.min_sentences,
                "micro": m,
                "curve": curve.to_dict("records"),
                "per_issue": res["per_issue"].to_dict("records"),
            },
            "holders": {
                k: h[k]
                for k in ("n_labels", "n_matched", "coverage", "accuracy", "accuracy_ci", "baseline_majority")
            },
            "verdicts": {
                k: v[k]
                for k in (
                    "n",
                    "accuracy",
                    "accuracy_ci",
                    "baseline_insufficient",
                    "n_sufficient",
                    "accuracy_sufficient",
                    "accuracy_sufficient_ci",
                    "accuracy_both_sufficient",
                )
            },
        }
        _write_json_atomic(args.json, payload)
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
