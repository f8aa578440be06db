"""HTML body extraction quality on the panda-dataset pages against the text its authors extracted.

    .venv/bin/python bench/eval_html_extraction.py [--show-worst 5]

Pairs each reference article (extracted_yaml/dataset-*.yaml) with its saved page(s) through
MANIFEST_yaml_to_html.csv, extracts the body with convergence.ingest (trafilatura + boilerplate rules) and
computes a bag-of-tokens F1. Tokens are lower-cased runs of letters/digits; apostrophes and other
punctuation separate tokens on both sides (the reference dropped apostrophes: "PM s Office").
Reads ../shared at run time; writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import statistics
import sys
import tarfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "panda-dataset_pk_news_html_2013-2018.tgz"
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall((text or "").lower()))


def f1(pred: Counter, ref: Counter) -> float:
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def _is_main_page(path: str) -> bool:
    return "/amp/" not in path and "/feed/" not in path and "/print/" not in path


def evaluate(archive: Path = ARCHIVE, *, jobs: int | None = None) -> dict:
    """Return {"all": [...], "main": [...]} lists of (f1, html_path, url) and the corpus."""
    from convergence.ingest import read_corpus

    refs: dict[tuple[str, str], dict] = {}
    manifest = []
    with tarfile.open(archive, "r:*") as tf:
        top = None
        for m in tf.getmembers():
            if not m.isfile():
                continue
            top = top or m.name.split("/")[0]
            name = m.name.split("/", 1)[-1]
            if name.startswith("extracted_yaml/") and name.endswith(".yaml"):
                for doc in yaml.safe_load_all(tf.extractfile(m).read().decode("utf-8")):
                    if isinstance(doc, dict) and "globalID" in doc:
                        refs[(Path(name).name, str(doc["globalID"]))] = doc
            elif name == "MANIFEST_yaml_to_html.csv":
                manifest = list(csv.DictReader(io.StringIO(tf.extractfile(m).read().decode("utf-8"))))
    corpus = read_corpus([archive], use_cache=False, jobs=jobs)
    text_of = {}
    for paths, text in zip(corpus.articles["paths"], corpus.articles["text"], strict=True):
        for p in paths:
            text_of[p.split("::", 1)[-1].split("/", 1)[-1]] = text
    out = {"all": [], "main": []}
    for row in manifest:
        ref = refs.get((row["yaml_file"], str(row["globalID"])))
        if not ref or not row.get("html_files"):
            continue
        ref_tokens = tokens(ref.get("text") or "")
        if not ref_tokens:
            continue
        pages = [p for p in row["html_files"].split(";") if p]
        scores = [(f1(tokens(text_of.get(p, "")), ref_tokens), p, row["url"]) for p in pages]
        out["all"] += scores
        main = [s for s in scores if _is_main_page(s[1])] or scores
        out["main"].append(max(main))
    out["corpus"] = corpus
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-worst", type=int, default=0)
    args = ap.parse_args(argv)
    if not ARCHIVE.exists():
        print(f"{ARCHIVE} not found", file=sys.stderr)
        return 0
    res = evaluate()
    for key, label in (("main", "one main page per reference article"), ("all", "every paired page")):
        vals = [s for s, _, _ in res[key]]
        print(
            f"{label}: n={len(vals)} median F1={statistics.median(vals):.3f} "
            f"mean={statistics.mean(vals):.3f} "
            f">=0.85: {sum(v >= 0.85 for v in vals)}"
        )
    for s, path, url in sorted(res["main"])[: args.show_worst]:
        print(f"  {s:.3f}  {path}  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
