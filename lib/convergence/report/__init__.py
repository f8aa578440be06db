"""Batch reports: papermill runs of the notebooks, self-contained HTML, an index and a run manifest.

``run_report`` is the entry point (``convergence report`` on the command line); ``load`` is what the
notebooks call to get the corpus tables (from the runner's cache when it gives one). ``ReportError`` (and
its ``ReportLockedError``, ``UnsafePathError``) is what a run that cannot go ahead raises.

Names are imported on first use, so ``from convergence.report.safety import ReportError`` (the command line's
error handling) does not load matplotlib or papermill.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "ReportData": "data",
    "load": "data",
    "downloads": "data",
    "prepare": "data",
    "save": "data",
    "neutralize_active_content": "html",
    "notebook_html": "html",
    "self_contained": "html",
    "write_notebook_html": "html",
    "write_text_atomic": "html",
    "ReportResult": "runner",
    "execute_job": "worker",
    "hash_inputs": "runner",
    "run_report": "runner",
    "ReportError": "safety",
    "ReportLockedError": "safety",
    "UnsafePathError": "safety",
    "inside": "safety",
    "safe_stem": "safety",
}

# What a user calls: a run, its result and errors, and the notebooks' loader. The other names above stay
# reachable as ``convergence.report.NAME`` for existing callers; new code imports them from their module.
__all__ = [
    "ReportData",
    "ReportError",
    "ReportLockedError",
    "ReportResult",
    "UnsafePathError",
    "downloads",
    "load",
    "run_report",
]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(f"convergence.report.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'convergence.report' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
