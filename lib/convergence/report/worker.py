"""Run report jobs in a separate process: ``python -m convergence.report.worker JOB.json [JOB.json ...]``.

The runner starts at most one such process per CPU core and gives each a share of the notebooks; each
job's result goes to ``<job>.result.json`` beside its job file. A notebook that crashes its kernel or hangs
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
from convergence.report.runner import execute_job


def result_path(job_file: str | Path) -> Path:
    job_file = Path(job_file)
    return job_file.with_name(job_file.name.replace(".job.json", "") + ".result.json")


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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m convergence.report.worker JOB.json [JOB.json ...]", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _on_term)
    _die_with_parent()
    for job_file in args:
        job = json.loads(Path(job_file).read_text(encoding="utf-8"))
        result = execute_job(job)
        write_text_atomic(result_path(job_file), json.dumps(result))
        print(f"done {job_file}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
