"""PDF and Word files, tables with another text column, and 'nothing parseable' errors that say why."""

import datetime as dt
import io
import sys

import convergence as cv
import pandas as pd
import pytest
from convergence.cli import main
from fixtures.documents import docx_bytes, pdf_bytes, scanned_pdf_bytes
from fixtures.hostile import body

LONG = (
    "The second paragraph is long enough to be wrapped over several lines of the page, so the reader "
    "has to join the lines again into one paragraph before the sentences are split, as for any other file."
)


def _read(folder, **options):
    return cv.read_corpus(folder, use_cache=False, jobs=1, **options)


def test_pdf_text_layer_and_document_properties(tmp_path):
    (tmp_path / "statement.pdf").write_bytes(
        pdf_bytes([body("pdfmarkone"), LONG], title="Joint statement", author="Jane Roe; John Doe")
    )
    c = _read(tmp_path)
    (a,) = c.articles.to_dict("records")
    assert a["format"] == "pdf" and a["title"] == "Joint statement"
    assert a["authors"] == ["Jane Roe", "John Doe"]
    assert a["date"] == pd.Timestamp("2024-03-05") and a["year"] == 2024
    assert a["text"] == body("pdfmarkone") + "\n\n" + LONG
    assert len(c.paragraphs) == 2 and len(c.sentences) == 4


def test_docx_paragraphs_and_core_properties(tmp_path):
    (tmp_path / "paper.docx").write_bytes(
        docx_bytes([body("docxmark"), LONG], title="Policy paper", date=dt.datetime(2023, 11, 2, 9, 0))
    )
    (a,) = _read(tmp_path).articles.to_dict("records")
    assert a["format"] == "docx" and a["title"] == "Policy paper" and a["authors"] == ["Jane Roe"]
    assert a["date"] == pd.Timestamp("2023-11-02")
    assert a["text"] == body("docxmark") + "\n\n" + LONG


def test_pdf_without_a_user_password_opens_with_a_warning(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([body("ownermark")]))))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    (tmp_path / "restricted.pdf").write_bytes(buf.getvalue())
    (a,) = _read(tmp_path).articles.to_dict("records")
    assert "ownermark" in a["text"] and any("encrypted" in w for w in a["warnings"])


def test_scanned_pdf_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf_bytes(pages=3))
    (tmp_path / "note.txt").write_text(body("notemark"), encoding="utf-8")
    c = _read(tmp_path)
    assert len(c.articles) == 1
    row = c.skipped.iloc[0]
    assert row["reason"] == "no_text_layer" and "3 page(s) without a text layer" in row["detail"]


def test_pdf_and_docx_inside_an_archive(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "papers.zip", "w") as zf:
        zf.writestr("a/one.pdf", pdf_bytes([body("zippdfmark")]))
        zf.writestr("a/two.docx", docx_bytes([body("zipdocxmark")]))
    c = _read(tmp_path)
    assert sorted(c.articles["format"]) == ["docx", "pdf"]
    assert sorted(p[0].split("::")[1] for p in c.articles["paths"]) == ["a/one.pdf", "a/two.docx"]


def _table(tmp_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    frame = pd.DataFrame(
        {"headline": ["One", "Two"], "body_text": [body("tablemarka"), body("tablemarkb")], "n": [1, 2]}
    )
    frame.to_csv(tmp_path / "rows.csv", index=False)
    return tmp_path


def test_text_column_option(tmp_path):
    folder = _table(tmp_path)
    c = _read(folder, text_column="body_text")
    assert sorted(c.articles["title"]) == ["One", "Two"] and len(c.articles) == 2


def test_no_text_column_names_what_was_looked_for_and_found(tmp_path, capsys):
    folder = _table(tmp_path)
    with pytest.raises(cv.IngestError) as err:
        _read(folder)
    message = str(err.value)
    assert "no_text_column" in message and "looked for a text column named content, text, body" in message
    assert "found headline, body_text, n" in message and "--text-column" in message
    with pytest.raises(cv.IngestError, match="looked for a text column named story; found headline"):
        _read(folder, text_column="story")
    assert (
        main(["parse", str(folder), "--text-column", "body_text", "--out", str(tmp_path / "o"), "--no-cache"])
        == 0
    )
    assert "2 articles" in capsys.readouterr().out
    assert main(["parse", str(folder), "--out", str(tmp_path / "o2"), "--no-cache"]) == 2
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert len(err_lines) == 1 and "found headline, body_text, n" in err_lines[0]


def test_nothing_parseable_lists_each_files_reason_including_internal_errors(tmp_path, monkeypatch):
    page = (
        "<html><head><title>T</title></head><body><article><p>"
        + body("pagemark")
        + "</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    # A dependency that cannot be imported (as trafilatura without lxml_html_clean): the ImportError is shown.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(cv.IngestError) as err:
        _read(tmp_path)
    message = str(err.value)
    assert "\n" not in message and "no readable files found" not in message
    assert f"{tmp_path / 'page.html'}: error (ModuleNotFoundError: import of trafilatura" in message
    assert f"{tmp_path / 'empty.txt'}: empty (no bytes" in message
    with pytest.raises(cv.IngestError, match="page.html: error \\(ModuleNotFoundError"):
        cv.tag_files(tmp_path, use_cache=False, jobs=1)


def test_nothing_parseable_shows_the_first_five_files_and_counts_the_rest(tmp_path):
    for i in range(8):
        (tmp_path / f"e{i}.txt").write_bytes(b"")
    message = str(pytest.raises(cv.IngestError, _read, tmp_path).value)
    assert message.count(": empty (") == 5 and "and 3 more file(s)" in message


def test_a_writers_note_makes_an_undeclared_document_a_column(tmp_path):
    note = "The writer is a former envoy to Washington."
    (tmp_path / "column.txt").write_text(f"{body('colmark')}\n\n{LONG}\n\n{note}\n", encoding="utf-8")
    (tmp_path / "news.txt").write_text(f"{body('newsmark')}\n\n{LONG}\n", encoding="utf-8")
    (tmp_path / "signed.txt").write_text(
        f"{body('signedmark')}\n\n{LONG}\n\nwriter@example.org\n\nX: @writer\n", encoding="utf-8"
    )
    (tmp_path / "declared.md").write_text(
        f"---\ntype: briefing\n---\n{body('briefmark')}\n\n{LONG}\n\n{note}\n", encoding="utf-8"
    )
    arts = _read(tmp_path).articles
    types = {paths[0].rsplit("/", 1)[-1]: t for paths, t in zip(arts["paths"], arts["doc_type"], strict=True)}
    assert types["column.txt"] == "opinion"
    assert types["signed.txt"] == "opinion"  # the writer's contact under the text
    assert pd.isna(types["news.txt"])
    assert types["declared.md"] == "briefing"  # a declared type stays
