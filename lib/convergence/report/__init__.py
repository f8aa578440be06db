"""Batch reports: papermill runs of the notebooks, self-contained HTML, an index and a run manifest.

``run_report`` is the entry point (``convergence report`` on the command line); ``load`` is what the
notebooks call to get the corpus tables (from the runner's cache when it gives one).
"""

from __future__ import annotations

from convergence.report.data import ReportData, load, prepare, save
from convergence.report.html import notebook_html, self_contained, write_notebook_html, write_text_atomic
from convergence.report.runner import ReportResult, execute_job, hash_inputs, run_report

__all__ = [
    "ReportData",
    "ReportResult",
    "execute_job",
    "hash_inputs",
    "load",
    "notebook_html",
    "prepare",
    "run_report",
    "save",
    "self_contained",
    "write_notebook_html",
    "write_text_atomic",
]
