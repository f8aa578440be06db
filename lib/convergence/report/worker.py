"""Run report jobs in a separate process: ``python -m convergence.report.worker --queue FOLDER`` reads job
file paths from its standard input, one a line, until it closes (``python -m convergence.report.worker
JOB.json [JOB.json ...]`` runs the files named).

The runner's pool (:mod:`convergence.report.pool`) starts at most one such process per CPU core and hands
each the next job as it finishes one; each job's result goes to ``<job>.result.json`` beside its job file,
then ``done <job file>`` is printed. A notebook that crashes its kernel or hangs
cannot take the runner down with it. When the runner dies (even by SIGKILL) the worker gets SIGTERM (Linux
parent-death signal) and exits, shutting its kernel down, so no orphan keeps writing into the output folder.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from convergence.report.html import write_text_atomic
from convergence.report.pool import result_path
from convergence.report.runner import execute_job


def _die_with_parent() -> None:
    """Ask Linux for SIGTERM when the runner dies; exit now if it is already gone."""
    parent = os.environ.get("CONVERGENCE_REPORT_PARENT")
    if not parent:
        return
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if str(os.getppid()) != parent:
        sys.exit(3)  # the runner died before the death signal was set


def _on_term(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _save_once() -> None:
    """papermill writes (and validates) the whole output notebook before and after every cell; a report
    notebook is read only once it has finished, so write it once, when execution ends (also on errors)."""
    from papermill.engines import NotebookExecutionManager

    original = NotebookExecutionManager.save

    def save(self, **kwargs):
        if self.nb.metadata.get("papermill", {}).get("end_time"):
            return original(self, **kwargs)
        self.last_save_time = self.now()
        return None

    NotebookExecutionManager.save = save


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(
            "usage: python -m convergence.report.worker --queue FOLDER | JOB.json [JOB.json ...]",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, _on_term)
    _die_with_parent()
    _save_once()
    files = (line.strip() for line in sys.stdin if line.strip()) if args[0] == "--queue" else iter(args)
    for job_file in files:
        job = json.loads(Path(job_file).read_text(encoding="utf-8"))
        result = execute_job(job)
        write_text_atomic(result_path(job_file), json.dumps(result))
        print(f"done {job_file}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
