"""The report runner's parts stay apart and reuse what was computed: the worker and the runner do not import
each other, an issue slice carries the corpus background without copying it, a corpus tagged before is
loaded from the tag cache, and the kernel server fills the library's memos before it forks kernels."""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
from pathlib import Path

import convergence as cv
import pandas as pd
from convergence import pipeline
from convergence.report import data as report_data

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "lib" / "convergence" / "report"
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import tagged_small  # noqa: E402


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_the_worker_and_the_runner_do_not_import_each_other():
    assert not any(n.startswith("convergence.report.runner") for n in _imported(REPORT / "worker.py"))
    assert not any(n.startswith("convergence.report.worker") for n in _imported(REPORT / "runner.py"))
    code = (
        "import sys, convergence.report.worker as w; "
        "assert 'convergence.report.runner' not in sys.modules; "
        "assert 'pandas' not in sys.modules; "
        "assert callable(w.execute_job)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_an_issue_slice_shares_the_background_counts_instead_of_copying_them(tmp_path):
    tables = tagged_small.tables()
    report_data.save(report_data.ReportData(**tables, paths=["x"]), tmp_path / "_data")
    part = report_data.load([ROOT / "seeds"], cache=tmp_path / "_data", issue="counterterrorism").tagged
    counts = part.attrs["token_background"]
    assert isinstance(counts, report_data.SharedCounts) and len(counts) > 10
    assert copy.deepcopy(part.attrs)["token_background"] is counts
    assert part[["text", "issues"]].attrs["token_background"] is counts  # a derived frame: the same object
    plain = part.copy()
    plain.attrs = {**part.attrs, "token_background": dict(counts)}
    pd.testing.assert_frame_equal(
        cv.keyness(part, issue="counterterrorism", min_count=1),
        cv.keyness(plain, issue="counterterrorism", min_count=1),
    )


def test_prepare_loads_a_corpus_tagged_before_from_the_tag_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVERGENCE_CACHE", str(tmp_path / "cache"))
    corpus = FIXTURES / "corpus_small"
    first = report_data.prepare([corpus])
    expected = cv.tag(cv.read_corpus([corpus], use_cache=False))
    pd.testing.assert_frame_equal(first.tagged, expected)
    assert first.tagged.attrs == {}

    def no_tagging(*args, **kwargs):
        raise AssertionError("tagged again although the tag cache holds this corpus")

    monkeypatch.setattr(pipeline, "_parse_and_tag", no_tagging)
    again = report_data.prepare([corpus])
    pd.testing.assert_frame_equal(again.tagged, first.tagged)
    pd.testing.assert_frame_equal(again.articles, first.articles)
    pd.testing.assert_frame_equal(again.skipped, first.skipped)
    assert "text" not in again.articles.columns


def test_the_kernel_server_fills_the_memos_a_forked_kernel_inherits():
    code = (
        "from convergence.report import kernels; kernels._warm_data(); "
        "import importlib; "
        "positions = importlib.import_module('convergence.measure.positions'); "
        "pairs = importlib.import_module('convergence.measure.pairs'); "
        "assert positions._polarity_cached.cache_info().currsize > 0; "
        "assert positions._load_space_cached.cache_info().currsize == 1; "
        "assert pairs._actor_regexes.cache_info().currsize == 1"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
