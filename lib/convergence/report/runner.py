"""Batch reports: run the notebooks with papermill in parallel and write self-contained HTML.

:func:`run_report` parses and tags the corpus once, stores the tables in ``<out>/_data`` for the
notebooks, then runs the corpus overview, the convergence matrix and one issue report per issue area with
evidence, each in its own kernel, in a process pool capped at the CPU count. Every run writes
``index.html`` and ``manifest.json`` (inputs with sha256 hashes, parameters, package versions, timings,
failures, each report's status and sha256). A rerun with unchanged inputs and parameters reuses the earlier
results once every report file matches its recorded hash (``force=True`` re-runs).

Safety (see :mod:`convergence.report.safety`): the data files are checked before the corpus is read; one run
at a time per output folder (a lock); report file names come from :func:`safe_stem` and every path written
is checked to lie inside ``out``; every file is written through a temporary file and ``os.replace``;
``index.html`` and ``manifest.json`` are removed when a run starts writing and written again only at its end,
so a run killed at any point never leaves an index or manifest that claims an unfinished report. While a run
writes, ``<out>/.convergence-run.json`` records it and the reports finished so far (with their hashes): the
next run cleans the killed run's temporary files and reuses its finished reports.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

import convergence as cv
from convergence.measure import load_thresholds
from convergence.paths import project_root, resolve
from convergence.report import data as report_data
from convergence.report import exports
from convergence.report import pairs as report_pairs
from convergence.report import summary as report_summary
from convergence.report.folder import check_output_folder
from convergence.report.html import index_page, write_text_atomic
from convergence.report.kernels import KERNEL_NAME
from convergence.report.memory import release_memory
from convergence.report.pool import NotebookPool
from convergence.report.safety import (
    ReportError,
    RunLock,
    RunMarker,
    files_match,
    inside,
    remove_leftovers,
    safe_stem,
    sha256_file,
)
from convergence.report.tables import read_frame
from convergence.tagging.lexicon import load_tag_data


def _charts():
    """convergence.charts, imported when first needed (each of its names loads its own module)."""
    from convergence import charts

    return charts


OVERVIEW = "00-corpus-overview"
ISSUE = "10-issue-area"
MATRIX = "20-convergence-matrix"
TIMELINE = "30-timeline"
SOURCES = "40-source-comparison"
_PACKAGES = (
    "convergence",
    "pandas",
    "numpy",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
)
_RESULT_FILES = ("index.html", "manifest.json")


@dataclass
class ReportResult:
    """What :func:`run_report` did. ``ok`` is False when any notebook failed or timed out."""

    out: Path
    index: Path
    manifest: Path
    reports: list[dict] = field(default_factory=list)
    reused: bool = False
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.reports if r["status"] != "completed"]

    @property
    def ok(self) -> bool:
        return not self.failures

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"{len(self.failures)} failed"
        return (
            f"ReportResult({len(self.reports)} reports, {state}, reused={self.reused}, out={str(self.out)!r})"
        )


# ------------------------------------------------------------------------------------------------ hashing


def _sha256_file(path: Path) -> str:
    return sha256_file(path)


def hash_inputs(paths) -> list[dict]:
    """Every input file under ``paths`` with its size and sha256 content hash (sorted by path)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*")) if f.is_file())
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(f"input not found: {p}")
    seen, out = set(), []
    for f in files:
        key = str(f.resolve())
        if key in seen:
            continue
        seen.add(key)
        try:
            out.append({"path": str(f), "bytes": f.stat().st_size, "sha256": _sha256_file(f)})
        except OSError as exc:
            out.append({"path": str(f), "bytes": None, "sha256": None, "error": str(exc)})
    return out


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def library_fingerprint() -> str:
    """sha256 over the library's code and editable data (taxonomy, lexicons...): results depend on both."""
    pkg = Path(cv.__file__).resolve().parent
    h = hashlib.sha256(cv.__version__.encode())
    for f in sorted(pkg.rglob("*")):
        if f.is_file() and f.suffix not in (".pyc",) and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(pkg)).encode())
            h.update(_sha256_file(f).encode())
    return h.hexdigest()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["convergence"] = cv.__version__
    return out


# ---------------------------------------------------------------------------------------------- the run


def _rel(path: Path, out: Path) -> str:
    return os.path.relpath(path, out).replace(os.sep, "/")


