"""Every notebook runs under papermill on the fixture corpus; the notebooks are thin and ship clean.

One batch report (overview, matrix, one issue report per issue area with evidence) runs the whole chain
read_corpus -> tag -> measure -> charts on tests/fixtures/corpus_small; the other notebooks then run
in-process with papermill on the tables that report stored.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from convergence import report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CORPUS = ROOT / "tests" / "fixtures" / "corpus_small"
EXPECTED = {
    "00-corpus-overview",
    "10-issue-area",
    "20-convergence-matrix",
    "30-timeline",
    "40-source-comparison",
    "90-explore",
}


def test_the_notebook_collection_is_complete():
    assert {p.stem for p in NOTEBOOKS} == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_clean(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one parameters cell"
    for line in params[0].source.splitlines():
        code, _, comment = line.partition("#")
        assert comment.strip(), f"parameter without a help comment: {line!r}"
        tree = ast.parse(code)
        (stmt,) = tree.body
        value = stmt.value
        ast.literal_eval(value)  # plain literals only, no computed defaults
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "committed without outputs"
            assert "cv.resolve" in cell.source or "open(" not in cell.source


def test_help_notebook_documents_every_parameter(monkeypatch):
    import click
    import papermill.inspection as insp

    for path in NOTEBOOKS:
        text: list[str] = []
        monkeypatch.setattr(insp.click, "echo", lambda msg="", text=text, **_: text.append(str(msg)))
        insp.display_notebook_help(click.Context(click.Command("papermill")), str(path), None)
        params = [
            c
            for c in nbformat.read(str(path), as_version=4).cells
            if "parameters" in c.metadata.get("tags", [])
        ]
        names = [line.split(":")[0].split("=")[0].strip() for line in params[0].source.splitlines()]
        joined = "\n".join(text)
        for name in names:
            assert re.search(rf"^\s*{name}: .*\(default", joined, re.M), (path.name, name, joined)
            line = next(x for x in params[0].source.splitlines() if x.startswith(name))
            assert line.split("#", 1)[1].strip()[:20] in joined


@pytest.fixture(scope="module")
def fixture_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb-report")
    result = report.run_report([CORPUS], out=out, timeout=180, quiet=True)
    return result


def test_report_notebooks_run_on_the_fixture_corpus(fixture_report):
    result = fixture_report
    assert result.ok, [(r["name"], r["error"]) for r in result.failures]
    names = {r["name"] for r in result.reports}
    assert {"00-corpus-overview", "20-convergence-matrix"} <= names
    issue_reports = {n.removeprefix("10-issue-area-") for n in names if n.startswith("10-issue-area-")}
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    verdicts = {s["issue"]: s["verdict"] for s in manifest["summary"]}
    index = {s["issue"]: s["index"] for s in manifest["summary"]}
    # The fixture states clear agreement on counter-terrorism and clear conflict on Afghanistan.
    assert verdicts.get("counterterrorism") == "convergent", verdicts
    assert verdicts.get("afghanistan") in ("divergent", "mixed") and index["afghanistan"] < 0, verdicts
    assert {"counterterrorism", "afghanistan"} <= issue_reports
    assert manifest["corpus"]["articles"] == 5


def test_article_markup_is_escaped_in_every_report(fixture_report):
    result = fixture_report
    pages = [result.out / r["html"] for r in result.reports] + [result.index]
    texts = [p.read_text(encoding="utf-8") for p in pages]
    for page, text in zip(pages, texts, strict=True):
        assert "<script>alert(1)" not in text, page.name
        assert "<b>bold</b>" not in text, page.name
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)
    assert any("&lt;b&gt;bold&lt;/b&gt;" in t for t in texts)


@pytest.mark.parametrize(
    "name, params",
    [
        ("30-timeline", {"by": "month"}),
        ("40-source-comparison", {"issue": "afghanistan"}),
        ("90-explore", {"issue": "counterterrorism", "term": "terrorism"}),
    ],
)
def test_other_notebooks_run_under_papermill(fixture_report, tmp_path, name, params):
    out = tmp_path / f"{name}.ipynb"
    nb = pm.execute_notebook(
        str(ROOT / "notebooks" / f"{name}.ipynb"),
        str(out),
        parameters={"corpus": [str(CORPUS)], "cache": str(fixture_report.out / "_data"), **params},
        kernel_name="python3",
        language="python",
        execution_timeout=180,
        progress_bar=False,
        cwd=str(tmp_path),
    )
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    rich = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert images or rich
    page = report.notebook_html(nb)
    assert "<script" not in page.lower()
    assert "<script>alert(1)" not in page
