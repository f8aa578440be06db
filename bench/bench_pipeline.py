"""Convergence end to end against the obvious implementation (bench/baseline.py), and its scaling curve.

    .venv/bin/python bench/bench_pipeline.py --fraction 0.125        # ours cold + cached, baseline, ratio
    .venv/bin/python bench/bench_pipeline.py --scaling               # ours cold on 1/8, 1/4, 1/2, all
    .venv/bin/python bench/bench_pipeline.py --fraction 0.125 --json outputs/bench_pipeline.json

Input: ../shared/corpora/UNGDC_1946-2024.tgz, read at run time (skipped with a message when absent).
``--fraction F`` keeps every k-th speech file (k = round(1/F), archive order) and writes them to a temporary
archive that both pipelines read, so the ratio is computed on the same input; F=1 reads the archive itself.

"Ours" is parse -> tag -> convergence by decade for PAK-USA (``cv.tag_files(P, keep="tagged")`` when the
library has it, else ``cv.tag(cv.read_corpus(P))``). It runs COLD (fresh empty cache folder), then CACHED
twice: a second call in the same process and a call in a fresh process with the same cache folder. The
baseline runs once in its own process. Every phase runs in a fresh subprocess, where a thread samples
memory every 50 ms: peak RSS of the phase's main process and peak of the sum of PSS (RSS where PSS is
unavailable) over the process and its children. Figures: wall seconds, CPU seconds (process + children),
MB/s of raw text (sum of len(text) of the speech files, decoded), sentences/s (each side's own sentence
count), peak memory and peak/text, and the load average at the start of each phase (the machine may be
shared).

``--scaling`` runs ours cold on nested subsets (every 8th, 4th, 2nd file, all), prints seconds per MB, a
least-squares fit time = a + b*MB with R^2, and t(all)/t(1/2) next to MB(all)/MB(1/2).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
ACTORS = ("PAK", "USA")
PHASES = ("ours-cold", "ours-twice", "ours-cached", "baseline")


# ---------------------------------------------------------------------------------------------- measuring


class MemorySampler:
    """Samples memory every ``interval`` seconds in a thread: peak RSS of this process, peak of the summed
    PSS (RSS when PSS cannot be read) over this process and its children, in bytes."""

    def __init__(self, interval: float = 0.05):
        import psutil

        self._psutil = psutil
        self._proc = psutil.Process()
        self.interval = interval
        self.peak_rss = 0
        self.peak_tree = 0
        self.tree_measure = "pss"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_bytes(self) -> int:
        total = 0
        procs = [self._proc]
        try:
            procs += self._proc.children(recursive=True)
        except self._psutil.Error:
            pass
        for p in procs:
            try:
                total += p.memory_full_info().pss
            except (self._psutil.Error, AttributeError):
                try:
                    total += p.memory_info().rss
                    self.tree_measure = "pss/rss"
                except self._psutil.Error:
                    pass  # a worker that just ended
        return total

    def sample(self) -> None:
        self.peak_rss = max(self.peak_rss, self._proc.memory_info().rss)
        self.peak_tree = max(self.peak_tree, self._tree_bytes())

    def reset(self) -> None:
        self.peak_rss = self.peak_tree = 0
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn, sampler: MemorySampler) -> tuple[object, dict]:
    sampler.reset()
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), _cpu_seconds()
    out = fn()
    secs, cpu = time.perf_counter() - t0, _cpu_seconds() - c0
    sampler.sample()
    return out, {
        "seconds": secs,
        "cpu_seconds": cpu,
        "peak_rss_mb": sampler.peak_rss / 1e6,
        "peak_tree_mb": sampler.peak_tree / 1e6,
        "tree_measure": sampler.tree_measure,
        "load_avg_1min": load,
    }


# ---------------------------------------------------------------------------------------------- pipelines


def ours(paths, *, cache_dir, jobs=None) -> dict:
    """Parse -> tag -> convergence by decade for PAK-USA with the project's library (the ONE switch point)."""
    import convergence as cv

    if hasattr(cv, "tag_files"):
        tagged = cv.tag_files(paths, keep="tagged", cache_dir=cache_dir, jobs=jobs)
        api = "tag_files(keep='tagged')"
        n_sentences, kind = tagged.attrs.get("n_sentences"), "all"
        if n_sentences is None:  # the index numbers all sentences: its end bounds the count from below
            n_sentences = int(tagged.index.max()) + 1 if len(tagged) else 0
            kind = "all, from the index"
    else:
        corpus = cv.read_corpus(paths, cache_dir=cache_dir, jobs=jobs)
        tagged = cv.tag(corpus, jobs=jobs)
        n_sentences, kind, api = len(corpus.sentences), "all", "tag(read_corpus())"
    table = cv.convergence(tagged, actors=ACTORS, by="decade")
    return {
        "api": api,
        "sentences": int(n_sentences),
        "sentence_count": kind,
        "tagged_rows": len(tagged),
        "convergence_rows": len(table),
        "verdicts": table["verdict"].value_counts().to_dict(),
    }