def _load_manifest(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _finish(job: dict, result: dict, out: Path) -> dict:
    html_path, ipynb_path = Path(job["html"]), Path(job["ipynb"])
    html_exists, ipynb_exists = html_path.is_file(), ipynb_path.is_file()
    return {
        "name": job["name"],
        "title": job["title"],
        "issue": job.get("issue"),
        "notebook": _rel(Path(job["notebook"]), project_root()) if job.get("notebook") else None,
        "parameters": {k: v for k, v in job["parameters"].items() if k != "cache"},
        "key": job["key"],
        "status": result["status"],
        "error": result.get("error"),
        "seconds": result.get("seconds", 0.0),
        "reused": bool(result.get("reused")),
        "html": _rel(html_path, out),
        "ipynb": _rel(ipynb_path, out),
        "html_exists": html_exists,
        "ipynb_exists": ipynb_exists,
        "html_sha256": result.get("html_sha256") if html_exists else None,
        "ipynb_sha256": result.get("ipynb_sha256") if ipynb_exists else None,
    }


def _reusable(entry: dict, out: Path) -> bool:
    """A finished report (from a manifest or a killed run's marker) whose files still match their hashes."""
    return (
        isinstance(entry, dict)
        and entry.get("status") == "completed"
        and bool(entry.get("key"))
        and files_match(out, entry)
    )


def _plain(value):
    """A JSON-safe scalar: numpy scalars unwrapped, NaN as None."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _summary_rows(conv, labels: dict | None = None) -> list[dict]:
    cols = ["issue", "group", "verdict", "index", "ci_low", "ci_high", "n_a", "n_b", "n_relation", "reason"]
    return [
        {**{c: _plain(rec.get(c)) for c in cols}, "label": (labels or {}).get(rec["issue"], rec["issue"])}
        for rec in conv.to_dict(orient="records")
    ]


def _timed(func, *args, **kwargs):
    tic = time.perf_counter()
    result = func(*args, **kwargs)
    return result, round(time.perf_counter() - tic, 3)


def issue_labels(taxonomy=None) -> dict[str, str]:
    """Issue slug -> label from the taxonomy (the user's file or the shipped one)."""
    from convergence.tagging.lexicon import load_taxonomy

    return {slug: area.label for slug, area in load_taxonomy(taxonomy).areas.items()}


def _has_evidence(row: dict) -> bool:
    return any(float(row.get(k) or 0) > 0 for k in ("n_a", "n_b", "n_relation"))


def run_report(
    paths,
    *,
    issues=None,
    actors=("USA", "PAK"),
    out,
    jobs: int | None = None,
    show_code: bool = False,
    timeout: int = 600,
    force: bool = False,
    notebooks: str | os.PathLike | None = None,
    kernel: str = "python3",
    quiet: bool = False,
    progress: bool | None = None,
    taxonomy: str | os.PathLike | None = None,
    actor_file: str | os.PathLike | None = None,
    stance_lexicon: str | os.PathLike | None = None,
    relations: str | os.PathLike | None = None,
    by: str = "year",
    since: str | None = None,
    until: str | None = None,
    publisher=None,
    doc_type=None,
    corrections: str | os.PathLike | None = None,
) -> ReportResult:
    """Run the report notebooks on the corpus ``paths`` and write self-contained HTML under ``out``.

    ``actors``: one pair of actor codes, or a list of pairs (the first pair gets the full reports; every
    pair is compared issue by issue on ``pairs.html``). ``by``: month, quarter, year or source, the grouping
    of the matrix heatmap and the timelines. ``since``/``until``/``publisher``/``doc_type``: only those
    articles' sentences (``convergence.measure.filters``). ``corrections``: a CSV/YAML of sentence keys to
    exclude or re-attribute (``convergence.measure.corrections``); the index says how many were applied.

    Writes ``out/index.html`` (one row per issue area: verdict, index, interval, evidence counts, link),
    ``out/reports/<name>.html`` with the executed ``.ipynb`` beside each, ``out/_data/`` (the parsed and
    tagged tables the notebooks load) and ``out/manifest.json``. ``notebooks`` is the folder holding the
    notebooks (default: the project's ``notebooks/``); ``jobs`` parallel kernels, capped at the CPU count.
    ``taxonomy``, ``actor_file``, ``stance_lexicon``, ``relations``: a user's data files for tagging
    (default: the shipped ones). ``progress``: a bar over the notebooks on stderr (None: only when stderr is
    a terminal).

    Before the corpus is read, every data file (and the shipped thresholds) is loaded and checked: a mistake
    raises ``TagDataError`` / ``MeasureError`` as ``path:line: what is wrong``. A second run into the same
    ``out`` while one is writing raises :class:`~convergence.report.safety.ReportLockedError` at once.
    """
    t0 = time.perf_counter()
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [resolve(p) for p in paths]
    if not paths:
        raise ValueError("run_report: give at least one corpus path")
    pairs = _pairs(actors)
    actors = pairs[0]
    if by not in BY_REPORT:
        raise ValueError(f"run_report: by must be one of {', '.join(BY_REPORT)}, got {by!r}")
    filters = _checked_filters(since=since, until=until, publisher=publisher, doc_type=doc_type)
    if corrections:
        from convergence.measure.corrections import load_corrections

        corrections = resolve(corrections)
        load_corrections(corrections)  # checked before the corpus is read
    if isinstance(issues, str):
        issues = [issues]
    issues = None if issues is None else [str(i) for i in issues]
    if not isinstance(timeout, int) or timeout <= 0:
        raise ValueError(f"run_report: timeout must be a positive number of seconds, got {timeout!r}")
    if progress not in (None, True, False):
        raise ValueError(f"run_report: progress must be None, True or False, got {progress!r}")

    # Fail fast: the data files are checked before anything is read or written.
    tag_options = _checked_data_files(
        taxonomy=taxonomy, actors=actor_file, stance_lexicon=stance_lexicon, relations=relations
    )

    out = resolve(out)
    if out.exists() and not out.is_dir():
        raise ReportError(f"run_report: the output folder {out} is a file; give a folder with --out")
    out.mkdir(parents=True, exist_ok=True)
    cpu = os.cpu_count() or 1
    with RunLock(out) as lock:
        return _run_locked(
            _Run(
                paths=paths,
                actors=actors,
                out=out,
                issues=issues,
                options={
                    "by": by,
                    "filters": filters,
                    "corrections": str(corrections) if corrections else None,
                    "pairs": [list(p) for p in pairs],
                },
                tag_options=tag_options,
                show_code=show_code,
                timeout=timeout,
                force=force,
                kernel=kernel,
                workers=max(1, min(int(jobs) if jobs else cpu, cpu)),
                nb_dir=resolve(notebooks) if notebooks else project_root() / "notebooks",
                say=say,
                progress=progress,
                t0=t0,
                marker=RunMarker(out),
                lock=lock,
            )
        )


def _checked_filters(**filters) -> dict:
    """The filters given (``since``, ``until``, ``publisher``, ``doc_type``); a bad date raises now."""
    filters = {k: v for k, v in filters.items() if v not in (None, "", [], ())}
    if filters:
        from convergence.measure.filters import filter_sentences

        filter_sentences(_EMPTY_DATED, **filters)  # a bad date is an error before anything is read
    return filters


def _checked_data_files(**data_files) -> dict[str, str]:
    """Load and check the user's tagging data files (and the shipped thresholds); the ones given, as
    strings (the tagging options)."""
    data_files = {k: (None if v is None else resolve(v)) for k, v in data_files.items()}
    load_tag_data(**data_files)
    load_thresholds()
    return {k: str(v) for k, v in data_files.items() if v is not None}


BY_REPORT = ("month", "quarter", "year", "source")
_EMPTY_DATED = pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "publisher": [], "doc_type": []})


