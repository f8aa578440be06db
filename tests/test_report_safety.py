"""Safe report output: file names from user data, paths inside the output folder, no active content.

The injection test writes its own small corpus (invented sentences with script/event-handler/javascript:
payloads in the text, titles, publisher names, URLs, file and folder names), runs the whole report chain on
it and parses every HTML file written.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from html.parser import HTMLParser
from pathlib import Path

import convergence.report.runner as runner
import nbformat
import pytest
from convergence import report
from convergence.report import data as report_data
from convergence.report.html import neutralize_active_content
from convergence.report.safety import (
    ReportLockedError,
    RunLock,
    UnsafePathError,
    inside,
    safe_stem,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import tagged_small  # noqa: E402

SAFE = re.compile(r"[A-Za-z0-9_-]{1,80}")
HOSTILE_NAMES = [
    "../../etc/x",
    "a/b",
    "a_b",
    "..",
    ".",
    "",
    "con",
    "CON",
    "nul",
    "lpt1",
    "com3",
    "bad\x00name",
    "x" * 500,
    "x" * 501,
    "کشمیر",
    "Кашмир",
    "克什米尔",
    "Côte d'Ivoire",
    "<script>alert(1)</script>",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "a b",
    "a\nb",
    "-rf",
]


# --------------------------------------------------------------------------------------------- safe names


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_stem_gives_a_plain_file_stem(name, tmp_path):
    stem = safe_stem(name)
    assert SAFE.fullmatch(stem), (name, stem)
    assert not re.fullmatch(r"(?i)con|prn|aux|nul|com\d|lpt\d", stem), stem
    target = inside(tmp_path, tmp_path / f"{stem}.html")
    assert target.parent == tmp_path.resolve()
    target.write_text("ok", encoding="utf-8")  # the file system accepts it
    assert target.read_text(encoding="utf-8") == "ok"


def test_safe_stem_keeps_plain_names_and_never_collides():
    for name in ("10-issue-area-kashmir", "00-corpus-overview", "china_cpec", "USA"):
        assert safe_stem(name) == name
    stems = [safe_stem(n) for n in HOSTILE_NAMES]
    assert len(set(stems)) == len(HOSTILE_NAMES), stems
    assert safe_stem("a/b") != safe_stem("a_b") == "a_b"
    assert safe_stem("x" * 500) != safe_stem("x" * 501)
    assert len(safe_stem("x" * 500)) <= 80 and len(safe_stem("y" * 30, max_length=20)) <= 20
    assert safe_stem("Côte d'Ivoire").startswith("Cote_d_Ivoire-")
    assert safe_stem("con") != "con" and safe_stem("CON") != safe_stem("con")
    with pytest.raises(ValueError, match="max_length"):
        safe_stem("x", max_length=3)


def test_inside_refuses_paths_outside_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert inside(out, "reports/a.html") == (out / "reports" / "a.html").resolve()
    for bad in ("../x.html", "reports/../../x.html", "/etc/passwd", str(tmp_path / "x.html")):
        with pytest.raises(UnsafePathError, match="outside the output folder"):
            inside(out, bad)
    with pytest.raises(UnsafePathError, match="NUL"):
        inside(out, "a\x00b.html")
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafePathError, match="outside the output folder"):
        inside(out, "link/report.html")


# ---------------------------------------------------------------------- hostile issue slugs in a real run


def _tiny_notebooks(folder: Path) -> Path:
    folder.mkdir()
    for name in ("00-corpus-overview", "10-issue-area", "20-convergence-matrix"):
        book = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('corpus = []\nactors = []\ncache = ""\nissue = ""\nissues = []')
        params.metadata["tags"] = ["parameters"]
        book.cells = [params, nbformat.v4.new_code_cell("print(repr(issue))")]
        nbformat.write(book, folder / f"{name}.ipynb")
    return folder


EVIL_SLUGS = {"counterterrorism": "../../etc/x", "afghanistan": 'a/b"); print("injected', "kashmir": ".."}


@pytest.fixture
def evil_prepare(monkeypatch):
    def prepare(paths, **_):
        tables = tagged_small.tables()
        tables["tagged"]["issues"] = tables["tagged"]["issues"].map(lambda xs: [EVIL_SLUGS[x] for x in xs])
        return report_data.ReportData(**tables, paths=[str(p) for p in paths])

    monkeypatch.setattr(runner.report_data, "prepare", prepare)
    monkeypatch.setattr(runner, "library_fingerprint", lambda: "fixed-for-tests")


def _all_files(folder: Path) -> set[Path]:
    return {p.resolve() for p in folder.rglob("*") if p.is_file()}


def test_hostile_issue_slugs_stay_inside_out(evil_prepare, tmp_path):
    nbs = _tiny_notebooks(tmp_path / "nbs")
    out = tmp_path / "deep" / "out"
    before = _all_files(tmp_path)
    result = report.run_report(
        [FIXTURES / "corpus_small"], out=out, notebooks=nbs, timeout=60, quiet=True, progress=False
    )
    assert result.ok, result.failures
    issue_reports = [r for r in result.reports if r["issue"]]
    assert sorted(r["issue"] for r in issue_reports) == sorted(EVIL_SLUGS.values())
    for r in result.reports:
        stem = Path(r["html"]).stem
        assert SAFE.fullmatch(stem) and r["html"] == f"reports/{stem}.html", r
        assert r["html_sha256"] and r["ipynb_sha256"]
    for r in issue_reports:  # the notebook received the slug as a string, not as code
        book = nbformat.read(out / r["ipynb"], as_version=4)
        printed = [o["text"] for c in book.cells for o in c.get("outputs", []) if o.get("name") == "stdout"]
        assert printed == [repr(r["issue"]) + "\n"], printed
    written = _all_files(tmp_path) - before
    assert written and all(p.is_relative_to(out.resolve()) for p in written), written
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()


def test_a_reports_folder_linked_outside_is_refused(evil_prepare, tmp_path):
    nbs = _tiny_notebooks(tmp_path / "nbs")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "reports").symlink_to(elsewhere)
    with pytest.raises(UnsafePathError, match="outside the output folder"):
        report.run_report([FIXTURES / "corpus_small"], out=out, notebooks=nbs, timeout=60, quiet=True)
    assert list(elsewhere.iterdir()) == []


def test_a_held_lock_refuses_a_second_run_at_once(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with RunLock(out):
        with pytest.raises(ReportLockedError) as info:
            report.run_report([FIXTURES / "corpus_small"], out=out, quiet=True)
    message = str(info.value)
    assert f"pid {os.getpid()}" in message and "started 20" in message
    assert f"is writing to {out}; wait for it or use another --out" in message
    with RunLock(out):  # released: taken again
        pass


def _forked_holder(lock: RunLock, *, leave: bool) -> int:
    """A child forked while ``lock`` is held (as the runner forks its data process), still running; it closes
    its copy of the lock's descriptor first when ``leave``."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: signal readiness, then wait to be killed
        try:
            if leave:
                lock.leave_to_parent()
            os.write(ready_w, b"x")
            signal.pause()
        finally:
            os._exit(0)
    os.close(ready_w)
    os.read(ready_r, 1)
    os.close(ready_r)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("leave", [False, True])
