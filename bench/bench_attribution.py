"""Cost of parse-based attribution: the Dawn/APP sample and the whole UN General Debate corpus, end to end.

    .venv/bin/python bench/bench_attribution.py                        # this checkout, both corpora
    .venv/bin/python bench/bench_attribution.py --lib /path/to/old/lib # the same on another version
    .venv/bin/python bench/bench_attribution.py --corpus dawn --json outputs/bench_attribution.json

Each run is a fresh process with an empty cache folder (COLD: read, parse, tag, measure), then a second fresh
process on the same cache folder (CACHED). The work is ``cv.tag_files([corpus], keep="tagged")`` then
``cv.convergence(..., actors=("USA", "PAK"), by=...)`` (``doc`` for the news sample, ``decade`` for the UN
speeches). Figures: wall seconds, CPU seconds of the process and its workers, peak RSS of the largest
process (``ru_maxrss``), and the load average when the run started (the machine may be shared).
``--lib`` puts another version's ``lib`` folder first on PYTHONPATH, so the code before a change can be
measured in the same conditions. Corpora are read from ../shared/corpora at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS = {
    "dawn": (CORPORA / "dawn_app_2025_sample.jsonl.gz", "doc"),
    "ungdc": (CORPORA / "UNGDC_1946-2024.tgz", "decade"),
}
_CHILD = """
import resource, sys, time, json
import convergence as cv
t0 = time.perf_counter()
tagged = cv.tag_files([sys.argv[1]], keep="tagged")
t1 = time.perf_counter()
table = cv.convergence(tagged, actors=("USA", "PAK"), by=sys.argv[2], n_boot=200)
t2 = time.perf_counter()
own = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "rows": len(tagged), "groups": int(table["group"].nunique()), "tag_s": t1 - t0, "measure_s": t2 - t1,
    "cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
    "peak_rss_mb": max(own.ru_maxrss, kids.ru_maxrss) / 1024,
}))
"""


def _run(corpus: Path, by: str, cache: str, lib: str | None) -> dict:
    env = dict(os.environ, CONVERGENCE_CACHE=cache)
    if lib:
        env["PYTHONPATH"] = os.pathsep.join([lib, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus), by], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - t0
    rec = json.loads(out.stdout.strip().splitlines()[-1])
    return {**rec, "wall_s": round(wall, 1), "load": round(load, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=[*CORPUS, "all"], default="all", help="which corpus to run")
    ap.add_argument("--lib", help="a lib/ folder to import instead of this checkout's (e.g. older code)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    names = list(CORPUS) if args.corpus == "all" else [args.corpus]
    results = {}
    for name in names:
        path, by = CORPUS[name]
        if not path.exists():
            print(f"{name}: {path} not found, skipped")
            continue
        with tempfile.TemporaryDirectory(prefix="bench-attr-") as cache:
            cold = _run(path, by, cache, args.lib)
            cached = _run(path, by, cache, args.lib)
        results[name] = {"cold": cold, "cached": cached}
        for label, r in (("cold", cold), ("cached", cached)):
            print(
                f"{name:5} {label:6} wall {r['wall_s']:6.1f} s  (tag {r['tag_s']:6.1f} s, measure "
                f"{r['measure_s']:5.1f} s)  CPU {r['cpu_s']:6.1f} s  peak RSS {r['peak_rss_mb']:6.0f} MB  "
                f"rows {r['rows']}  load {r['load']}"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
