"""Convergence: measure where two states' stated positions converge or diverge, issue by issue.

Flow: files -> ``ingest`` (read, clean, segment) -> corpus tables -> ``tag`` (issues, actors, holders,
stance) -> ``measure`` (convergence, salience, keyness, KWIC) -> ``charts`` / ``report`` / CLI / notebooks.

The public API is imported lazily so that ``import convergence`` stays cheap (notebooks, CLI start-up).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    # ingest
    "read_corpus": "convergence.ingest",
    "Corpus": "convergence.ingest",
    "IngestError": "convergence.ingest",
    "write_table": "convergence.ingest",
    # tag
    "tag": "convergence.tagging",
    "load_taxonomy": "convergence.tagging",
    "load_actors": "convergence.tagging",
    "tag_files": "convergence.pipeline",
    "ENGINES": "convergence.engine",
    "EngineError": "convergence.engine",
    "TagDataError": "convergence.tagging",
    "MeasureError": "convergence.measure",
    "ReportError": "convergence.report.safety",
    # measure
    "convergence": "convergence.measure.convergence",
    "salience": "convergence.measure.salience",
    "keyness": "convergence.measure.keyness",
    "kwic": "convergence.measure.kwic",
    "evidence": "convergence.measure.evidence",
    "positions": "convergence.measure.positions",
    "position_evidence": "convergence.measure",
    "to_records": "convergence.measure",
    "format_convergence": "convergence.measure",
    # paths and errors
    "project_root": "convergence.paths",
    "resolve": "convergence.paths",
    "from_cwd": "convergence.paths",
    "PathNotFoundError": "convergence.paths",
    "ConvergenceError": "convergence.errors",
    "UnknownCodeError": "convergence.tagging.codes",
}

__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'convergence' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
