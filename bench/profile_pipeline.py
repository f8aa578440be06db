"""Profile the pipeline stage by stage (parse, tag, convergence by decade) on a slice of UN speeches.

Runs everything in this process (jobs=1) under cProfile so every call is seen, and prints each stage's wall
time and its top entries by own time. Uses only the public API, so the same script profiles an older
checkout of the library (``PYTHONPATH=/path/to/old/lib``) for a before/after comparison.

    .venv/bin/python bench/profile_pipeline.py                  # every 16th speech
    .venv/bin/python bench/profile_pipeline.py --every 4 --top 20
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tarfile
import tempfile
import time
import warnings
from pathlib import Path

import convergence as cv

ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"


def extract_slice(archive: Path, dest: Path, every: int) -> int:
    """Every ``every``-th speech file of the archive (in archive order) into ``dest``; returns bytes."""
    total, k = 0, 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            name = Path(member.name).name
            if not member.isfile() or not name.endswith(".txt") or name.startswith("._"):
                continue
            if k % every == 0:
                data = tar.extractfile(member).read()
                (dest / name).write_bytes(data)
                total += len(data)
            k += 1
    return total


def profiled(label: str, func, top: int):
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    result = func()
    prof.disable()
    wall = time.perf_counter() - t0
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    print(f"\n== {label}: {wall:.2f} s under the profiler")
    print("\n".join(lines[start : start + top + 1]))
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=16, help="take every N-th speech (default 16)")
    ap.add_argument("--top", type=int, default=12, help="entries per stage (default 12)")
    args = ap.parse_args(argv)
    if not ARCHIVE.exists():
        print(f"{ARCHIVE} not found: nothing to profile")
        return 0
    warnings.simplefilter("ignore")
    print(f"convergence from {Path(cv.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="ungdc_slice_") as tmp:
        size = extract_slice(ARCHIVE, Path(tmp), args.every)
        print(f"slice: every {args.every}th speech, {size / 1e6:.1f} MB")
        corpus = profiled("parse", lambda: cv.read_corpus(Path(tmp), use_cache=False, jobs=1), args.top)
        print(f"   {len(corpus.articles):,} documents, {len(corpus.sentences):,} sentences")
        tagged = profiled("tag", lambda: cv.tag(corpus, jobs=1), args.top)
        profiled(
            "convergence by decade (PAK-USA)",
            lambda: cv.convergence(tagged, actors=("PAK", "USA"), by="decade"),
            args.top,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