def test_a_forked_child_keeps_the_lock_after_the_runner_only_unless_it_leaves_it(tmp_path, leave):
    lock = RunLock(tmp_path).acquire()
    child = _forked_holder(lock, leave=leave)
    try:
        os.close(lock._fd)  # the runner dies: its descriptor closes without unlocking
        lock._fd = None
        if leave:
            RunLock(tmp_path).acquire().release()  # the next run gets the lock at once
        else:
            with pytest.raises(ReportLockedError):
                RunLock(tmp_path).acquire()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    RunLock(tmp_path).acquire().release()  # and once the child is gone, in both cases


# ------------------------------------------------------------------------------------ injected payloads

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
]
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}


def _write_hostile_corpus(root: Path) -> Path:
    folder = root / "<img src=x onerror=alert(1)>"
    folder.mkdir(parents=True)
    (folder / "<img src=x onerror=alert(1)>.md").write_text(
        "---\n"
        "title: '<script>alert(1)</script> \"><svg onload=alert(1)>'\n"
        "date: 2024-02-01\n"
        "publisher: '<img src=x onerror=alert(1)>'\n"
        "url: 'javascript:alert(1)'\n"
        "doc_type: news\n"
        "---\n\n"
        "Pakistan and the United States agreed to deepen counter-terrorism cooperation "
        "<script>alert(1)</script> against militant networks.\n\n"
        "Washington welcomes Pakistan's efforts against terrorism, officials said "
        "<img src=x onerror=alert(1)> on Tuesday.\n\n"
        "Pakistan said it supports closer intelligence sharing with the United States on terrorist "
        'threats "><svg onload=alert(1)>.\n\n'
        "Visit javascript:alert(1) for details on counter-terrorism.\n",
        encoding="utf-8",
    )
    (folder / '"><svg onload=alert(1)>.txt').write_text(
        "The United States criticised Pakistan over Kashmir <script>alert(1)</script> while Pakistan "
        "rejected the US position on Kashmir.\n\n"
        'Pakistan condemned India in Kashmir "><svg onload=alert(1)> and the United States urged restraint '
        "in Kashmir.\n",
        encoding="utf-8",
    )
    (folder / "javascript:alert(1).md").write_text(
        "---\ntitle: javascript:alert(1)\npublisher: '\"><svg onload=alert(1)>'\n"
        "url: ' JaVaScRiPt:alert(1)'\n---\n\nThe United States welcomed Pakistan's support against "
        "terrorism.\n",
        encoding="utf-8",
    )
    return folder


