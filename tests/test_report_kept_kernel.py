"""A report worker keeps its kernel from one notebook to the next: each executed notebook is the one a fresh
kernel gives (empty namespace, execution counts from 1), a notebook that times out or fails is reported and
the next one gets a new kernel, and the pool never runs two notebooks marked exclusive at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import nbformat
from convergence.report.pool import NotebookPool, result_path

ROOT = Path(__file__).resolve().parents[1]


def _notebook(path: Path, *cells: str) -> Path:
    book = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    book.cells = [params, *(nbformat.v4.new_code_cell(c) for c in cells)]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(book, path)
    return path


def _job(tmp: Path, name: str, notebook: Path, *, timeout: int = 60, x: int = 2, **extra) -> dict:
    return {
        "name": name,
        "title": name,
        "notebook": str(notebook),
        "ipynb": str(tmp / "out" / f"{name}.ipynb"),
        "html": str(tmp / "out" / f"{name}.html"),
        "parameters": {"x": x},
        "timeout": timeout,
        "show_code": False,
        "kernel": "python3",
        "cwd": str(ROOT),
        "key": name,
        **extra,
    }


def _run_worker(tmp: Path, jobs: list[dict], **env) -> list[dict]:
    files = []
    for job in jobs:
        f = tmp / f"{job['name']}.job.json"
        f.write_text(json.dumps(job), encoding="utf-8")
        files.append(str(f))
    subprocess.run(
        [sys.executable, "-m", "convergence.report.worker", *files],
        env=dict(os.environ, **env),
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [json.loads(result_path(f).read_text(encoding="utf-8")) for f in files]


def _cells(path: str) -> list[tuple]:
    book = nbformat.read(path, as_version=4)
    keys = ("output_type", "text", "data")
    return [
        (c.get("execution_count"), [{k: o.get(k) for k in keys} for o in c.outputs])
        for c in book.cells
        if c.cell_type == "code"
    ]


def test_a_kept_kernel_gives_each_notebook_what_a_fresh_kernel_gives(tmp_path):
    first = _notebook(tmp_path / "first.ipynb", "left_over = 41", "x + left_over")
    second = _notebook(tmp_path / "second.ipynb", "'left_over' in globals(), x", "print(x * 10)")
    outputs = {}
    for mode, env in (("kept", {}), ("fresh", {"CONVERGENCE_REUSE_KERNELS": "0"})):
        folder = tmp_path / mode
        folder.mkdir()
        jobs = [_job(folder, "first", first, x=1), _job(folder, "second", second, x=3)]
        results = _run_worker(folder, jobs, **env)
        assert [r["status"] for r in results] == ["completed", "completed"], results
        outputs[mode] = [_cells(job["ipynb"]) for job in jobs]
    assert outputs["kept"] == outputs["fresh"]
    second_cells = outputs["kept"][1]
    assert [count for count, _ in second_cells] == [1, 2, 3, 4]  # injected parameters cell included
    assert second_cells[2][1][0]["data"]["text/plain"] == "(False, 3)"


def test_after_a_timed_out_notebook_the_next_one_runs_in_a_new_kernel(tmp_path):
    slow = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(60)")
    quick = _notebook(tmp_path / "quick.ipynb", "x * 2")
    jobs = [_job(tmp_path, "slow", slow, timeout=3), _job(tmp_path, "quick", quick, x=21)]
    slow_result, quick_result = _run_worker(tmp_path, jobs)
    assert slow_result["status"] == "timed out", slow_result
    assert quick_result["status"] == "completed", quick_result
    assert _cells(jobs[1]["ipynb"])[-1][1][0]["data"]["text/plain"] == "42"


def test_exclusive_jobs_never_run_at_the_same_time(tmp_path):
    nap = _notebook(tmp_path / "nap.ipynb", "import time\ntime.sleep(1.5)")
    jobs = [
        _job(tmp_path, "whole-a", nap, exclusive=True),
        _job(tmp_path, "whole-b", nap, exclusive=True),
        _job(tmp_path, "part-a", nap),
        _job(tmp_path, "part-b", nap),
    ]
    results = NotebookPool(2, tmp_path / "jobs").run(jobs)
    assert [r["status"] for r in results] == ["completed"] * 4, results

    def span(name: str) -> tuple[datetime, datetime]:
        meta = nbformat.read(str(tmp_path / "out" / f"{name}.ipynb"), as_version=4).metadata["papermill"]
        return datetime.fromisoformat(meta["start_time"]), datetime.fromisoformat(meta["end_time"])

    (a0, a1), (b0, b1) = span("whole-a"), span("whole-b")
    assert a1 <= b0 or b1 <= a0  # one after the other
    (p0, _p1) = span("part-a")
    assert p0 < a1  # meanwhile the other worker took a job that is not exclusive


def test_prestarted_workers_take_the_jobs_and_unused_ones_are_ended(tmp_path):
    quick = _notebook(tmp_path / "quick.ipynb", "x * 2")
    pool = NotebookPool(2, tmp_path / "jobs")
    pool.prestart(2, cwd=str(ROOT), kernel="python3")
    started = list(pool._workers)
    assert len(started) == 2
    results = pool.run([_job(tmp_path, "quick", quick, x=21)])
    assert results[0]["status"] == "completed", results
    assert _cells(str(tmp_path / "out" / "quick.ipynb"))[-1][1][0]["data"]["text/plain"] == "42"
    assert len(pool._workers) == 2  # the job ran on a prestarted worker, none was added
    for w in started:  # the one left idle is ended by run(), the one used when its thread ends
        assert w.proc.wait(timeout=60) == 0