def _pairs(actors) -> list[tuple[str, str]]:
    """``("USA", "PAK")``, ``[("USA", "PAK"), ("CHN", "PAK")]`` or "USA,PAK" strings: a list of pairs."""
    if isinstance(actors, str):
        actors = [actors]
    items = list(actors)
    if len(items) == 2 and all(isinstance(a, str) and "," not in a for a in items):
        items = [tuple(items)]
    pairs = []
    for item in items:
        codes = tuple(c.strip().upper() for c in (item.split(",") if isinstance(item, str) else item))
        if len(codes) != 2 or not all(codes):
            raise ValueError(f"run_report: actors must be pairs of two actor codes, got {item!r}")
        if codes not in pairs:
            pairs.append(codes)
    if not pairs:
        raise ValueError("run_report: give at least one pair of actors")
    return pairs


def _progress_bar(total: int, enabled: bool | None):
    """``convergence.engine.progress_bar`` when present, else tqdm on stderr under the same rule."""
    try:
        from convergence.engine import progress_bar
    except ImportError:
        progress_bar = None
    if progress_bar is not None:
        return progress_bar(total, desc="notebooks", unit="nb", enabled=enabled)
    show = sys.stderr.isatty() if enabled is None else bool(enabled)
    if not show:
        return contextlib.nullcontext(None)
    from tqdm import tqdm

    return tqdm(total=total, desc="notebooks", unit="nb", file=sys.stderr, dynamic_ncols=True)


@dataclass
class _Run:
    """One run: its settings (fixed when the lock is taken) and what each stage hands to the next."""

    paths: list[Path]
    actors: tuple[str, str]
    out: Path
    issues: list[str] | None
    options: dict  # by, filters, corrections, pairs: what the data and the reuse key depend on
    tag_options: dict  # the user's data files for tagging, as strings
    show_code: bool
    timeout: int
    force: bool
    kernel: str
    workers: int
    nb_dir: Path
    say: Callable
    progress: bool | None
    t0: float
    marker: RunMarker
    lock: RunLock | None = None  # the output folder's lock, held for the run
    timings: dict = field(default_factory=dict)
    # _open_folder: the files an earlier run wrote, a killed run's marker
    own_files: set = field(default_factory=set)
    stale: dict | None = None
    # _fingerprint: what the results depend on, and the whole run's key
    inputs: list = field(default_factory=list)
    notebook_hashes: dict = field(default_factory=dict)
    library: str = ""
    data_hashes: dict = field(default_factory=dict)
    key: str = ""
    previous: dict | None = None  # the last finished run's manifest
    # _start_writing: finished reports (earlier manifest, killed run) that may be reused by hash
    candidates: dict = field(default_factory=dict)
    server: object = None
    pool: NotebookPool | None = None
    # _prepare_data: the tables and what the index shows
    data: report_data.ReportData | None = None
    cache_dir: Path | None = None  # <out>/_data, which the notebooks read
    n_sentences: int = 0
    labels: dict = field(default_factory=dict)
    conv: pd.DataFrame | None = None
    summary: list = field(default_factory=list)
    issue_names: dict = field(default_factory=dict)
    highlights: object = None
    dated: bool = False  # any tagged sentence with a date
    n_sources: int = 0  # publishers among the tagged sentences
    exports: cf.Future | None = None  # started by _begin_exports
    exports_lock: threading.Lock = field(default_factory=threading.Lock)
    # _plan_jobs / _run_notebooks
    planned: list = field(default_factory=list)
    results: dict = field(default_factory=dict)
    interrupted: bool = False

    @property
    def manifest_path(self) -> Path:
        return self.out / "manifest.json"

    @property
    def index_path(self) -> Path:
        return self.out / "index.html"

    @property
    def reports_dir(self) -> Path:
        return inside(self.out, self.out / "reports")

    def parameters(self) -> dict:
        return {
            "paths": [str(p) for p in self.paths],
            "issues": self.issues,
            "actors": list(self.actors),
            "show_code": bool(self.show_code),
            "timeout": self.timeout,
            "jobs": self.workers,
            "notebooks": str(self.nb_dir),
            "kernel": self.kernel,
            "data_files": dict(self.tag_options),
            **self.options,
        }