def baseline(path) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from baseline import run_baseline

    res = run_baseline(path, actors=ACTORS)
    return {
        "api": "bench/baseline.py run_baseline",
        "sentences": int(res["sentences"]),
        "sentence_count": "all",
        "scored_sentences": int(res["scored"]["stance"].notna().sum()),
        "convergence_rows": len(res["convergence"]),
        "stance_rows_PAK_USA": {a: int(res["stances"]["actor"].eq(a).sum()) for a in ACTORS},
    }


def run_phase(phase: str, path: str, cache_dir: str, jobs: int | None) -> dict:
    """One phase in this (fresh) process; returns its figures."""
    import convergence.ingest  # noqa: F401
    import convergence.measure  # noqa: F401
    import convergence.tagging  # noqa: F401
    import pandas  # noqa: F401  -- imported before timing on both sides

    results = {}
    with MemorySampler() as sampler:
        if phase == "baseline":
            out, fig = _timed(lambda: baseline(path), sampler)
            results["baseline"] = {**out, **fig}
        else:
            names = {"ours-cold": ["cold"], "ours-twice": ["cold", "cached_same_process"]}
            for name in names.get(phase, ["cached_subprocess"]):
                out, fig = _timed(lambda: ours([Path(path)], cache_dir=cache_dir, jobs=jobs), sampler)
                results[name] = {**out, **fig}
    return results


