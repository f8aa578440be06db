"""The batch runner: reports, index, manifest, self-contained and escaped HTML, reuse, failures, browser.

The corpus is parsed and tagged in the parent process only; here that step is replaced by a small
hand-written tagged frame (tests/fixtures/tagged_small.py) so these tests exercise the runner, the
notebooks and the HTML on their own. tests/test_notebooks.py runs the whole chain on a fixture corpus.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import convergence.report.runner as runner
import nbformat
import pytest
from convergence import report
from convergence.report import data as report_data

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus_small"
sys.path.insert(0, str(FIXTURES))
import tagged_small  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")


def _fake_prepare(paths, **_):
    return report_data.ReportData(**tagged_small.tables(), paths=[str(p) for p in paths])


class _Calls:
    """The paths of every ``prepare`` call, kept in a file: the runner prepares the data in a forked
    process, whose list appends would not reach the test."""

    def __init__(self, path: Path):
        self.path = path
        path.write_text("", encoding="utf-8")

    def append(self, paths) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps([str(p) for p in paths]) + "\n")

    def _list(self) -> list:
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def __len__(self) -> int:
        return len(self._list())

    def __eq__(self, other) -> bool:
        return self._list() == list(other)


@pytest.fixture
def fake_prepare(monkeypatch, tmp_path_factory):
    calls = _Calls(tmp_path_factory.mktemp("calls") / "prepare.jsonl")

    def prepare(paths, **kw):
        calls.append(paths)
        return _fake_prepare(paths, **kw)

    monkeypatch.setattr(runner.report_data, "prepare", prepare)
    # The library's code and data are part of the reuse key; hold them still while the tests compare runs.
    monkeypatch.setattr(runner, "library_fingerprint", lambda: "fixed-for-tests")
    return calls


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setattr(runner.report_data, "prepare", _fake_prepare)
    mp.setattr(runner, "library_fingerprint", lambda: "fixed-for-tests")
    out = tmp_path_factory.mktemp("report")
    started = time.perf_counter()
    result = report.run_report([CORPUS], out=out, timeout=120, quiet=True)
    mp.undo()
    return result, time.perf_counter() - started


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.scripts: list[dict] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            if attrs.get(name):
                self.refs.append((tag, name, attrs[name]))
        if tag == "script":
            self.scripts.append(attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _external_refs(page: str) -> list:
    parser = _Refs()
    parser.feed(page)
    bad = []
    for tag, name, value in parser.refs:
        remote = re.match(r"^\s*(?:https?:)?//", value, re.I)
        if remote and not (tag == "a" and name == "href"):
            bad.append((tag, name, value))
    bad += [("script", "src", s["src"]) for s in parser.scripts if s.get("src")]
    css = "\n".join(parser.styles)
    bad += [("style", "@import", m) for m in re.findall(r"@import[^;]*;", css)]
    bad += [("style", "url", m) for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", css, re.I)]
    return bad


def test_run_writes_reports_index_and_manifest(good_run):
    result, seconds = good_run
    assert result.ok, result.failures
    names = {r["name"] for r in result.reports}
    assert names == {
        "00-corpus-overview",
        "20-convergence-matrix",
        "30-timeline",  # the corpus is dated
        "40-source-comparison",  # ... and has three publishers
        "10-issue-area-counterterrorism",
        "10-issue-area-afghanistan",
        "10-issue-area-kashmir",
    }
    for r in result.reports:
        assert (result.out / r["html"]).is_file() and (result.out / r["ipynb"]).is_file()
    index = result.index.read_text(encoding="utf-8")
    for r in result.reports:
        assert f'href="{r["html"]}"' in index
    for verdict in ("convergent", "divergent"):
        assert verdict in index
    manifest = json.loads(
        result.manifest.read_text(encoding="utf-8"), parse_constant=pytest.fail
    )  # strict JSON
    assert manifest["ok"] is True and manifest["failures"] == []
    hashed = {Path(i["path"]).name: i["sha256"] for i in manifest["inputs"]}
    for f in CORPUS.iterdir():
        assert hashed[f.name] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert manifest["packages"]["papermill"] and manifest["packages"]["convergence"]
    assert manifest["parameters"]["actors"] == ["USA", "PAK"]
    assert {"parse_tag", "notebooks", "total"} <= set(manifest["timings"])
    assert {s["issue"] for s in manifest["summary"]} == {"counterterrorism", "afghanistan", "kashmir"}
    assert seconds > 0  # speed is measured by bench/bench_report.py, not here


def test_html_is_self_contained(good_run):
    result, _ = good_run
    pages = [result.index] + [result.out / r["html"] for r in result.reports]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _external_refs(text) == [], page.name
        assert "<script" not in text.lower(), page.name
    issue = (result.out / "reports" / "10-issue-area-kashmir.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in issue


def test_a_report_shows_each_chart_as_its_whole_figure_drawn_once(good_run):
    """The report's kernels show a figure as :func:`convergence.charts.render.figure_png` draws it (the whole
    canvas, laid out and drawn once), not as the inline backend's tight crop."""
    import base64

    from convergence import charts
    from convergence.charts.render import figure_png

    result, _ = good_run
    nb = nbformat.read(result.out / "reports" / "00-corpus-overview.ipynb", as_version=4)
    shown = [
        base64.b64decode(output["data"]["image/png"])
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    params = nb.metadata.papermill.parameters
    data = report.load(params["corpus"], cache=params["cache"], columns="overview")
    fig = charts.articles_over_time(data.articles, by=params["by"], note=charts.corpus_note(data.tagged))
    assert len(shown) == 3 and shown[0] == figure_png(fig)
    width, height = (int.from_bytes(shown[0][k : k + 4], "big") for k in (16, 20))
    assert (width, height) == tuple(round(v * fig.dpi) for v in fig.get_size_inches())


def test_article_text_is_escaped_in_the_report(good_run):
    result, _ = good_run
    issue = (result.out / "reports" / "10-issue-area-kashmir.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in issue
    assert "&lt;b&gt;bold&lt;/b&gt;" in issue
    assert "<script>alert(1)" not in issue and "<b>bold</b>" not in issue
    assert "<mark>criticised</mark>" in issue


def test_rerun_reuses_results_and_force_reruns(good_run, fake_prepare, capsys):
    result, _ = good_run
    again = report.run_report([CORPUS], out=result.out, timeout=120)
    assert again.reused and again.ok
    assert fake_prepare == []  # nothing parsed again
    assert "reusing" in capsys.readouterr().out
    forced = report.run_report(
        [CORPUS], out=result.out, timeout=120, force=True, issues=["kashmir"], quiet=True
    )
    assert not forced.reused and forced.ok
    assert len(fake_prepare) == 1
    assert {r["name"] for r in forced.reports} == {
        "00-corpus-overview",
        "20-convergence-matrix",
        "30-timeline",
        "40-source-comparison",
        "10-issue-area-kashmir",
    }


def test_changed_input_or_library_is_not_reused(fake_prepare, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name in ("00-corpus-overview", "10-issue-area", "20-convergence-matrix"):
        book = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('corpus = []\nactors = []\ncache = ""\nissue = ""\nissues = []')
        params.metadata["tags"] = ["parameters"]
        book.cells = [params, nbformat.v4.new_code_cell("print(len(corpus))")]
        nbformat.write(book, nbs / f"{name}.ipynb")
    opts = dict(out=tmp_path / "out", notebooks=nbs, timeout=60, quiet=True, issues=["kashmir"])
    first = report.run_report([corpus], **opts)
    assert first.ok and not first.reused, first.failures
    (corpus / "01-counterterrorism-cooperation.md").write_text("changed\n", encoding="utf-8")
    second = report.run_report([corpus], **opts)
    assert not second.reused and len(fake_prepare) == 2
    third = report.run_report([corpus], **opts)
    assert third.reused and len(fake_prepare) == 2
    monkeypatch.setattr(runner, "library_fingerprint", lambda: "library edited")
    fourth = report.run_report([corpus], **opts)
    assert not fourth.reused and len(fake_prepare) == 3


def test_library_fingerprint_covers_code_and_data():
    fingerprint = runner.library_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    assert fingerprint == runner.library_fingerprint()


def test_failing_and_timed_out_notebooks_are_reported(fake_prepare, tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    shutil.copy(ROOT / "notebooks" / "10-issue-area.ipynb", nbs)
    slow = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('corpus = []\nactors = []\ncache = ""')
    params.metadata["tags"] = ["parameters"]
    slow.cells = [params, nbformat.v4.new_code_cell("import time\ntime.sleep(40)")]
    nbformat.write(slow, nbs / "00-corpus-overview.ipynb")
    bad = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('corpus = []\nactors = []\ncache = ""\nissues = []')
    params.metadata["tags"] = ["parameters"]
    bad.cells = [params, nbformat.v4.new_code_cell("raise ValueError('matrix exploded on purpose')")]
    nbformat.write(bad, nbs / "20-convergence-matrix.ipynb")

    result = report.run_report(
        [CORPUS], out=tmp_path / "out", notebooks=nbs, timeout=10, quiet=True, issues=["kashmir"]
    )
    assert not result.ok
    status = {r["name"]: r for r in result.reports}
    assert status["00-corpus-overview"]["status"] == "timed out"
    assert status["20-convergence-matrix"]["status"] == "failed"
    assert "matrix exploded on purpose" in status["20-convergence-matrix"]["error"]
    assert status["10-issue-area-kashmir"]["status"] == "completed"
    for r in result.reports:
        assert (result.out / r["ipynb"]).is_file()  # the executed notebook is kept
    index = result.index.read_text(encoding="utf-8")
    assert "timed out" in index and "matrix exploded on purpose" in index
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert {f["name"] for f in manifest["failures"]} == {"00-corpus-overview", "20-convergence-matrix"}
    # A failed run is not reused: the failed notebooks run again, the completed ones are reused.
    again = report.run_report(
        [CORPUS], out=tmp_path / "out", notebooks=nbs, timeout=10, quiet=True, issues=["kashmir"]
    )
    assert not again.reused
    assert {r["name"]: r["reused"] for r in again.reports}["10-issue-area-kashmir"] is True


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="two actor codes"):
        report.run_report([CORPUS], out=tmp_path, actors=("USA",))
    with pytest.raises(ValueError, match="timeout"):
        report.run_report([CORPUS], out=tmp_path, timeout=0)
    with pytest.raises(FileNotFoundError, match="input not found"):
        report.run_report([tmp_path / "missing"], out=tmp_path / "o")
    with pytest.raises(FileNotFoundError, match="not found in"):
        report.run_report([CORPUS], out=tmp_path / "o", notebooks=tmp_path)


def test_self_contained_strips_remote_resources():
    page = (
        '<html><head><script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="https://fonts.example/css"><link rel="icon" href="local.png">'
        "<style>@import url('https://fonts.example/a.css'); body{background:url(https://x.example/b.png)}</style>"
        '</head><body><img src="https://x.example/c.png"><img src="data:image/png;base64,AAAA">'
        '<a href="https://example.org/article">article</a><script>alert(2)</script></body></html>'
    )
    out = report.self_contained(page)
    assert _external_refs(out) == []
    assert "<script" not in out
    assert 'href="https://example.org/article"' in out
    assert 'href="local.png"' in out and "data:image/png;base64,AAAA" in out


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_reports_render_in_headless_chromium(good_run):
    playwright = pytest.importorskip("playwright.sync_api")
    result, _ = good_run
    out = result.out.resolve()
    pages = [result.index, result.out / "reports" / "10-issue-area-kashmir.html"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            for page_path in pages:
                page = browser.new_page()
                errors, outside = [], []
                page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

                def check(request, outside=outside):
                    url = request.url
                    if url.startswith("data:"):
                        return
                    if not url.startswith("file://") or not url[len("file://") :].startswith(str(out)):
                        outside.append(url)

                page.on("request", check)
                page.goto(page_path.resolve().as_uri())
                page.wait_for_load_state("load")
                images = page.eval_on_selector_all(
                    "img", "els => els.map(e => [e.complete, e.naturalWidth, e.src.slice(0, 30)])"
                )
                assert errors == [], (page_path.name, errors)
                assert outside == [], (page_path.name, outside)
                assert all(done and width > 0 for done, width, _ in images), images
                if "issue-area" in page_path.name:
                    assert len(images) >= 3
                    assert page.locator("mark").count() > 0
                page.close()
        finally:
            browser.close()


def test_a_kernel_that_cannot_start_is_retried_once_then_reported(tmp_path):
    book = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    book.cells = [params, nbformat.v4.new_code_cell("print(x)")]
    nbformat.write(book, tmp_path / "tiny.ipynb")
    job = {
        "name": "tiny",
        "title": "tiny",
        "notebook": str(tmp_path / "tiny.ipynb"),
        "ipynb": str(tmp_path / "out" / "tiny.ipynb"),
        "html": str(tmp_path / "out" / "tiny.html"),
        "parameters": {"x": 2},
        "timeout": 30,
        "show_code": False,
        "kernel": "no-such-kernel-anywhere",
    }
    result = report.execute_job(job)
    assert result["status"] == "failed"
    assert "kernel did not start (attempt 2 of 2)" in result["error"]


def test_progress_bar_over_notebooks_only_when_asked_or_on_a_terminal(fake_prepare, tmp_path, capsys):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name in ("00-corpus-overview", "10-issue-area", "20-convergence-matrix"):
        book = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('corpus = []\nactors = []\ncache = ""\nissue = ""\nissues = []')
        params.metadata["tags"] = ["parameters"]
        book.cells = [params, nbformat.v4.new_code_cell("print(1)")]
        nbformat.write(book, nbs / f"{name}.ipynb")
    opts = dict(notebooks=nbs, timeout=60, quiet=True, issues=["kashmir"], force=True)
    shown = report.run_report([CORPUS], out=tmp_path / "a", progress=True, **opts)
    err = capsys.readouterr().err
    assert shown.ok and re.search(r"notebooks: 100%.*\b3/3\b", err), err
    auto = report.run_report([CORPUS], out=tmp_path / "b", **opts)  # captured stderr is no terminal
    assert auto.ok and "notebooks" not in capsys.readouterr().err
    with pytest.raises(ValueError, match="progress"):
        report.run_report([CORPUS], out=tmp_path / "c", progress="yes", **opts)
