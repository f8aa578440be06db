"""A bounded pool of notebook workers: at most ``size`` worker processes, each fed one job at a time.

Each worker is ``python -m convergence.report.worker --queue <folder>``: a process that keeps papermill and
nbconvert loaded and executes the job files written to its standard input one after the other (in the
kernel it keeps, :mod:`convergence.report.kept_kernel`). Jobs are handed out from one shared queue,
longest first, so a core never idles while another still has a list to work through; jobs marked
``exclusive`` (the notebooks that load the whole corpus) never run two at a time, which bounds the memory
of the kernels together. A worker that dies (a crashed kernel, a hang past its wall-clock limit) is
replaced for the next job.

Workers run in their own session: a Ctrl-C in the terminal reaches the runner only, which calls
:meth:`NotebookPool.stop`; the workers are then asked to end (SIGTERM: each shuts its kernel down) and the
jobs not finished are reported as ``interrupted``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from convergence.report.html import write_text_atomic


def result_path(job_file: str | Path) -> Path:
    job_file = Path(job_file)
    return job_file.with_name(job_file.name.replace(".job.json", "") + ".result.json")


def _read_result(job_file: Path) -> dict | None:
    res_file = result_path(job_file)
    try:
        result = json.loads(res_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    job_file.unlink(missing_ok=True)
    res_file.unlink(missing_ok=True)
    return result


class _Worker:
    """One worker process and the job it is running."""

    def __init__(
        self, folder: Path, cwd: str | None, extra_env: dict | None = None, kernel: str | None = None
    ):
        env = dict(os.environ, **(extra_env or {}), CONVERGENCE_REPORT_PARENT=str(os.getpid()))
        self.cwd = cwd
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "convergence.report.worker",
                "--queue",
                str(folder),
                *(["--kernel", kernel] if kernel else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        self.stderr: list[str] = []
        self._drain = threading.Thread(target=self._read_stderr, daemon=True)
        self._drain.start()
        self.killed = False

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)
            del self.stderr[:-40]

    def run(self, job_file: Path, limit: float) -> bool:
        """Send one job; True when the worker reports it done, False when the worker died or was killed."""
        timer = threading.Timer(limit, self.kill)
        timer.start()
        try:
            self.proc.stdin.write(f"{job_file}\n")
            self.proc.stdin.flush()
            for line in self.proc.stdout:
                if line.strip() == f"done {job_file}":
                    return True
            return False
        except (BrokenPipeError, OSError, ValueError):
            return False
        finally:
            timer.cancel()

    def kill(self) -> None:
        self.killed = True
        with _quiet():
            self.proc.kill()

    def terminate(self) -> None:
        with _quiet():
            self.proc.send_signal(signal.SIGTERM)

    def close(self, timeout: float = 30) -> None:
        with _quiet():
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            self.proc.wait(timeout=10)

    def detail(self) -> str:
        return "".join(self.stderr).strip()[-2000:]


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is not None and issubclass(kind, (OSError, ValueError))


class NotebookPool:
    """Run job dicts (see ``worker.execute_job``) on at most ``size`` workers; results in input order.

    ``on_result(result)`` is called (from a pool thread) as each job finishes; ``on_drain()`` once, when no
    job is left to hand out and a worker has been ended (a core is free while the last jobs finish; not
    after :meth:`stop`). :meth:`stop` ends the run:
    running jobs are stopped and every unfinished job's result has status ``interrupted``. A Ctrl-C
    (KeyboardInterrupt) while :meth:`run` waits does the same, and ``run`` returns normally.
    """

    def __init__(self, size: int, folder: Path, *, on_result=None, on_drain=None, env: dict | None = None):
        self.size = max(1, int(size))
        self.env = dict(env or {})
        self.folder = Path(folder)
        self.on_result = on_result
        self.on_drain = on_drain
        self._drained = False
        self._stopping = threading.Event()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._turn = threading.Condition()
        self._exclusive_running = False
        self._idle: list[_Worker] = []  # started by prestart, not yet given a job

    @property
    def stopped(self) -> bool:
        return self._stopping.is_set()

    def stop(self) -> None:
        self._stopping.set()
        with self._turn:
            self._turn.notify_all()
        with self._lock:
            workers = list(self._workers)
        for w in workers:
            w.terminate()

    def _start_worker(self, cwd, kernel: str | None = None) -> _Worker:
        w = _Worker(self.folder, cwd, self.env, kernel)
        with self._lock:
            self._workers.append(w)
        if self._stopping.is_set():
            w.terminate()
        return w

    def prestart(self, n: int, *, cwd: str | None = None, kernel: str | None = None) -> None:
        """Start ``n`` workers now, each starting a ``kernel`` in ``cwd`` at once: their imports and their
        kernels' start overlap what the caller does next (reading the corpus); :meth:`run` uses them first
        (for jobs in the same ``cwd``), :meth:`close` ends those it did not use."""
        for _ in range(max(0, min(int(n), self.size))):
            self._idle.append(self._start_worker(cwd, kernel))

    def _take_idle(self, cwd) -> _Worker | None:
        with self._lock:
            for k, w in enumerate(self._idle):
                if w.cwd == cwd and w.proc.poll() is None:
                    return self._idle.pop(k)
        return None

    def close(self) -> None:
        """End the started workers that :meth:`run` did not use."""
        with self._lock:
            idle, self._idle = self._idle, []
        for w in idle:
            w.close(timeout=10)

    def _next(self, todo: list) -> tuple | None:
        """The first job in ``todo`` this thread may start: an ``exclusive`` job only while no other one
        runs (waits while only such jobs are left and one is running); None when done or stopping."""
        with self._turn:
            while not self._stopping.is_set() and todo:
                for k, (job, job_file) in enumerate(todo):
                    if job.get("exclusive") and self._exclusive_running:
                        continue
                    del todo[k]
                    if job.get("exclusive"):
                        self._exclusive_running = True
                    return job, job_file
                self._turn.wait(0.2)
            return None

    def _done(self, job: dict) -> None:
        with self._turn:
            if job.get("exclusive"):
                self._exclusive_running = False
            self._turn.notify_all()

    def _run_one(self, worker, job: dict, job_file: Path):
        """Run one job on ``worker`` (started, or replaced when it died); returns the worker to use next
        (None after it failed) and the job's result."""
        if worker is None or worker.proc.poll() is not None:
            worker = self._take_idle(job.get("cwd")) or self._start_worker(job.get("cwd"))
        started = time.perf_counter()
        # Each cell has its own execution_timeout in the kernel; this wall-clock limit only catches a
        # worker that hangs outside cell execution (kernel start, conversion).
        limit = job["timeout"] * 3 + 120
        done = worker.run(job_file, limit)
        result = _read_result(job_file) if done else None
        if result is None:
            result = _read_result(job_file)
        if result is None:
            if self._stopping.is_set():
                status, error = "interrupted", "interrupted before it finished"
            elif worker.killed:
                status, error = "timed out", f"worker killed after {limit} s"
            else:
                code = worker.proc.wait(timeout=30)
                status, error = "failed", f"worker exited with code {code}: {worker.detail()}"
            result = {
                "name": job["name"],
                "status": status,
                "error": error,
                "seconds": round(time.perf_counter() - started, 2),
            }
            worker.close(timeout=5)
            worker = None
        return worker, result

    def _serve(self, todo: list, results: dict) -> None:
        worker: _Worker | None = None
        try:
            while not self._stopping.is_set():
                picked = self._next(todo)
                if picked is None:
                    break
                job, job_file = picked
                try:
                    worker, result = self._run_one(worker, job, job_file)
                finally:
                    self._done(job)
                results[job["name"]] = result
                if self.on_result:
                    self.on_result(result)
        finally:
            if worker is not None:
                worker.close()
        self._drain()

    def _drain(self) -> None:
        """The first worker thread to run out of jobs (its worker, and kernel, ended) calls ``on_drain``."""
        with self._turn:
            if self._drained or self._stopping.is_set() or self.on_drain is None:
                return
            self._drained = True
        self.on_drain()

    def run(self, jobs: list[dict]) -> list[dict]:
        """Execute ``jobs`` (already ordered, longest first); returns one result per job, in input order."""
        self.folder.mkdir(parents=True, exist_ok=True)
        todo: list = []
        for job in jobs:
            job_file = self.folder / f"{job['name']}.job.json"
            result_path(job_file).unlink(missing_ok=True)
            write_text_atomic(job_file, json.dumps(job))
            todo.append((job, job_file))
        results: dict[str, dict] = {}
        threads = [
            threading.Thread(target=self._serve, args=(todo, results), daemon=True)
            for _ in range(min(self.size, len(jobs)))
        ]
        with self._lock:  # prestarted workers beyond the threads would only hold memory until the end
            spare, self._idle = self._idle[len(threads) :], self._idle[: len(threads)]
        for w in spare:
            w.close(timeout=10)
        for t in threads:
            t.start()
        try:
            for t in threads:
                while t.is_alive():
                    t.join(timeout=0.2)
        except KeyboardInterrupt:  # Ctrl-C: stop the workers, keep what finished
            self.stop()
            for t in threads:
                t.join(timeout=60)
        self.close()
        out = []
        for job in jobs:
            res = results.get(job["name"])
            if res is None:
                res = {
                    "name": job["name"],
                    "status": "interrupted",
                    "error": "not started: the run was interrupted",
                    "seconds": 0.0,
                }
                job_file = self.folder / f"{job['name']}.job.json"
                job_file.unlink(missing_ok=True)
            out.append(res)
        return out