class _Active(HTMLParser):
    """Everything in a page that could run code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.tags = 0

    def handle_starttag(self, tag, attrs):
        self.tags += 1
        if tag in ("script", "iframe", "object", "embed", "base"):
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRS and value is not None:
                url = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                if url.startswith(("javascript:", "vbscript:")):
                    self.bad.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def _active(page: str) -> list[str]:
    parser = _Active()
    parser.feed(page)
    parser.close()
    assert parser.tags > 5  # it is a page
    return parser.bad


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = _write_hostile_corpus(root / "corpus")
    mp = pytest.MonkeyPatch()
    mp.setattr(runner, "library_fingerprint", lambda: "fixed-for-tests")
    try:
        result = report.run_report(
            [corpus],
            out=root / "out",
            issues=["counterterrorism", "kashmir"],
            timeout=300,
            quiet=True,
            progress=False,
        )
    finally:
        mp.undo()
    return result


def test_payloads_never_appear_as_markup(hostile_run):
    result = hostile_run
    assert result.ok, result.failures
    pages = sorted(result.out.rglob("*.html"))
    assert result.index in pages and len(pages) == 1 + len(result.reports) >= 4
    escaped_anywhere = ""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _active(text) == [], page.name
        assert "<script" not in text.lower(), page.name
        escaped_anywhere += text
    # The payloads are visible, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped_anywhere
    assert "&lt;img src=x onerror=alert(1)&gt;" in escaped_anywhere
    assert "&lt;svg onload=alert(1)&gt;" in escaped_anywhere
    overview = (result.out / "reports" / "00-corpus-overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview  # the title
    assert "&lt;img src=x onerror=alert(1)&gt;" in overview  # the publisher and the folder name
    issue = (result.out / "reports" / "10-issue-area-counterterrorism.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in issue  # an evidence sentence
    index = result.index.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in index  # the corpus folder's name


def test_neutralize_active_content_removes_markup_not_text():
    page = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        '<a href="javascript:alert(1)" onclick="x()">a</a><a href=" jav&#x09;ascript:alert(1)">b</a>'
        "<img src=x onerror=alert(1)><svg onload=alert(1)></svg><IMG SRC=x OnError='alert(1)'>"
        '<a title="a > b" href="https://example.org/a?x=1&amp;y=2">ok</a><iframe src="x"></iframe>'
        '<img src="data:image/png;base64,AAAA"><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>'
        "<script>alert(2)</script><script src=x>"
    )
    out = neutralize_active_content(page)
    assert _active(out + "<p></p>" * 6) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<a title="a > b" href="https://example.org/a?x=1&amp;y=2">ok</a>' in out
    assert '<img src="data:image/png;base64,AAAA">' in out
    assert "data:text/html" not in out and "iframe" not in out and "alert(2)" not in out
