"""Ingest speed on the real corpora in ../shared/corpora: cold (use_cache=False) and cached, MB/s and docs/s.

    .venv/bin/python bench/bench_ingest.py                 # UNGDC and Dawn, cold and cached
    .venv/bin/python bench/bench_ingest.py --only dawn     # one corpus
    .venv/bin/python bench/bench_ingest.py --compare-splitters   # rules vs Punkt agreement and speed

Reads the corpora at run time from <repo>/../shared; prints figures, writes nothing into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
CORPORA = {
    "ungdc": SHARED / "UNGDC_1946-2024.tgz",
    "dawn": SHARED / "dawn_app_2025_sample.jsonl.gz",
    "wh": SHARED / "wh-briefings_pakistan_2021-2026.tgz",
    "panda": SHARED / "panda-dataset_pk_news_html_2013-2018.tgz",
}


def _unpacked_mb(path: Path) -> float:
    if path.name.endswith(".jsonl.gz"):
        with gzip.open(path, "rb") as fh:
            return len(fh.read()) / 1e6
    with tarfile.open(path, "r:*") as tf:
        return sum(m.size for m in tf if m.isfile()) / 1e6


def bench(name: str, path: Path, jobs: int | None) -> None:
    from convergence.ingest import read_corpus

    mb = _unpacked_mb(path)
    with tempfile.TemporaryDirectory() as cache:
        t0, c0 = time.perf_counter(), time.process_time()
        w0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        corpus = read_corpus([path], use_cache=False, jobs=jobs)
        cold = time.perf_counter() - t0
        parent_cpu = time.process_time() - c0
        w1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        worker_cpu = (w1.ru_utime + w1.ru_stime) - (w0.ru_utime + w0.ru_stime)
        n = len(corpus.articles)
        print(
            f"{name:6s} cold   {cold:7.1f} s  {mb / cold:6.2f} MB/s  {n / cold:8.1f} docs/s  "
            f"({n} articles, {len(corpus.sentences)} sentences, {len(corpus.skipped)} skipped, "
            f"{mb:.1f} MB unpacked, CPU parent {parent_cpu:.1f} s + workers {worker_cpu:.1f} s, "
            f"load avg {os.getloadavg()[0]:.1f})"
        )
        read_corpus([path], use_cache=True, cache_dir=cache, jobs=jobs)  # fill the cache
        t0 = time.perf_counter()
        again = read_corpus([path], use_cache=True, cache_dir=cache, jobs=jobs)
        warm = time.perf_counter() - t0
        assert len(again.articles) == n
        print(f"{name:6s} cached {warm:7.2f} s  {mb / warm:6.1f} MB/s  {n / warm:8.0f} docs/s")


def compare_splitters(n_docs: int = 600) -> None:
    """Boundary agreement of the rule splitter with Punkt on UNGDC and Dawn documents, and speed."""
    from convergence.ingest.config import load_config
    from convergence.ingest.documents import process_document
    from convergence.ingest.segment import segment

    config = load_config()
    rng = random.Random(0)
    texts = []
    with tarfile.open(CORPORA["ungdc"], "r:*") as tf:
        members = [
            m for m in tf.getmembers() if m.isfile() and m.name.endswith(".txt") and "/._" not in m.name
        ]
        for m in sorted(rng.sample(members, n_docs), key=lambda m: m.offset):  # no backward seeks in gzip
            item = {"path": m.name, "fmt": "txt", "raw": tf.extractfile(m).read(), "meta": {}}
            texts.append(process_document(item, config)["text"])
    with gzip.open(CORPORA["dawn"], "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for r in rng.sample(rows, n_docs):
        item = {"path": "row", "fmt": "jsonl", "text": r["content"], "meta": {}, "detect_header": False}
        texts.append(process_document(item, config)["text"])
    mb = sum(map(len, texts)) / 1e6
    ends = {}
    for splitter in ("rules", "punkt"):
        t0 = time.perf_counter()
        ends[splitter] = [{e for _, _, e in segment(t, config, splitter=splitter)[1]} for t in texts]
        dt = time.perf_counter() - t0
        print(f"{splitter:6s} {mb / dt:6.2f} MB/s on one core ({sum(map(len, ends[splitter]))} sentences)")
    both = sum(len(a & b) for a, b in zip(ends["rules"], ends["punkt"], strict=True))
    n_rules = sum(map(len, ends["rules"]))
    n_punkt = sum(map(len, ends["punkt"]))
    print(
        f"{2 * n_docs} documents: {both / n_rules:.4f} of rule boundaries are Punkt boundaries; "
        f"{both / n_punkt:.4f} of Punkt boundaries are rule boundaries"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(CORPORA), action="append")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--compare-splitters", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} not found: nothing to benchmark", file=sys.stderr)
        return 0
    if args.compare_splitters:
        compare_splitters()
        return 0
    for name in args.only or ["ungdc", "dawn"]:
        bench(name, CORPORA[name], args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
