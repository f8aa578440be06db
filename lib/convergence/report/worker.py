"""Run report jobs in a separate process: ``python -m convergence.report.worker JOB.json [JOB.json ...]``.

The runner starts at most one such process per CPU core and gives each a share of the notebooks; each
job's result goes to ``<job>.result.json`` beside its job file. A notebook that crashes its kernel or hangs
cannot take the runner down with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from convergence.report.html import write_text_atomic
from convergence.report.runner import execute_job


def result_path(job_file: str | Path) -> Path:
    job_file = Path(job_file)
    return job_file.with_name(job_file.name.replace(".job.json", "") + ".result.json")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m convergence.report.worker JOB.json [JOB.json ...]", file=sys.stderr)
        return 2
    for job_file in args:
        job = json.loads(Path(job_file).read_text(encoding="utf-8"))
        result = execute_job(job)
        write_text_atomic(result_path(job_file), json.dumps(result))
        print(f"done {job_file}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
