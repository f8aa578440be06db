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
import gc
import hashlib
import json
import os
import platform
import re
import sys
import threading
import time
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
from convergence.report.html import index_page, write_notebook_html, write_text_atomic
from convergence.report.kernels import KERNEL_NAME
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
from convergence.tagging.lexicon import load_tag_data


def _charts():
    """convergence.charts, imported when first needed (it loads matplotlib)."""
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


# ------------------------------------------------------------------------------------------- one notebook


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


def execute_job(job: dict) -> dict:
    """Execute one notebook with papermill and convert it to HTML. Runs in a worker process.

    A kernel that fails to start is retried once. The executed notebook is kept whatever happens. papermill
    writes into a temporary ``.<name>.partial.ipynb`` that replaces ``<name>.ipynb`` when execution ends, and
    the HTML is written atomically, so neither file is ever seen half-written; the earlier run's files of
    this report are removed first, so a failed run never leaves them looking current. The result carries
    the sha256 of both files.
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
            )
            status, error = "completed", None
            break
        except Exception as exc:  # papermill raises many types; classify, never hide
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
    filters = {"since": since, "until": until, "publisher": publisher, "doc_type": doc_type}
    filters = {k: v for k, v in filters.items() if v not in (None, "", [], ())}
    if filters:
        from convergence.measure.filters import filter_sentences

        filter_sentences(_EMPTY_DATED, **filters)  # a bad date is an error before anything is read
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
    data_files = {
        "taxonomy": taxonomy,
        "actors": actor_file,
        "stance_lexicon": stance_lexicon,
        "relations": relations,
    }
    data_files = {k: (None if v is None else resolve(v)) for k, v in data_files.items()}
    load_tag_data(**data_files)
    load_thresholds()
    tag_options = {k: str(v) for k, v in data_files.items() if v is not None}

    out = resolve(out)
    if out.exists() and not out.is_dir():
        raise ReportError(f"run_report: the output folder {out} is a file; give a folder with --out")
    out.mkdir(parents=True, exist_ok=True)
    with RunLock(out):
        return _run_locked(
            paths,
            issues=issues,
            actors=actors,
            out=out,
            jobs=jobs,
            show_code=show_code,
            timeout=timeout,
            force=force,
            notebooks=notebooks,
            kernel=kernel,
            say=say,
            progress=progress,
            tag_options=tag_options,
            t0=t0,
            options={
                "by": by,
                "filters": filters,
                "corrections": str(corrections) if corrections else None,
                "pairs": [list(p) for p in pairs],
            },
        )


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


def _run_locked(
    paths,
    *,
    issues,
    actors,
    out,
    jobs,
    show_code,
    timeout,
    force,
    notebooks,
    kernel,
    say,
    progress,
    tag_options,
    t0,
    options,
) -> ReportResult:
    own_files = check_output_folder(out, corpus=[str(p) for p in paths], force=force, say=say)
    nb_dir = resolve(notebooks) if notebooks else project_root() / "notebooks"
    cpu = os.cpu_count() or 1
    workers = max(1, min(int(jobs) if jobs else cpu, cpu))
    manifest_path, index_path = out / "manifest.json", out / "index.html"
    reports_dir = inside(out, out / "reports")
    marker = RunMarker(out)

    stale = marker.stale()
    leftovers = remove_leftovers(out)
    if stale is not None:
        say(
            f"A previous run into {out} (pid {stale.get('pid', '?')}, started {stale.get('started', '?')}) "
            f"did not finish; {len(leftovers)} leftover file(s) removed, its finished reports are checked "
            "and reused."
        )

    timings: dict[str, float] = {}
    tic = time.perf_counter()
    inputs = hash_inputs(paths)
    timings["hash_inputs"] = round(time.perf_counter() - tic, 3)
    notebook_hashes = {p.name: _sha256_file(p) for p in sorted(nb_dir.glob("*.ipynb"))}
    library = library_fingerprint()
    data_hashes = {k: _sha256_file(Path(v)) for k, v in tag_options.items()}
    if options.get("corrections"):
        data_hashes["corrections"] = _sha256_file(Path(options["corrections"]))
    data_options = {"filters": options.get("filters") or {}, "by": options.get("by")}
    parameters = {
        "paths": [str(p) for p in paths],
        "issues": issues,
        "actors": list(actors),
        "show_code": bool(show_code),
        "timeout": timeout,
        "jobs": workers,
        "notebooks": str(nb_dir),
        "kernel": kernel,
        "data_files": dict(tag_options),
        **options,
    }
    key = _digest(
        {
            "inputs": [(i["path"], i["sha256"]) for i in inputs],
            "options": options,
            "issues": issues,
            "actors": actors,
            "show_code": bool(show_code),
            "notebooks": notebook_hashes,
            "version": cv.__version__,
            "library": library,
            **({"data_files": data_hashes} if data_hashes else {}),
        }
    )
    previous = _load_manifest(manifest_path)
    if (
        not force
        and stale is None
        and previous
        and previous.get("key") == key
        and previous.get("ok")
        and index_path.is_file()
        and previous.get("reports")
        and all(_reusable(r, out) for r in previous["reports"])
    ):
        say(
            f"Inputs and parameters unchanged since {previous.get('finished', 'the last run')}: reusing "
            f"{len(previous.get('reports', []))} reports in {out} (use --force to re-run). "
            f"Index: {index_path}"
        )
        reports = [dict(r, reused=True) for r in previous["reports"]]
        return ReportResult(
            out, index_path, manifest_path, reports, reused=True, seconds=time.perf_counter() - t0
        )

    missing = [
        n for n in (f"{OVERVIEW}.ipynb", f"{ISSUE}.ipynb", f"{MATRIX}.ipynb") if n not in notebook_hashes
    ]
    if missing:
        raise FileNotFoundError(f"run_report: notebook(s) {', '.join(missing)} not found in {nb_dir}")

    # Finished reports that can be reused: the last manifest's and a killed run's, each checked by hash.
    candidates: dict[str, dict] = {}
    if not force:
        for entry in [*(previous or {}).get("reports", []), *((stale or {}).get("reports") or {}).values()]:
            if isinstance(entry, dict) and entry.get("name") and _reusable(entry, out):
                candidates[entry["name"]] = entry
    # From here on the folder is being rewritten: no index or manifest may claim a report until the end.
    marker.start(out=str(out), key=key, reports=candidates, written=sorted(own_files))
    for f in (manifest_path, index_path):
        f.unlink(missing_ok=True)

    # The kernel server warms up (imports) while the corpus is read; notebooks then fork their kernels.
    server = _kernel_server(kernel)
    try:
        return _run_jobs(**locals())
    finally:
        if server is not None:
            server.close()


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


def _run_jobs(
    *,
    paths,
    issues,
    actors,
    out,
    show_code,
    timeout,
    force,
    kernel,
    say,
    progress,
    tag_options,
    t0,
    nb_dir,
    workers,
    manifest_path,
    index_path,
    reports_dir,
    marker,
    timings,
    inputs,
    notebook_hashes,
    library,
    data_hashes,
    key,
    candidates,
    server,
    parameters,
    options,
    data_options,
    **_unused,
) -> ReportResult:
    # Parse and tag once; every notebook loads these tables.
    tic = time.perf_counter()
    data = report_data.prepare(
        paths,
        **({"tag_options": tag_options} if tag_options else {}),
        **({"filters": options["filters"]} if options.get("filters") else {}),
        **({"corrections": options["corrections"]} if options.get("corrections") else {}),
    )
    timings["parse_tag"] = round(time.perf_counter() - tic, 3)
    tic = time.perf_counter()
    labels = issue_labels(tag_options.get("taxonomy"))
    _charts().set_issue_labels(labels)
    conv = cv.convergence(data.tagged, actors=actors, issues=issues)
    order = _charts().issue_order(conv)
    conv = conv.set_index(conv["issue"].astype(str)).loc[order].reset_index(drop=True) if len(conv) else conv
    summary = _summary_rows(conv, labels)
    timings["convergence"] = round(time.perf_counter() - tic, 3)
    say(
        f"{len(data.articles)} articles, {len(data.tagged)} sentences, {len(data.skipped)} skipped inputs; "
        f"{len(summary)} issue areas ({time.perf_counter() - t0:.1f} s)"
    )
    pair = f"{actors[0]}–{actors[1]}"
    issue_names = {
        row["issue"]: safe_stem(f"{ISSUE}-{row['issue']}", max_length=100)
        for row in summary
        if _has_evidence(row)
    }
    tic = time.perf_counter()
    cache_dir = report_data.save(
        data,
        inside(out, out / "_data"),
        info={
            "labels": labels,
            "actors": list(actors),
            "exports": {i: exports.issue_files(n) for i, n in issue_names.items()},
        },
    )
    timings["save_data"] = round(time.perf_counter() - tic, 3)
    # From here on only the sentences naming an issue or an actor are needed (every measure reads no other):
    # the rest of the corpus is let go before the kernels start.
    n_sentences = len(data.tagged)
    data = dataclasses.replace(data, tagged=data.tagged[report_data._is_tagged(data.tagged)])
    gc.collect()
    documents = report_summary.documents_by_id(data.tagged)
    best = report_summary.highlights(conv, actors=actors, documents=documents)
    marker.add_written(exports.planned_files(issue_names.values()))
    # The evidence files are written in a thread while the kernels run (this process only waits for them).
    exporter = cf.ThreadPoolExecutor(max_workers=1)
    written_future = exporter.submit(
        _timed,
        exports.write_all,
        data.tagged,
        conv,
        out=out,
        actors=actors,
        labels=labels,
        issue_names=issue_names,
        check=lambda p: inside(out, p),
    )
    exporter.shutdown(wait=False)

    common = {"corpus": [str(p) for p in paths], "actors": list(actors), "cache": str(cache_dir)}
    by = options.get("by") or "year"
    period = by if by != "source" else "year"
    job_list = [
        (OVERVIEW, "Corpus overview", None, dict(common, by="month" if period == "quarter" else period)),
        (MATRIX, f"{pair} convergence matrix", None, dict(common, issues=issues or [], by=by)),
    ]
    dated = "date" in data.tagged.columns and data.tagged["date"].notna().any()
    n_sources = data.tagged["publisher"].dropna().nunique() if "publisher" in data.tagged.columns else 0
    if dated and f"{TIMELINE}.ipynb" in notebook_hashes:
        job_list.append((TIMELINE, f"{pair} over time", None, dict(common, issues=issues or [], by=period)))
    if n_sources > 1 and f"{SOURCES}.ipynb" in notebook_hashes:
        job_list.append((SOURCES, f"{pair} by source", None, dict(common, issue="")))
    for row in summary:
        if row["issue"] in issue_names:
            params = dict(common, issue=row["issue"], by=period)
            job_list.append((ISSUE, f"{row['label']}: {pair}", row["issue"], params))
    jobs_to_run, results = [], {}
    planned, names = [], set()
    for nb_name, title, issue, params in job_list:
        name = safe_stem(nb_name if issue is None else f"{nb_name}-{issue}", max_length=100)
        if name in names:  # safe_stem keeps distinct names distinct; a repeated issue is one report
            continue
        names.add(name)
        job_key = _digest(
            {
                "inputs": [(i["path"], i["sha256"]) for i in inputs],
                "notebook": notebook_hashes[f"{nb_name}.ipynb"],
                "data_options": data_options,
                "params": {k: v for k, v in params.items() if k != "cache"},
                "show_code": bool(show_code),
                "version": cv.__version__,
                "library": library,
                **({"data_files": data_hashes} if data_hashes else {}),
            }
        )
        job = {
            "name": name,
            "title": title,
            "issue": issue,
            "notebook": str(nb_dir / f"{nb_name}.ipynb"),
            "ipynb": str(inside(out, reports_dir / f"{name}.ipynb")),
            "html": str(inside(out, reports_dir / f"{name}.html")),
            "parameters": params,
            "timeout": timeout,
            "show_code": bool(show_code),
            "kernel": kernel if server is None else KERNEL_NAME,
            "cwd": str(project_root()),
            "key": job_key,
        }
        planned.append(job)
        old = candidates.get(name)
        if (
            old
            and old.get("key") == job_key
            and old.get("html") == _rel(Path(job["html"]), out)
            and old.get("ipynb") == _rel(Path(job["ipynb"]), out)
        ):
            results[name] = {
                "name": name,
                "status": "completed",
                "seconds": 0.0,
                "reused": True,
                "html_sha256": old["html_sha256"],
                "ipynb_sha256": old["ipynb_sha256"],
            }
        else:
            jobs_to_run.append(job)
    by_name = {job["name"]: job for job in planned}
    marker.add_written(_rel(Path(job[k]), out) for job in planned for k in ("html", "ipynb"))
    marker.set_reports({n: _finish(by_name[n], r, out) for n, r in results.items()})

    tic = time.perf_counter()
    interrupted = False
    if jobs_to_run:
        n_workers = min(workers, len(jobs_to_run))
        say(f"running {len(jobs_to_run)} notebooks on {n_workers} kernel(s); {len(results)} reused")
        lock = threading.Lock()
        with _progress_bar(len(jobs_to_run), progress) as bar:

            def on_result(res: dict) -> None:
                with lock:
                    job = by_name.get(res["name"])
                    if job is not None and res["status"] == "completed":
                        marker.record(res["name"], _finish(job, res, out))
                    if res["status"] == "interrupted":
                        return
                    mark = "ok" if res["status"] == "completed" else res["status"].upper()
                    say(f"  [{mark}] {res['name']} ({res.get('seconds', 0):.1f} s)")
                    if bar is not None:
                        bar.update(1)

            pool = NotebookPool(
                n_workers,
                inside(out, out / "_jobs"),
                on_result=on_result,
                env=server.env() if server is not None else None,
            )
            for res in pool.run(jobs_to_run):
                results[res["name"]] = res
            interrupted = pool.stopped
    elif results:
        say(f"all {len(results)} notebooks unchanged: reused")
    timings["notebooks"] = round(time.perf_counter() - tic, 3)

    written, timings["exports"] = written_future.result()
    reports = [_finish(job, results[job["name"]], out) for job in planned]
    ok = all(r["status"] == "completed" for r in reports)
    finished = datetime.now(UTC).isoformat(timespec="seconds")
    dated = data.tagged["date"].notna().any() if "date" in data.tagged.columns else False
    info = [
        f"Corpus: {', '.join(_display_path(p) for p in paths)}: {len(data.articles)} articles, "
        f"{n_sentences} sentences, {len(data.skipped)} skipped inputs"
        + ("" if dated else "; no dates in the corpus"),
        f"Generated {finished} by convergence {cv.__version__}; "
        + (
            "all reports completed."
            if ok
            else f"interrupted: {sum(r['status'] == 'completed' for r in reports)} report(s) finished, "
            f"{sum(r['status'] == 'interrupted' for r in reports)} interrupted (run the same command again "
            "to finish; the finished ones are reused)."
            if interrupted
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
    extra_links = []
    pairs = [tuple(p) for p in options.get("pairs") or [actors]]
    if len(pairs) > 1:
        tic = time.perf_counter()
        table = report_pairs.compare_pairs(data.tagged, pairs, issues=issues)
        write_text_atomic(
            inside(out, out / "pairs.html"),
            report_pairs.pairs_page(
                table,
                pairs=pairs,
                title="Pairs side by side: " + ", ".join(f"{a}–{b}" for a, b in pairs),
                info=info[0],
            ),
        )
        flat = table.drop(columns=["components", "evidence"], errors="ignore")
        flat.insert(1, "issue_label", flat["issue"].map(lambda x: labels.get(x, x)))
        exports.write_csv(flat, inside(out, out / "pairs.csv"))
        marker.add_written(["pairs.html", "pairs.csv"])
        written["files"] += ["pairs.html", "pairs.csv"]
        extra_links.append(("pairs side by side", "pairs.html"))
        timings["pairs"] = round(time.perf_counter() - tic, 3)
    timings["total"] = round(time.perf_counter() - t0, 3)
    manifest = {
        "key": key,
        "library_fingerprint": library,
        "ok": ok,
        "interrupted": interrupted,
        "finished": finished,
        "parameters": parameters,
        "inputs": inputs,
        "notebooks": notebook_hashes,
        "data_files": data_hashes,
        "packages": _versions(),
        "platform": {"python": sys.version.split()[0], "system": platform.platform()},
        "corpus": {
            "articles": int(len(data.articles)),
            "sentences": int(n_sentences),
            "skipped": int(len(data.skipped)),
        },
        "summary": summary,
        "highlights": best,
        "exports": written["files"],
        "written": sorted(
            {*written["files"], "index.html", "manifest.json"}
            | {_rel(Path(job[k]), out) for job in planned for k in ("html", "ipynb")}
        ),
        "timings": timings,
        "reports": reports,
        "failures": [
            {"name": r["name"], "status": r["status"], "error": r["error"]}
            for r in reports
            if r["status"] != "completed"
        ],
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str, allow_nan=False)
    # Only now, with every report finished and hashed, the index and the manifest appear.
    write_text_atomic(
        index_path,
        index_page(
            title=f"Convergence report: {actors[0]}–{actors[1]}",
            summary=summary,
            reports=reports,
            actors=actors,
            info=info,
            highlights=best,
            downloads=[*written["index_links"], *extra_links],
        ),
    )
    write_text_atomic(manifest_path, text + "\n")
    marker.finish()
    if interrupted:
        done = sum(r["status"] == "completed" for r in reports)
        say(
            f"interrupted: {done} of {len(reports)} reports finished (run again to finish them). "
            f"Index: {index_path}"
        )
    else:
        state = "all completed" if ok else f"{len(manifest['failures'])} FAILED"
        say(f"{len(reports)} reports ({state}) in {timings['total']:.1f} s. Index: {index_path}")
    return ReportResult(
        out,
        index_path,
        manifest_path,
        reports,
        reused=False,
        seconds=timings["total"],
        interrupted=interrupted,
    )


def _display_path(p: Path) -> str:
    try:
        return str(p.relative_to(project_root()))
    except ValueError:
        return str(p)