def _run_locked(run: _Run) -> ReportResult:
    """The run, stage by stage, while the folder's lock is held."""
    _open_folder(run)
    _fingerprint(run)
    reused = _reuse_whole_run(run)
    if reused is not None:
        return reused
    _check_notebooks(run)
    _start_writing(run)
    # The kernel server warms up (imports) while the corpus is read; the notebook workers start once it is
    # read (not beside the tagging processes: memory), each starting the kernel it keeps, forked by the
    # server, while the index's measures are computed.
    run.server = _kernel_server(run.kernel)
    run.pool = NotebookPool(
        run.workers,
        inside(run.out, run.out / "_jobs"),
        env=run.server.env() if run.server is not None else None,
    )
    try:
        _prepare_data(run)
        _plan_exports(run)
        _plan_jobs(run)
        _run_notebooks(run)
        return _write_index_and_manifest(run)
    finally:
        run.pool.close()
        if run.server is not None:
            run.server.close()


def _open_folder(run: _Run) -> None:
    """Check the output folder is this corpus's (or free), then clean up after a killed run: its temporary
    files go, its marker (with the reports it finished) is kept for reuse."""
    run.own_files = check_output_folder(
        run.out, corpus=[str(p) for p in run.paths], force=run.force, say=run.say
    )
    run.stale = stale = run.marker.stale()
    leftovers = remove_leftovers(run.out)
    if stale is not None:
        run.say(
            f"A previous run into {run.out} (pid {stale.get('pid', '?')}, started "
            f"{stale.get('started', '?')}) did not finish; {len(leftovers)} leftover file(s) removed, its "
            "finished reports are checked and reused."
        )


def _fingerprint(run: _Run) -> None:
    """Hash what the results depend on: inputs, notebooks, the library, the data files; the run's key."""
    tic = time.perf_counter()
    run.inputs = hash_inputs(run.paths)
    run.timings["hash_inputs"] = round(time.perf_counter() - tic, 3)
    run.notebook_hashes = {p.name: _sha256_file(p) for p in sorted(run.nb_dir.glob("*.ipynb"))}
    run.library = library_fingerprint()
    run.data_hashes = {k: _sha256_file(Path(v)) for k, v in run.tag_options.items()}
    if run.options.get("corrections"):
        run.data_hashes["corrections"] = _sha256_file(Path(run.options["corrections"]))
    run.key = _digest(
        {
            "inputs": [(i["path"], i["sha256"]) for i in run.inputs],
            "options": run.options,
            "issues": run.issues,
            "actors": run.actors,
            "show_code": bool(run.show_code),
            "notebooks": run.notebook_hashes,
            "version": cv.__version__,
            "library": run.library,
            **({"data_files": run.data_hashes} if run.data_hashes else {}),
        }
    )
    run.previous = _load_manifest(run.manifest_path)


def _reuse_whole_run(run: _Run) -> ReportResult | None:
    """The earlier run's result when its key is this run's and every report file still matches its hash
    (never after a killed run)."""
    previous = run.previous
    if not (
        not run.force
        and run.stale is None
        and previous
        and previous.get("key") == run.key
        and previous.get("ok")
        and run.index_path.is_file()
        and previous.get("reports")
        and all(_reusable(r, run.out) for r in previous["reports"])
    ):
        return None
    run.say(
        f"Inputs and parameters unchanged since {previous.get('finished', 'the last run')}: reusing "
        f"{len(previous.get('reports', []))} reports in {run.out} (use --force to re-run). "
        f"Index: {run.index_path}"
    )
    reports = [dict(r, reused=True) for r in previous["reports"]]
    return ReportResult(
        run.out,
        run.index_path,
        run.manifest_path,
        reports,
        reused=True,
        seconds=time.perf_counter() - run.t0,
    )


