"""One long report run over real corpora: time, peak memory of the whole process tree, completion.

    .venv/bin/python bench/long_run.py [--jobs N] [--keep OUT] [--issues a,b]

Runs ``convergence.report.run_report`` once over the Dawn/APP 2025 sample and the UN General Debate corpus
together (read at run time from ``<repo>/../shared/corpora``; nothing is copied into the repository) into a
temporary output folder. A thread samples the memory of this process and all its descendants (workers,
Jupyter kernels) every 0.5 s as the sum of PSS (proportional set size: shared pages are split between the
processes that share them, so the sum is not inflated by double counting). Prints the seconds, the peak MB,
and whether every report completed (and each report's hash checks out against the manifest).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
INPUTS = [CORPORA / "dawn_app_2025_sample.jsonl.gz", CORPORA / "UNGDC_1946-2024.tgz"]


class TreeMemory:
    """Peak of the summed PSS (falling back to RSS) of a process and its descendants, sampled."""

    def __init__(self, pid: int, interval: float = 0.5):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_processes = 0
        self.samples = 0
        self.kind = "pss"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _one(self, proc: psutil.Process) -> int:
        try:
            if self.kind == "pss":
                try:
                    return proc.memory_full_info().pss
                except (psutil.AccessDenied, AttributeError):
                    self.kind = "rss"
            return proc.memory_info().rss
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return 0

    def sample(self) -> int:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = sum(self._one(p) for p in procs)
        self.samples += 1
        if total > self.peak:
            self.peak, self.peak_processes = total, len(procs)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sample()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=None, help="parallel kernels (default: CPU cores)")
    ap.add_argument("--issues", default=None, help="comma-separated issue slugs (default: all)")
    ap.add_argument("--keep", help="write into this folder instead of a temporary one")
    ap.add_argument("--timeout", type=int, default=1800, help="per-notebook cell timeout, seconds")
    args = ap.parse_args(argv)

    missing = [str(p) for p in INPUTS if not p.is_file()]
    if missing:
        print(f"long_run: corpora not found: {', '.join(missing)} (needs <repo>/../shared)", file=sys.stderr)
        return 2

    from convergence.report import run_report
    from convergence.report.safety import files_match

    issues = [s.strip() for s in args.issues.split(",")] if args.issues else None
    with tempfile.TemporaryDirectory(prefix="convergence-long-run-") as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "out"
        started = time.perf_counter()
        with TreeMemory(psutil.Process().pid) as mem:
            result = run_report(
                INPUTS, out=out, jobs=args.jobs, issues=issues, timeout=args.timeout, progress=False
            )
        seconds = time.perf_counter() - started
        manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
        verified = sum(files_match(out, r) for r in manifest["reports"] if r["status"] == "completed")
        completed = sum(r["status"] == "completed" for r in result.reports)
        print()
        print(f"inputs:        {', '.join(p.name for p in INPUTS)}")
        print(
            f"corpus:        {manifest['corpus']['articles']} articles, {manifest['corpus']['sentences']} "
            f"sentences, {manifest['corpus']['skipped']} skipped"
        )
        print(f"timings (s):   {json.dumps(manifest['timings'])}")
        print(f"seconds:       {seconds:.1f}")
        print(
            f"peak memory:   {mem.peak / 2**20:.0f} MB ({mem.kind.upper()} sum over {mem.peak_processes} "
            f"processes; {mem.samples} samples every {mem.interval} s)"
        )
        print(
            f"reports:       {completed}/{len(result.reports)} completed, {verified} verified by sha256; "
            f"all completed: {result.ok}"
        )
        for f in result.failures:
            print(f"  FAILED {f['name']}: {f['status']}: {(f.get('error') or '')[:300]}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
