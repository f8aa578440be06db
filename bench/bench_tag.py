"""Tagging speed on the real corpora: sentences per second and total seconds.

Reads the parsed corpora through ``convergence.read_corpus`` (its cache makes the second run fast; the parse
time is printed separately and is not part of the tagging figure). Corpora come from <repo>/../shared.

    .venv/bin/python bench/bench_tag.py                 # UNGDC and the Dawn/APP sample, jobs=2
    .venv/bin/python bench/bench_tag.py --only dawn --jobs 1 --no-tone
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import convergence as cv

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "ungdc": ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz",
    "dawn": ROOT.parent / "shared" / "corpora" / "dawn_app_2025_sample.jsonl.gz",
}


def run(name: str, path: Path, *, jobs: int, tone: bool) -> None:
    if not path.exists():
        print(f"{name}: {path} not found, skipped")
        return
    t0 = time.perf_counter()
    corpus = cv.read_corpus(path)
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    tagged = cv.tag(corpus, jobs=jobs, tone=tone)
    secs = time.perf_counter() - t0
    n = len(tagged)
    with_issue = tagged["issues"].map(len).gt(0)
    with_actor = tagged["actors"].map(len).gt(0)
    print(
        f"{name}: {len(corpus.articles):,} documents, {n:,} sentences; read {t_read:.1f} s; "
        f"tag {secs:.1f} s = {n / secs:,.0f} sentences/s (jobs={jobs}, tone={'on' if tone else 'off'})"
    )
    print(
        f"  issue {with_issue.mean():.1%} (inherited {tagged['issue_source'].eq('inherited').mean():.1%}), "
        f"actor {with_actor.mean():.1%}, holder {tagged['holder'].notna().mean():.1%}, "
        f"stance cue {tagged['stance_cues'].map(len).gt(0).mean():.1%}, "
        f"relation cue {tagged['relation_cues'].map(len).gt(0).mean():.1%}"
    )
    has_cue = tagged["stance_cues"].map(len).gt(0)
    has_rel = tagged["relation_cues"].map(len).gt(0)
    print(
        f"  target stance on {tagged.loc[has_cue, 'target_stances'].map(len).gt(0).mean():.1%} of stance-cue "
        f"sentences, relation pair on {tagged.loc[has_rel, 'relation_pairs'].map(len).gt(0).mean():.1%} of "
        f"relation-cue sentences, clauses on {tagged['clauses'].map(len).gt(0).mean():.1%}, "
        f"tone on {tagged['tone'].notna().mean():.1%} of sentences"
    )
    print("  holder_source:", tagged["holder_source"].value_counts().to_dict())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(CORPORA), action="append")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-tone", action="store_true")
    args = ap.parse_args(argv)
    for name in args.only or ["ungdc", "dawn"]:
        run(name, CORPORA[name], jobs=args.jobs, tone=not args.no_tone)
    return 0


if __name__ == "__main__":
    sys.exit(main())