def _check_notebooks(run: _Run) -> None:
    needed = (f"{OVERVIEW}.ipynb", f"{ISSUE}.ipynb", f"{MATRIX}.ipynb")
    missing = [n for n in needed if n not in run.notebook_hashes]
    if missing:
        raise FileNotFoundError(f"run_report: notebook(s) {', '.join(missing)} not found in {run.nb_dir}")


def _start_writing(run: _Run) -> None:
    """Collect the finished reports that may be reused (the last manifest's and a killed run's, each checked
    by hash), mark the folder as being written and remove the index and manifest: from here on no index or
    manifest may claim a report until the end of the run."""
    if not run.force:
        killed = ((run.stale or {}).get("reports") or {}).values()
        for entry in [*(run.previous or {}).get("reports", []), *killed]:
            if isinstance(entry, dict) and entry.get("name") and _reusable(entry, run.out):
                run.candidates[entry["name"]] = entry
    run.marker.start(out=str(run.out), key=run.key, reports=run.candidates, written=sorted(run.own_files))
    for f in (run.manifest_path, run.index_path):
        f.unlink(missing_ok=True)


def _kernel_server(kernel: str):
    """A :class:`~convergence.report.kernels.KernelServer` for the default kernel
    (``CONVERGENCE_FORK_KERNELS=0`` turns it off: every notebook then starts a plain ``python3`` kernel)."""
    if kernel != "python3" or os.environ.get("CONVERGENCE_FORK_KERNELS", "1") == "0":
        return None
    from convergence.report.kernels import KernelServer

    try:
        return KernelServer()
    except OSError:
        return None


def _prepare_data(run: _Run) -> None:
    """Parse and tag once, measure every issue for the index, and store the tables every notebook loads:
    in a child process forked for it (Linux), so that the memory the whole corpus took (and the heap it
    leaves fragmented) goes with that process before the kernels start; this process receives only what
    the index and the jobs need. Without ``fork`` the same stage runs here."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        _apply_data(run, _data_stage(run, lambda kind, payload: _data_message(run, kind, payload)))
        return
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_data_child, args=(run, send, os.getpid()), name="convergence-report-data")
    child.start()
    send.close()
    try:
        while True:
            try:
                kind, payload = receive.recv()
            except EOFError:
                child.join(timeout=10)
                raise ReportError(
                    f"run_report: preparing the data stopped (its process exited with code {child.exitcode})"
                ) from None
            if kind == "error":
                raise _rebuilt_error(*payload)
            if kind == "done":
                _apply_data(run, payload)
                return
            _data_message(run, kind, payload)
    finally:
        receive.close()
        if child.is_alive():
            child.join(timeout=30)
        if child.is_alive():
            child.terminate()
            child.join(timeout=10)


def _data_child(run: _Run, send, runner: int | None = None) -> None:
    """The forked data process: the stage's messages and its result (or its error) go through ``send``.

    It ends with the runner (a runner killed mid-run leaves no process writing into ``_data``) and does not
    hold the folder's lock (the next run may start as soon as the runner is gone)."""
    if run.lock is not None:
        run.lock.leave_to_parent()
    _die_with_runner(runner)
    try:
        result = _data_stage(run, lambda kind, payload: send.send((kind, payload)))
        send.send(("done", result))
    except BaseException as exc:  # noqa: BLE001 - every error reaches the runner, which raises it
        send.send(("error", (type(exc).__module__, type(exc).__qualname__, str(exc))))
    finally:
        send.close()


