"""Run report jobs in a separate process: ``python -m convergence.report.worker --queue FOLDER [--kernel
NAME]`` reads job file paths from its standard input, one a line, until it closes; ``--kernel`` starts that
kernel at once, in the current folder, for the jobs to come. ``python -m convergence.report.worker JOB.json
[JOB.json ...]`` runs the files named. :func:`execute_job` runs one job: the notebook under papermill, then
its HTML.

The runner's pool (:mod:`convergence.report.pool`) starts at most one such process per CPU core and hands
each the next job as it finishes one; each job's result goes to ``<job>.result.json`` beside its job file,
then ``done <job file>`` is printed. A notebook that crashes its kernel or hangs
cannot take the runner down with it. When the runner dies (even by SIGKILL) the worker gets SIGTERM (Linux
parent-death signal) and exits, shutting its kernel down, so no orphan keeps writing into the output folder.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from pathlib import Path

from convergence.report.html import write_notebook_html, write_text_atomic
from convergence.report.kernels import KERNEL_NAME
from convergence.report.pool import result_path
from convergence.report.safety import sha256_file


def _is_timeout(exc: BaseException, nb_path: Path) -> bool:
    """Whether a papermill failure is a cell that ran past ``execution_timeout``."""
    chain = [e for e in (exc, exc.__cause__, exc.__context__) if e is not None]
    if any(type(e).__name__ == "CellTimeoutError" for e in chain):
        return True
    if str(getattr(exc, "ename", "")) in ("CellTimeoutError", "TimeoutError"):
        return True
    if re.search(r"cell timed out|cell execution timed out", str(exc), re.I):
        return True
    try:
        import nbformat

        nb = nbformat.read(str(nb_path), as_version=4)
    except Exception:
        return False
    return any(
        output.get("output_type") == "error" and "Timeout" in str(output.get("ename", ""))
        for cell in nb.cells
        for output in cell.get("outputs", [])
    )


def _executed_any(nb_path: Path) -> bool:
    try:
        import nbformat

        nb = nbformat.read(str(nb_path), as_version=4)
    except Exception:
        return False
    return any(
        c.get("cell_type") == "code"
        and c.get("execution_count") is not None
        and "parameters" not in c.metadata.get("tags", [])
        for c in nb.cells
    )


def _short_error(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}".strip()[:2000]
    text = f"{type(exc).__name__}: {exc}".strip()
    return text[:2000]


def execute_job(job: dict, kept=None) -> dict:
    """Execute one notebook with papermill and convert it to HTML. Runs in a worker process.

    A kernel that fails to start is retried once. The executed notebook is kept whatever happens. papermill
    writes into a temporary ``.<name>.partial.ipynb`` that replaces ``<name>.ipynb`` when execution ends, and
    the HTML is written atomically, so neither file is ever seen half-written; the earlier run's files of
    this report are removed first, so a failed run never leaves them looking current. The result carries
    the sha256 of both files. ``kept``: a :class:`~convergence.report.kept_kernel.KeptKernel` whose kernel
    runs the notebook (and is shut down when the notebook does not complete); None: a kernel of its own.
    """
    import papermill as pm

    started = time.perf_counter()
    ipynb, out_html = Path(job["ipynb"]), Path(job["html"])
    ipynb.parent.mkdir(parents=True, exist_ok=True)
    partial = ipynb.with_name(f".{ipynb.stem}.{os.getpid()}.partial.ipynb")
    for old in (out_html, ipynb, partial):
        old.unlink(missing_ok=True)
    status, error = "completed", None
    for attempt in (1, 2):
        try:
            engine = {}
            if kept is not None:
                from convergence.report.kept_kernel import ENGINE

                km = kept.manager(job.get("kernel", "python3"), job.get("cwd"))
                engine = {"engine_name": ENGINE, "km": km}
            pm.execute_notebook(
                job["notebook"],
                str(partial),
                parameters=job["parameters"],
                kernel_name=job.get("kernel", "python3"),
                language="python",
                execution_timeout=job["timeout"],
                start_timeout=60,
                progress_bar=False,
                log_output=False,
                cwd=job.get("cwd"),
                **engine,
            )
            status, error = "completed", None
            break
        except Exception as exc:  # papermill raises many types; classify, never hide
            if kept is not None:
                kept.discard()  # busy past a timeout, dead or half-started: the next notebook gets a new one
            started_cells = _executed_any(partial)
            kernel_problem = (
                isinstance(exc, (RuntimeError, TimeoutError, OSError)) or "kernel" in str(exc).lower()
            )
            if (
                not started_cells
                and kernel_problem
                and type(exc).__name__ != "PapermillExecutionError"
                and not _is_timeout(exc, partial)
            ):
                status = "failed"
                error = f"kernel did not start (attempt {attempt} of 2): {_short_error(exc)}"
                continue  # retried once
            if _is_timeout(exc, partial):
                status, error = "timed out", f"timed out after {job['timeout']} s: {_short_error(exc)}"
            else:
                status, error = "failed", _short_error(exc)
            break
    if partial.is_file():
        if job.get("kernel") == KERNEL_NAME:
            _name_kernel(partial, "python3")
        os.chmod(partial, 0o644)
        os.replace(partial, ipynb)
    html_ok = False
    if ipynb.is_file():
        try:
            write_notebook_html(ipynb, out_html, show_code=job["show_code"], title=job["title"])
            html_ok = True
        except Exception as exc:
            error = (error + "\n" if error else "") + f"HTML conversion failed: {_short_error(exc)}"
            status = "failed"
    return {
        "name": job["name"],
        "status": status,
        "error": error,
        "seconds": round(time.perf_counter() - started, 2),
        "html_written": html_ok,
        "html_sha256": sha256_file(out_html) if html_ok else None,
        "ipynb_sha256": sha256_file(ipynb) if ipynb.is_file() else None,
    }


def _name_kernel(path: Path, name: str) -> None:
    """Record ``name`` as the executed notebook's kernel (a forked kernel is a plain ``python3`` kernel)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        spec = nb.setdefault("metadata", {}).setdefault("kernelspec", {})
        spec.update(name=name, display_name="Python 3 (ipykernel)", language="python")
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except (OSError, ValueError):
        pass


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


