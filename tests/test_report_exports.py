"""What an analyst takes away from a report folder: evidence and verdict tables (CSV, XLSX) with the
article's title, date, publisher and link; the index summary; pairs side by side; no pickle anywhere.

One report runs on the hand-written tagged frame (tests/fixtures/tagged_small.py) for two pairs of actors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import convergence.report.runner as runner
import pandas as pd
import pytest
from convergence import report
from convergence.csvsafe import neutralise_csv_cells
from convergence.report import data as report_data
from convergence.report import exports
from convergence.report.tables import read_frame, write_frame

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import tagged_small  # noqa: E402

PICKLE_MAGIC = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")


def _fake_prepare(paths, **_):
    return report_data.ReportData(**tagged_small.tables(), paths=[str(p) for p in paths])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setattr(runner.report_data, "prepare", _fake_prepare)
    mp.setattr(runner, "library_fingerprint", lambda: "fixed-for-tests")
    out = tmp_path_factory.mktemp("exports")
    result = report.run_report(
        [FIXTURES / "corpus_small"], out=out, actors=[("USA", "PAK"), ("CHN", "PAK")], timeout=120, quiet=True
    )
    mp.undo()
    return result


def test_no_pickle_anywhere_in_the_report_folder(run):
    assert run.ok, [(r["name"], r["error"]) for r in run.failures]
    files = [p for p in run.out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".arrow" for p in files)
    for p in files:
        assert p.suffix not in (".pkl", ".pickle"), p
        with open(p, "rb") as fh:
            assert not fh.read(2).startswith(PICKLE_MAGIC), p


def test_tables_round_trip_with_list_and_dict_columns(tmp_path):
    tagged = tagged_small.tables()["tagged"]
    tagged = tagged.assign(
        target_stances=[[{"target": "AFG", "stance": -0.5, "cues": ["condemn"]}]] + [[]] * (len(tagged) - 1)
    )
    write_frame(tagged, tmp_path / "t.arrow")
    back = read_frame(tmp_path / "t.arrow")
    pd.testing.assert_frame_equal(back, tagged)
    assert isinstance(back["issues"].iloc[0], list)
    assert back["target_stances"].iloc[0] == [{"target": "AFG", "stance": -0.5, "cues": ["condemn"]}]
    only = read_frame(tmp_path / "t.arrow", columns=["issues"])
    assert list(only.columns) == ["issues"] and only.index.equals(tagged.index)


def test_text_columns_read_back_with_one_object_per_distinct_value(tmp_path):
    index = [10, 11, 12, 13, 14]
    frame = pd.DataFrame(
        {
            "publisher": pd.Series(["Dawn", None, "APP", "Dawn", "Dawn"], index=index, dtype=object),
            "text": pd.Series(["a", "b", "c", "d", None], index=index, dtype=object),
            "n": pd.Series([1, 2, 3, 4, 5], index=index),
        }
    )
    write_frame(frame, tmp_path / "t.arrow")
    back = read_frame(tmp_path / "t.arrow")
    pd.testing.assert_frame_equal(back, frame)
    assert back["publisher"].iloc[1] is None and back["text"].iloc[4] is None
    dawn = [v for v in back["publisher"] if v == "Dawn"]
    assert len({id(v) for v in dawn}) == 1  # one string object, not one per row
    some = read_frame(tmp_path / "t.arrow", columns=["text", "n"])
    pd.testing.assert_frame_equal(some, frame[["text", "n"]])


def test_each_issue_report_has_its_evidence_as_csv_and_xlsx(run):
    manifest = json.loads(run.manifest.read_text(encoding="utf-8"))
    issue_reports = [r for r in manifest["reports"] if r["issue"]]
    assert issue_reports
    tagged = tagged_small.tables()["tagged"]
    for r in issue_reports:
        html_path = run.out / r["html"]
        page = html_path.read_text(encoding="utf-8")
        csv_name, xlsx_name = f"{html_path.stem}.evidence.csv", f"{html_path.stem}.xlsx"
        assert f'href="{csv_name}"' in page and f'href="{xlsx_name}"' in page
        ev = exports.read_back(html_path.parent / csv_name)
        sheets = pd.read_excel(html_path.parent / xlsx_name, sheet_name=None, dtype=str)
        assert set(sheets) == {"verdict", "evidence"}
        assert len(sheets["evidence"]) == len(ev) > 0
        assert {"title", "date", "publisher", "url", "sent_key", "text", "issue_label"} <= set(ev.columns)
        assert set(ev["issue"]) == {r["issue"]}
        # every row names its article: title, date and publisher from the article, not a hash
        known = dict(zip(tagged["doc_id"], tagged["title"], strict=True))
        assert all(known[d] == t for d, t in zip(ev["doc_id"], ev["title"], strict=True))
        assert ev["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
        assert sheets["verdict"]["verdict"].iloc[0] in ("convergent", "divergent", "mixed", "insufficient")


def test_index_answers_first_with_labels_and_links_the_tables(run):
    page = run.index.read_text(encoding="utf-8")
    assert page.index("Most convergent") < page.index("Where USA and PAK converge")
    assert "Most divergent" in page
    assert ">Counterterrorism<" in page  # the taxonomy's label, not the slug
    for name in ("verdicts.csv", "evidence.csv", "convergence.xlsx", "pairs.html"):
        assert f'href="{name}"' in page and (run.out / name).is_file()
    verdicts = exports.read_back(run.out / "verdicts.csv")
    manifest = json.loads(run.manifest.read_text(encoding="utf-8"))
    # one issue order: the index table, the manifest and the verdict table agree
    assert verdicts["issue"].tolist() == [s["issue"] for s in manifest["summary"]]
    rows = [page.find(f">{s['label']}<", page.index("Where USA and PAK")) for s in manifest["summary"]]
    assert rows == sorted(rows)


def test_pairs_page_has_one_row_per_issue_and_a_column_per_pair(run):
    page = (run.out / "pairs.html").read_text(encoding="utf-8")
    assert "<th>USA–PAK</th>" in page and "<th>CHN–PAK</th>" in page
    table = exports.read_back(run.out / "pairs.csv")
    assert set(table["pair"]) == {"USA–PAK", "CHN–PAK"}
    per_issue = table.groupby("issue")["pair"].nunique()
    assert (per_issue == 2).all()
    assert page.count("<tr>") == 1 + table["issue"].nunique()


def test_spreadsheet_formulas_are_neutralised(tmp_path):
    frame = pd.DataFrame(
        {"text": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain"], "n": range(7)}
    )
    safe = neutralise_csv_cells(frame)
    assert safe["text"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain"]
    assert safe["n"].tolist() == list(range(7))
    assert frame["text"].iloc[0] == '=HYPERLINK("x")'  # the input is not changed
    exports.write_csv(frame, tmp_path / "x.csv")
    exports.write_xlsx({"s": frame}, tmp_path / "x.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("'=")
    assert exports.read_back(tmp_path / "x.csv")["text"].iloc[0].startswith("'=")


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.is_file(), reason="needs Debian chromium at /usr/bin/chromium")
def test_a_browser_opens_the_pages_downloads_the_tables_and_reads_them_back(run, tmp_path):
    import functools
    import http.server
    import threading

    playwright = pytest.importorskip("playwright.sync_api")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(run.out))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    manifest = json.loads(run.manifest.read_text(encoding="utf-8"))
    issue_page = next(r["html"] for r in manifest["reports"] if r["issue"] == "counterterrorism")
    got = {}
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            )
            try:
                page = browser.new_page(accept_downloads=True)
                for url, links in (
                    (f"{base}/index.html", ("verdicts (CSV)", "both tables (XLSX)")),
                    (f"{base}/{issue_page}", ("CSV", "XLSX")),
                ):
                    page.goto(url)
                    assert page.locator("img[src^='data:image/png']").count() > 0 or "index" in url
                    for text in links:
                        with page.expect_download() as info:
                            page.get_by_role("link", name=text, exact=True).click()
                        target = tmp_path / f"{len(got)}-{info.value.suggested_filename}"
                        info.value.save_as(target)
                        got[(url, text)] = target
            finally:
                browser.close()
    finally:
        server.shutdown()
    verdicts = exports.read_back(got[(f"{base}/index.html", "verdicts (CSV)")])
    assert {"issue_label", "verdict", "index", "ci_low", "ci_high"} <= set(verdicts.columns)
    book = pd.read_excel(got[(f"{base}/index.html", "both tables (XLSX)")], sheet_name=None, dtype=str)
    assert set(book) == {"verdicts", "evidence"} and len(book["evidence"]) > 0
    ev = exports.read_back(got[(f"{base}/{issue_page}", "CSV")])
    assert set(ev["issue"]) == {"counterterrorism"} and ev["title"].str.len().gt(0).all()
    sheets = pd.read_excel(got[(f"{base}/{issue_page}", "XLSX")], sheet_name=None, dtype=str)
    assert len(sheets["evidence"]) == len(ev)


def test_an_issue_slice_gives_the_same_measures_as_the_whole_table(tmp_path):
    import convergence as cv

    tables = tagged_small.tables()
    report_data.save(report_data.ReportData(**tables, paths=["x"]), tmp_path / "_data")
    for issue in ("counterterrorism", "afghanistan"):
        part = report_data.load([ROOT / "seeds"], cache=tmp_path / "_data", issue=issue).tagged
        assert part["issues"].map(lambda c, i=issue: i in c).all() and len(part) < len(tables["tagged"])
        for kw in ({}, {"by": "year"}):
            whole = cv.convergence(tables["tagged"], actors=("USA", "PAK"), issues=[issue], **kw)
            sliced = cv.convergence(part, actors=("USA", "PAK"), issues=[issue], **kw)
            pd.testing.assert_frame_equal(whole, sliced)
        pd.testing.assert_frame_equal(
            cv.evidence(tables["tagged"], issue=issue).reset_index(drop=True),
            cv.evidence(part, issue=issue).reset_index(drop=True),
        )
        pd.testing.assert_frame_equal(
            cv.keyness(tables["tagged"], issue=issue, min_count=1),
            cv.keyness(part, issue=issue, min_count=1),
        )