def _die_with_runner(runner: int | None) -> None:
    """Ask Linux to kill this forked process when the runner (pid ``runner``) dies; exit now if it already
    has."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if runner is not None and os.getppid() != runner:
        os._exit(1)


def _rebuilt_error(module: str, name: str, message: str) -> BaseException:
    """The data process's error as the runner raises it: the same type with the same message when the type
    takes one, else a ReportError naming it."""
    import importlib

    try:
        cls = getattr(importlib.import_module(module), name)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            return cls(message)
    except Exception:  # noqa: BLE001 - a type that cannot be rebuilt is named in words
        pass
    return ReportError(f"run_report: preparing the data failed: {name}: {message}")


def _data_message(run: _Run, kind: str, payload) -> None:
    """What the data stage reports while it runs: the corpus is tagged (the notebook workers start now,
    their kernels warming up while the index's measures are computed), then the counts to show."""
    if kind == "tagged" and run.pool is not None:
        run.pool.prestart(
            run.workers, cwd=str(project_root()), kernel=run.kernel if run.server is None else KERNEL_NAME
        )
        # The index at the end uses the charts' HTML tables: imported now, while the data process measures,
        # rather than after the last notebook (it needs neither the figures nor matplotlib).
        import convergence.charts.tables  # noqa: F401
    elif kind == "counts":
        articles, sentences, skipped, issues = payload
        run.say(
            f"{articles} articles, {sentences} sentences, {skipped} skipped inputs; "
            f"{issues} issue areas ({time.perf_counter() - run.t0:.1f} s)"
        )


def _data_stage(run: _Run, message) -> dict:
    """The data stage proper; returns the fields of ``run`` it sets (see :func:`_apply_data`)."""
    options = run.options
    timings = {}
    tic = time.perf_counter()
    data = report_data.prepare(
        run.paths,
        **({"tag_options": run.tag_options} if run.tag_options else {}),
        **({"filters": options["filters"]} if options.get("filters") else {}),
        **({"corrections": options["corrections"]} if options.get("corrections") else {}),
    )
    timings["parse_tag"] = round(time.perf_counter() - tic, 3)
    message("tagged", None)
    tic = time.perf_counter()
    labels = issue_labels(run.tag_options.get("taxonomy"))
    _charts().set_issue_labels(labels)
    conv = cv.convergence(data.tagged, actors=run.actors, issues=run.issues)
    order = _charts().issue_order(conv)
    conv = conv.set_index(conv["issue"].astype(str)).loc[order].reset_index(drop=True) if len(conv) else conv
    summary = _summary_rows(conv, labels)
    timings["convergence"] = round(time.perf_counter() - tic, 3)
    message("counts", (len(data.articles), len(data.tagged), len(data.skipped), len(summary)))
    issue_names = {
        row["issue"]: safe_stem(f"{ISSUE}-{row['issue']}", max_length=100)
        for row in summary
        if _has_evidence(row)
    }
    tic = time.perf_counter()
    cache_dir = report_data.save(
        data,
        inside(run.out, run.out / "_data"),
        info={
            "labels": labels,
            "actors": list(run.actors),
            "exports": {i: exports.issue_files(n) for i, n in issue_names.items()},
        },
    )
    timings["save_data"] = round(time.perf_counter() - tic, 3)
    # From here on only the sentences naming an issue or an actor are needed (every measure reads no other).
    n_sentences = len(data.tagged)
    tagged = data.tagged[report_data._is_tagged(data.tagged)]
    documents = report_summary.documents_by_id(tagged)
    return {
        "timings": timings,
        "labels": labels,
        "conv": conv,
        "summary": summary,
        "issue_names": issue_names,
        "cache_dir": cache_dir,
        "n_sentences": n_sentences,
        # the sentences stay on disk (``_data/tagged.arrow``): whoever needs them reads them back
        "data": dataclasses.replace(data, tagged=tagged.iloc[:0]),
        "highlights": report_summary.highlights(conv, actors=run.actors, documents=documents),
        "dated": bool("date" in tagged.columns and tagged["date"].notna().any()),
        "n_sources": int(tagged["publisher"].dropna().nunique()) if "publisher" in tagged.columns else 0,
    }


def _apply_data(run: _Run, result: dict) -> None:
    """Set the data stage's fields on ``run``."""
    run.timings.update(result.pop("timings"))
    for name, value in result.items():
        setattr(run, name, value)
    release_memory()


def _plan_exports(run: _Run) -> None:
    """Record the evidence files the run will write (:func:`_begin_exports` writes them, reading the
    sentences back from ``_data`` once a core is free)."""
    run.marker.add_written(exports.planned_files(run.issue_names.values()))


def _begin_exports(run: _Run) -> None:
    """Write the evidence files in a thread (once): called when the pool has no notebook left to hand out
    (one worker and its kernel have ended, so the exports take their core and their memory), or at the end
    when no notebook ran."""
    with run.exports_lock:
        if run.exports is not None:
            return
        exporter = cf.ThreadPoolExecutor(max_workers=1)
        run.exports = exporter.submit(
            _timed,
            _write_exports,
            run.cache_dir,
            run.conv,
            out=run.out,
            actors=run.actors,
            labels=run.labels,
            issue_names=run.issue_names,
            check=lambda p: inside(run.out, p),
        )
        exporter.shutdown(wait=False)


def _write_exports(cache_dir: Path, conv, **options) -> dict:
    """``exports.write_all`` on the tagged sentences read back from the data folder; the memory they and the
    exports took goes back to the system once the files are written."""
    try:
        return exports.write_all(read_frame(cache_dir / "tagged.arrow"), conv, **options)
    finally:
        release_memory()


def _notebook_list(run: _Run) -> list[tuple[str, str, str | None, dict]]:
    """(notebook, title, issue, parameters) of every report this corpus gets, in the index's order."""
    actors, issues = run.actors, run.issues
    pair = f"{actors[0]}–{actors[1]}"
    common = {
        "corpus": [str(p) for p in run.paths],
        "actors": list(actors),
        "cache": str(run.cache_dir),
    }
    by = run.options.get("by") or "year"
    period = by if by != "source" else "year"
    job_list = [
        (OVERVIEW, "Corpus overview", None, dict(common, by="month" if period == "quarter" else period)),
        (MATRIX, f"{pair} convergence matrix", None, dict(common, issues=issues or [], by=by)),
    ]
    dated, n_sources = run.dated, run.n_sources
    if dated and f"{TIMELINE}.ipynb" in run.notebook_hashes:
        job_list.append((TIMELINE, f"{pair} over time", None, dict(common, issues=issues or [], by=period)))
    if n_sources > 1 and f"{SOURCES}.ipynb" in run.notebook_hashes:
        job_list.append((SOURCES, f"{pair} by source", None, dict(common, issue="")))
    for row in run.summary:
        if row["issue"] in run.issue_names:
            params = dict(common, issue=row["issue"], by=period)
            job_list.append((ISSUE, f"{row['label']}: {pair}", row["issue"], params))
    return job_list


def _plan_jobs(run: _Run) -> None:
    """One job per report, keyed by what it depends on; a finished report with the same key and files that
    match their hashes is reused instead of run."""
    names = set()
    data_options = {"filters": run.options.get("filters") or {}, "by": run.options.get("by")}
    for nb_name, title, issue, params in _notebook_list(run):
        name = safe_stem(nb_name if issue is None else f"{nb_name}-{issue}", max_length=100)
        if name in names:  # safe_stem keeps distinct names distinct; a repeated issue is one report
            continue
        names.add(name)
        job_key = _digest(
            {
                "inputs": [(i["path"], i["sha256"]) for i in run.inputs],
                "notebook": run.notebook_hashes[f"{nb_name}.ipynb"],
                "data_options": data_options,
                "params": {k: v for k, v in params.items() if k != "cache"},
                "show_code": bool(run.show_code),
                "version": cv.__version__,
                "library": run.library,
                **({"data_files": run.data_hashes} if run.data_hashes else {}),
            }
        )
        job = {
            "name": name,
            "title": title,
            "issue": issue,
            "notebook": str(run.nb_dir / f"{nb_name}.ipynb"),
            "ipynb": str(inside(run.out, run.reports_dir / f"{name}.ipynb")),
            "html": str(inside(run.out, run.reports_dir / f"{name}.html")),
            "parameters": params,
            "timeout": run.timeout,
            "show_code": bool(run.show_code),
            "kernel": run.kernel if run.server is None else KERNEL_NAME,
            "cwd": str(project_root()),
            "key": job_key,
            # the notebooks that load every tagged sentence run one at a time (the pool's memory bound)
            "exclusive": nb_name in (MATRIX, TIMELINE, SOURCES),
        }
        run.planned.append(job)
        old = run.candidates.get(name)
        if (
            old
            and old.get("key") == job_key
            and old.get("html") == _rel(Path(job["html"]), run.out)
            and old.get("ipynb") == _rel(Path(job["ipynb"]), run.out)
        ):
            run.results[name] = {
                "name": name,
                "status": "completed",
                "seconds": 0.0,
                "reused": True,
                "html_sha256": old["html_sha256"],
                "ipynb_sha256": old["ipynb_sha256"],
            }
    by_name = {job["name"]: job for job in run.planned}
    run.marker.add_written(_rel(Path(job[k]), run.out) for job in run.planned for k in ("html", "ipynb"))
    run.marker.set_reports({n: _finish(by_name[n], r, run.out) for n, r in run.results.items()})


def _run_notebooks(run: _Run) -> None:
    """Run the jobs not reused on the pool; each finished report is recorded in the marker at once."""
    tic = time.perf_counter()
    to_run = [job for job in run.planned if job["name"] not in run.results]
    if to_run:
        by_name = {job["name"]: job for job in run.planned}
        n_workers = min(run.workers, len(to_run))
        run.say(f"running {len(to_run)} notebooks on {n_workers} kernel(s); {len(run.results)} reused")
        lock = threading.Lock()
        with _progress_bar(len(to_run), run.progress) as bar:

            def on_result(res: dict) -> None:
                with lock:
                    job = by_name.get(res["name"])
                    if job is not None and res["status"] == "completed":
                        run.marker.record(res["name"], _finish(job, res, run.out))
                    if res["status"] == "interrupted":
                        return
                    mark = "ok" if res["status"] == "completed" else res["status"].upper()
                    run.say(f"  [{mark}] {res['name']} ({res.get('seconds', 0):.1f} s)")
                    if bar is not None:
                        bar.update(1)

            pool = run.pool
            pool.size, pool.on_result = n_workers, on_result
            pool.on_drain = lambda: _begin_exports(run)
            for res in pool.run(to_run):
                run.results[res["name"]] = res
            run.interrupted = pool.stopped
    elif run.results:
        run.say(f"all {len(run.results)} notebooks unchanged: reused")
    run.timings["notebooks"] = round(time.perf_counter() - tic, 3)


def _info_lines(run: _Run, reports: list[dict], finished: str, ok: bool) -> list[str]:
    """The index's lines about the corpus and the run."""
    data, dated = run.data, run.dated
    info = [
        f"Corpus: {', '.join(_display_path(p) for p in run.paths)}: {len(data.articles)} articles, "
        f"{run.n_sentences} sentences, {len(data.skipped)} skipped inputs"
        + ("" if dated else "; no dates in the corpus"),
        f"Generated {finished} by convergence {cv.__version__}; "
        + (
            "all reports completed."
            if ok
            else f"interrupted: {sum(r['status'] == 'completed' for r in reports)} report(s) finished, "
            f"{sum(r['status'] == 'interrupted' for r in reports)} interrupted (run the same command again "
            "to finish; the finished ones are reused)."
            if run.interrupted
            else f"{sum(r['status'] != 'completed' for r in reports)} report(s) failed."
        ),
    ]
    from convergence.measure.corrections import describe_corrections
    from convergence.measure.filters import describe_filters

    info += [
        line
        for line in (
            describe_filters(data.info.get("filters")),
            describe_corrections(data.info.get("corrections")),
        )
        if line
    ]
    return info


def _pairs_page(run: _Run, written: dict, info_line: str) -> list[tuple[str, str]]:
    """With more than one pair of actors: ``pairs.html`` and ``pairs.csv``; the index's extra links."""
    pairs = [tuple(p) for p in run.options.get("pairs") or [run.actors]]
    if len(pairs) <= 1:
        return []
    tic = time.perf_counter()
    table = report_pairs.compare_pairs(read_frame(run.cache_dir / "tagged.arrow"), pairs, issues=run.issues)
    write_text_atomic(
        inside(run.out, run.out / "pairs.html"),
        report_pairs.pairs_page(
            table,
            pairs=pairs,
            title="Pairs side by side: " + ", ".join(f"{a}–{b}" for a, b in pairs),
            info=info_line,
        ),
    )
    flat = table.drop(columns=["components", "evidence"], errors="ignore")
    flat.insert(1, "issue_label", flat["issue"].map(lambda x: run.labels.get(x, x)))
    exports.write_csv(flat, inside(run.out, run.out / "pairs.csv"))
    run.marker.add_written(["pairs.html", "pairs.csv"])
    written["files"] += ["pairs.html", "pairs.csv"]
    run.timings["pairs"] = round(time.perf_counter() - tic, 3)
    return [("pairs side by side", "pairs.html")]


def _manifest(run: _Run, reports: list[dict], *, written: dict, finished: str, ok: bool) -> dict:
    """What ``manifest.json`` records: inputs and their hashes, parameters, versions, timings, reports."""
    return {
        "key": run.key,
        "library_fingerprint": run.library,
        "ok": ok,
        "interrupted": run.interrupted,
        "finished": finished,
        "parameters": run.parameters(),
        "inputs": run.inputs,
        "notebooks": run.notebook_hashes,
        "data_files": run.data_hashes,
        "packages": _versions(),
        "platform": {"python": sys.version.split()[0], "system": platform.platform()},
        "corpus": {
            "articles": int(len(run.data.articles)),
            "sentences": int(run.n_sentences),
            "skipped": int(len(run.data.skipped)),
        },
        "summary": run.summary,
        "highlights": run.highlights,
        "exports": written["files"],
        "written": sorted(
            {*written["files"], "index.html", "manifest.json"}
            | {_rel(Path(job[k]), run.out) for job in run.planned for k in ("html", "ipynb")}
        ),
        "timings": run.timings,
        "reports": reports,
        "failures": [
            {"name": r["name"], "status": r["status"], "error": r["error"]}
            for r in reports
            if r["status"] != "completed"
        ],
    }


def _write_index_and_manifest(run: _Run) -> ReportResult:
    """Last: with every report finished and hashed, write the index and the manifest, then drop the marker."""
    _begin_exports(run)  # when no notebook ran, or the run was interrupted before the pool drained
    _charts().set_issue_labels(run.labels)  # the data stage set them in its own process
    written, run.timings["exports"] = run.exports.result()
    reports = [_finish(job, run.results[job["name"]], run.out) for job in run.planned]
    ok = all(r["status"] == "completed" for r in reports)
    finished = datetime.now(UTC).isoformat(timespec="seconds")
    info = _info_lines(run, reports, finished, ok)
    extra_links = _pairs_page(run, written, info[0])
    run.timings["total"] = round(time.perf_counter() - run.t0, 3)
    manifest = _manifest(run, reports, written=written, finished=finished, ok=ok)
    text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str, allow_nan=False)
    write_text_atomic(
        run.index_path,
        index_page(
            title=f"Convergence report: {run.actors[0]}–{run.actors[1]}",
            summary=run.summary,
            reports=reports,
            actors=run.actors,
            info=info,
            highlights=run.highlights,
            downloads=[*written["index_links"], *extra_links],
        ),
    )
    write_text_atomic(run.manifest_path, text + "\n")
    run.marker.finish()
    if run.interrupted:
        done = sum(r["status"] == "completed" for r in reports)
        run.say(
            f"interrupted: {done} of {len(reports)} reports finished (run again to finish them). "
            f"Index: {run.index_path}"
        )
    else:
        state = "all completed" if ok else f"{len(manifest['failures'])} FAILED"
        run.say(f"{len(reports)} reports ({state}) in {run.timings['total']:.1f} s. Index: {run.index_path}")
    return ReportResult(
        run.out,
        run.index_path,
        run.manifest_path,
        reports,
        reused=False,
        seconds=run.timings["total"],
        interrupted=run.interrupted,
    )


def _display_path(p: Path) -> str:
    try:
        return str(p.relative_to(project_root()))
    except ValueError:
        return str(p)