def _spawn(phase: str, path: Path, cache_dir: Path, jobs: int | None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_file = Path(fh.name)
    cmd = [sys.executable, __file__, "--phase", phase, "--input", str(path), "--cache", str(cache_dir)]
    cmd += ["--result", str(result_file)] + (["--jobs", str(jobs)] if jobs else [])
    try:
        subprocess.run(cmd, check=True)
        return json.loads(result_file.read_text(encoding="utf-8"))
    finally:
        result_file.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------- inputs


def subset_archive(archive: Path, every: int, dest: Path) -> tuple[Path, dict]:
    """Every ``every``-th speech file of ``archive`` (archive order) in a new archive under ``dest``
    (``every=1``: the archive itself). Returns the path and the input's size: files, raw bytes, text MB."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from baseline import speech_members

    out = archive if every == 1 else dest / f"ungdc_every{every}.tgz"
    n, raw_bytes, chars = 0, 0, 0
    with tarfile.open(archive, "r:gz") as src:
        members = speech_members(src)[::every]
        writer = None if every == 1 else tarfile.open(out, "w:gz", compresslevel=6)
        try:
            for m in members:
                data = src.extractfile(m).read()
                n, raw_bytes = n + 1, raw_bytes + len(data)
                chars += len(data.decode("utf-8-sig", errors="replace"))
                if writer is not None:
                    info = tarfile.TarInfo(m.name)
                    info.size, info.mtime, info.mode = len(data), m.mtime, 0o644
                    writer.addfile(info, fileobj=io.BytesIO(data))
        finally:
            if writer is not None:
                writer.close()
    return out, {"every": every, "files": n, "raw_mb": raw_bytes / 1e6, "text_mb": chars / 1e6}


# ---------------------------------------------------------------------------------------------- reporting


def _line(label: str, fig: dict, text_mb: float) -> str:
    secs = fig["seconds"]
    return (
        f"{label:28s} {secs:8.1f} s  cpu {fig['cpu_seconds']:7.1f} s  {text_mb / secs:6.2f} MB/s  "
        f"{fig['sentences'] / secs:9,.0f} sent/s ({fig['sentences']:,} {fig['sentence_count']})  "
        f"peak RSS {fig['peak_rss_mb']:7.0f} MB, tree {fig['tree_measure']} {fig['peak_tree_mb']:7.0f} MB "
        f"= {fig['peak_tree_mb'] / text_mb:5.1f} x text  load {fig['load_avg_1min']:.2f}"
    )


def compare(archive: Path, fraction: float, jobs: int | None, *, skip_baseline: bool = False) -> dict:
    every = max(1, round(1 / fraction))
    with tempfile.TemporaryDirectory(prefix="bench_pipeline_") as tmp:
        tmp = Path(tmp)
        path, size = subset_archive(archive, every, tmp)
        print(
            f"input: every {every} speech file(s) of {archive.name}: {size['files']:,} files, "
            f"{size['raw_mb']:.1f} MB raw, {size['text_mb']:.1f} MB text (sum of len(text))",
            flush=True,
        )
        cache = tmp / "cache"
        cache.mkdir()
        figures = _spawn("ours-twice", path, cache, jobs)
        figures.update(_spawn("ours-cached", path, cache, jobs))
        for key in ("cold", "cached_same_process", "cached_subprocess"):
            print(_line(f"ours {key.replace('_', ' ')}", figures[key], size["text_mb"]), flush=True)
        print(f"  ours: {figures['cold']['api']}, convergence rows {figures['cold']['convergence_rows']}")
        result = {"input": size, "fraction": 1 / every, "ours": figures}
        if not skip_baseline:
            base = _spawn("baseline", path, cache, jobs)["baseline"]
            print(_line("baseline (obvious code)", base, size["text_mb"]), flush=True)
            print(
                f"  baseline: {base['scored_sentences']:,} scored sentences, convergence rows "
                f"{base['convergence_rows']}, stance rows {base['stance_rows_PAK_USA']}"
            )
            ratio = {k: base["seconds"] / figures[k]["seconds"] for k in figures}
            ratio_cpu = {k: base["cpu_seconds"] / figures[k]["cpu_seconds"] for k in figures}
            print("ratio baseline/ours, wall: " + ", ".join(f"{k} {v:.1f}x" for k, v in ratio.items()))
            print("ratio baseline/ours, CPU:  " + ", ".join(f"{k} {v:.1f}x" for k, v in ratio_cpu.items()))
            result.update(
                baseline=base, ratio_baseline_over_ours=ratio, ratio_cpu_baseline_over_ours=ratio_cpu
            )
    return result


def linear_fit(mb, seconds) -> dict:
    """Least squares ``seconds = a + b * mb`` with R^2, and the last point over the one before it."""
    import numpy as np

    x, t = np.asarray(mb, dtype=float), np.asarray(seconds, dtype=float)
    b, a = np.polyfit(x, t, 1)
    ss_tot = ((t - t.mean()) ** 2).sum()
    r2 = 1 - ((t - (a + b * x)) ** 2).sum() / ss_tot if ss_tot else float("nan")
    return {
        "a_seconds": float(a),
        "b_seconds_per_mb": float(b),
        "r2": float(r2),
        "t_all_over_t_half": float(t[-1] / t[-2]),
        "mb_all_over_mb_half": float(x[-1] / x[-2]),
    }


def scaling(archive: Path, jobs: int | None) -> dict:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_scaling_") as tmp:
        tmp = Path(tmp)
        for every in (8, 4, 2, 1):
            path, size = subset_archive(archive, every, tmp)
            cache = tmp / f"cache{every}"
            cache.mkdir()
            fig = _spawn("ours-cold", path, cache, jobs)["cold"]
            rows.append({**size, **fig})
            print(
                f"1/{every:<2d} {size['text_mb']:7.1f} MB text  {fig['seconds']:7.1f} s  "
                f"{fig['seconds'] / size['text_mb']:6.3f} s/MB  cpu {fig['cpu_seconds']:7.1f} s  "
                f"peak RSS {fig['peak_rss_mb']:6.0f} MB, tree {fig['peak_tree_mb']:6.0f} MB "
                f"({fig['peak_tree_mb'] / size['text_mb']:.1f} x text)  load {fig['load_avg_1min']:.2f}",
                flush=True,
            )
            if path != archive:
                path.unlink()
    mb = [r["text_mb"] for r in rows]
    fits = {}
    for key in ("seconds", "cpu_seconds"):  # wall time, and CPU time (less sensitive to a shared machine)
        fit = fits[key] = linear_fit(mb, [r[key] for r in rows])
        print(
            f"fit ({'wall' if key == 'seconds' else 'CPU'}): time = {fit['a_seconds']:.1f} s + "
            f"{fit['b_seconds_per_mb']:.3f} s/MB x MB, R^2 = {fit['r2']:.4f}; t(all)/t(1/2) = "
            f"{fit['t_all_over_t_half']:.2f} for MB(all)/MB(1/2) = {fit['mb_all_over_mb_half']:.2f}"
        )
    return {"points": rows, "fit": fits["seconds"], "fit_cpu": fits["cpu_seconds"]}


def _write_json(path: Path, data: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, default=str)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--fraction", type=float, default=1.0, help="share of speech files, e.g. 0.125 (every 8th)"
    )
    ap.add_argument("--scaling", action="store_true", help="ours cold on 1/8, 1/4, 1/2 and all (no baseline)")
    ap.add_argument("--no-baseline", action="store_true", help="ours only")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes for ours (library default)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures to this file (atomically)")
    ap.add_argument("--archive", type=Path, default=ARCHIVE, help=argparse.SUPPRESS)
    ap.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--cache", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        _write_json(Path(args.result), run_phase(args.phase, args.input, args.cache, args.jobs))
        return 0
    if not 0 < args.fraction <= 1:
        ap.error("--fraction must be in (0, 1]")
    if not args.archive.is_file():
        print(f"{args.archive} not found: nothing to benchmark", file=sys.stderr)
        return 0
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, load {os.getloadavg()}", flush=True)
    data = {"archive": str(args.archive), "cpus": os.cpu_count()}
    if args.scaling:
        data["scaling"] = scaling(args.archive, args.jobs)
    else:
        data["compare"] = compare(args.archive, args.fraction, args.jobs, skip_baseline=args.no_baseline)
    if args.json:
        _write_json(args.json, data)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
