"""Wall time and peak memory of ``convergence report`` on real corpora: cold, cold-out with a warm parse
cache, and an unchanged re-run.

    .venv/bin/python bench/bench_report.py                       # seeds, Dawn sample, White House briefings
    .venv/bin/python bench/bench_report.py --corpus seeds --json outputs/bench_report.json
    .venv/bin/python bench/bench_report.py --corpus ungdc --issues kashmir,afghanistan

Each phase runs ``python -m convergence.cli report CORPUS --out TMP`` in a subprocess; a thread looks at the
process tree (the runner, its notebook workers and their kernels) every 100 ms: the peak RSS of the largest
single process and that of the largest notebook kernel (a process forked by the kernel server, or an
``ipykernel`` one) are the kernel's own high-water marks (``VmHWM``; RSS where it cannot be read), and the
peak of the tree's summed PSS (RSS where PSS cannot be read) is sampled every 500 ms. Reading PSS makes the
kernel walk each process's page tables: done every 100 ms on the Dawn/APP sample, it cost this 2-core
machine about 4 s of the report's wall time, with the same peaks. CPU seconds are
those of every process the command started (user + system, from the children's resource usage), which
depend far less than wall time on what else the machine runs. Phases:

* ``cold``: empty output folder and empty parse/tag cache (``CONVERGENCE_CACHE`` set to a fresh folder);
* ``warm-cache``: empty output folder, the parse cache the cold phase filled;
* ``rerun``: the same command again into the cold phase's folder (inputs unchanged: everything reused).

``--cache DIR`` uses that parse/tag cache instead of a fresh one, so ``--phases warm-cache,rerun`` times
the report part alone for a corpus tagged before (without ``cold``, ``rerun`` re-runs into the
``warm-cache`` phase's folder).

Corpora are read from ../shared/corpora at run time and skipped with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CONVERGENCE_SHARED", ROOT.parent / "shared")) / "corpora"
CORPORA = {
    "seeds": ROOT / "seeds",
    "dawn": SHARED / "dawn_app_2025_sample.jsonl.gz",
    "briefings": SHARED / "wh-briefings_pakistan_2021-2026.tgz",
    "ungdc": SHARED / "UNGDC_1946-2024.tgz",
}


def _is_kernel(proc: psutil.Process) -> bool:
    """A notebook kernel: forked by the kernel server (its parent runs ``convergence.report.kernels
    serve``) or an ``ipykernel`` process of its own."""
    try:
        cmd = " ".join(proc.cmdline())
        if "ipykernel" in cmd:
            return True
        parent = proc.parent()
        return parent is not None and "convergence.report.kernels serve" in " ".join(parent.cmdline())
    except psutil.Error:
        return False


def _high_water(proc: psutil.Process) -> int:
    """The process's peak RSS so far (``VmHWM``), or its current RSS where that cannot be read."""
    try:
        with open(f"/proc/{proc.pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return proc.memory_info().rss


class TreeSampler:
    """Peak summed PSS of a process and its descendants (sampled every ``pss_every`` looks), peak RSS of the
    largest one and of the largest notebook kernel (their own high-water marks)."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 5):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.pss_every = pss_every
        self._looks = 0
        self.peak_tree = 0
        self.peak_one = 0
        self.peak_kernel = 0
        self._kernels: dict[int, bool] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        pss = self._looks % self.pss_every == 0
        self._looks += 1
        total = 0
        for p in procs:
            try:
                peak = _high_water(p)
                self.peak_one = max(self.peak_one, peak)
                if p.pid not in self._kernels:
                    self._kernels[p.pid] = _is_kernel(p)
                if self._kernels[p.pid]:
                    self.peak_kernel = max(self.peak_kernel, peak)
                if pss:
                    info = p.memory_full_info()
                    total += getattr(info, "pss", info.rss)
            except psutil.Error:
                continue
        self.peak_tree = max(self.peak_tree, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_phase(corpus: Path, out: Path, cache: Path, extra: list[str]) -> dict:
    env = dict(os.environ, CONVERGENCE_CACHE=str(cache))
    cmd = [sys.executable, "-m", "convergence.cli", "report", str(corpus), "--out", str(out), "--no-progress"]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd + extra, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with TreeSampler(proc.pid) as sampler:
        output, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 1),
        "exit": proc.returncode,
        "peak_tree_mb": round(sampler.peak_tree / 1e6),
        "peak_process_mb": round(sampler.peak_one / 1e6),
        "peak_kernel_mb": round(sampler.peak_kernel / 1e6),
        "load_avg_1min": round(load, 2),
        "last_line": output.strip().splitlines()[-1] if output.strip() else "",
    }


PHASES = ("cold", "warm-cache", "rerun")


def bench(name: str, corpus: Path, extra: list[str], phases=PHASES, cache: Path | None = None) -> dict:
    out = {"corpus": name}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        tmp = Path(tmp)
        for phase in phases:
            folder = tmp / ("out2" if phase == "warm-cache" and "cold" in phases else "out")
            out[phase] = run_phase(corpus, folder, cache or tmp / "cache", extra)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", action="append", choices=sorted(CORPORA), help="default: seeds, dawn, briefings"
    )
    ap.add_argument("--issues", help="passed to report --issues")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated phases to run (default: all three)"
    )
    ap.add_argument(
        "--cache",
        help="parse/tag cache folder to use instead of a fresh one (one a cold phase filled before): "
        "with --phases warm-cache,rerun, the report part alone, without tagging the corpus again",
    )
    args = ap.parse_args(argv)
    extra = ["--issues", args.issues] if args.issues else []
    results = []
    for name in args.corpus or ["seeds", "dawn", "briefings"]:
        path = CORPORA[name]
        if not path.exists():
            print(f"{name}: {path} not found, skipped")
            continue
        phases = [p for p in args.phases.split(",") if p in PHASES]
        res = bench(name, path, extra, phases, Path(args.cache).resolve() if args.cache else None)
        results.append(res)
        for phase in phases:
            r = res[phase]
            print(
                f"{name:10} {phase:10} {r['seconds']:7.1f} s  cpu {r['cpu_seconds']:6.1f} s  "
                f"exit {r['exit']}  tree {r['peak_tree_mb']:5d} MB  "
                f"largest process {r['peak_process_mb']:5d} MB  largest kernel {r['peak_kernel_mb']:5d} MB  "
                f"load {r['load_avg_1min']:.1f}",
                flush=True,
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