def _skip_unused_imports() -> None:
    """jsonschema (which nbformat validates with) imports the optional ``rfc3987_syntax`` for its "iri"
    string format, and that import builds a grammar for about two CPU seconds. No notebook schema uses the
    format, so the worker goes without it: validation is the same. papermill imports ``pyarrow.fs`` (and
    with it numpy and pyarrow: 0.2 CPU seconds and 40 MB per worker) for notebooks stored on HDFS; a
    report's notebooks are local files."""
    sys.modules.setdefault("rfc3987_syntax", None)  # a None entry makes ``import`` raise ImportError
    if "pyarrow" not in sys.modules:
        sys.modules.setdefault("pyarrow.fs", None)


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
            "usage: python -m convergence.report.worker --queue FOLDER [--kernel NAME] "
            "| JOB.json [JOB.json ...]",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, _on_term)
    _die_with_parent()
    _skip_unused_imports()
    _save_once()
    queued = args[0] == "--queue"
    files = (line.strip() for line in sys.stdin if line.strip()) if queued else iter(args)
    from convergence.report import kept_kernel

    kept = kept_kernel.KeptKernel() if kept_kernel.enabled() else None
    if queued and kept is not None and args[2:3] == ["--kernel"] and len(args) > 3:
        try:  # started before the first job arrives; the first job's client waits for it to be ready
            kept.manager(args[3], os.getcwd())
        except Exception:  # noqa: BLE001 - the first job starts one itself (and reports why it cannot)
            kept.discard()
    try:
        for job_file in files:
            job = json.loads(Path(job_file).read_text(encoding="utf-8"))
            result = execute_job(job, kept)
            write_text_atomic(result_path(job_file), json.dumps(result))
            print(f"done {job_file}", flush=True)
    finally:
        if kept is not None:
            kept.discard()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Every result is written and the kept kernel is shut down: the interpreter's teardown of papermill,
    # nbconvert and zmq (about half a second) would only delay the runner, which waits for this exit.
    os._exit(code)
