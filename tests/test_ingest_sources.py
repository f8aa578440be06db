"""Inputs: folders, archives, tables, sidecars, file-name patterns, junk, duplicates, fixtures we wrote."""

import gzip
import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from convergence.ingest import read_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BODY = (
    "Freedonia and Sylvania agreed to share the river. Officials of both sides met on Monday in the capital."
)


def _read(*paths, **kw):
    return read_corpus(list(paths), use_cache=False, jobs=1, **kw)


def _by_path(corpus, suffix):
    rows = corpus.articles[corpus.articles["paths"].map(lambda ps: any(p.endswith(suffix) for p in ps))]
    assert len(rows) == 1, suffix
    return rows.iloc[0]


def test_un_style_text_with_filename_pattern(tmp_path):
    shutil.copy(FIXTURES / "un_style.txt", tmp_path / "FRE_78_2023.txt")
    corpus = _read(tmp_path)
    a = corpus.articles.iloc[0]
    assert (a["country"], a["session"], a["year"], a["doc_type"]) == ("FRE", 78, 2023, "speech")
    sents = corpus.sentences["text"].tolist()
    assert sents[0] == "The delegation of Freedonia greets the President of the Assembly."
    assert "Our predecessor spoke of peace." in sents
    assert "We agree with Dr. Osei on item No. 5 of the agenda." in sents
    assert "Mr. President, the time has come." in sents
    assert not any(s.strip().rstrip(".").isdigit() for s in sents)


def test_custom_filename_pattern_wins_and_needs_whole_match(tmp_path):
    (tmp_path / "dawn-2024-05-01.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(BODY + " Extra.", encoding="utf-8")
    corpus = _read(tmp_path, filename_pattern="{publisher}-{year}-{month}-{day}.txt")
    a = _by_path(corpus, "dawn-2024-05-01.txt")
    assert a["publisher"] == "Dawn" and a["year"] == 2024 and a["month"] == "05"
    b = _by_path(corpus, "notes.txt")
    assert pd.isna(b["year"]) and pd.isna(b["publisher"])


def test_markdown_front_matter(tmp_path):
    shutil.copy(FIXTURES / "briefing.md", tmp_path / "b.md")
    a = _read(tmp_path).articles.iloc[0]
    assert a["title"] == "Briefing on the Freedonia Accord"
    assert a["date"] == pd.Timestamp("2024-03-05")
    assert a["url"].startswith("https://www.whitehouse.gov/")
    assert a["keywords"] == ["press-briefings"]
    assert a["publisher"] == "The White House"
    assert a["doc_type"] == "briefing"
    assert a["text"].startswith("Remarks\n\nTHE SPOKESPERSON: Good afternoon.")  # heading kept, not a title
    assert "Freedonia Accord with our partners." in a["text"]
    assert "**" not in a["text"] and "](" not in a["text"] and "##" not in a["text"]


def test_html_body_without_navigation(tmp_path):
    shutil.copy(FIXTURES / "page.html", tmp_path / "page.html")
    a = _read(tmp_path).articles.iloc[0]
    assert a["format"] == "html"
    assert a["text"].startswith("Freedonia and Sylvania signed an accord")
    assert "return of refugees" in a["text"]
    for junk in ("Share on Facebook", "Leave a Reply", "football", "Copyright", "Sport"):
        assert junk not in a["text"]
    assert a["authors"] == ["Jane Roe"]
    assert a["date"] == pd.Timestamp("2019-06-01")


def test_tables_jsonl_gz_csv_parquet(tmp_path):
    rows = [
        {"title": "Talks resume - Pakistan - DAWN.COM",
         "content": BODY + "\n\nPublished in Dawn, May 5th, 2025",
         "date_published": "2025-05-05T02:00:00.000Z", "source": "DAWN", "link": "https://www.dawn.com/news/1",
         "author": "Staff Reporter", "tags": ["water"], "categories": ["Pakistan"]},
        {"title": "Second", "content": "Another text about trade. It has two sentences.", "source": "APP",
         "link": "https://www.app.com.pk/2", "date_published": None},
        {"title": "No text", "content": ""},
    ]  # fmt: skip
    with gzip.open(tmp_path / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
        fh.write("{not json\n")
    pd.DataFrame({"text": ["A csv article about ports. It ends here."], "headline": ["Ports"]}).to_csv(
        tmp_path / "t.csv", index=False
    )
    pd.DataFrame(
        {"body": ["A parquet article about rail. It ends here."], "url": ["https://x.org/a"]}
    ).to_parquet(tmp_path / "t.parquet")
    corpus = _read(tmp_path)
    a = _by_path(corpus, "news.jsonl.gz#0")
    assert a["title"] == "Talks resume"
    assert a["text"] == BODY
    assert a["publisher"] == "Dawn" and a["authors"] == ["Staff Reporter"] and a["keywords"] == ["water"]
    assert a["date"] == pd.Timestamp("2025-05-05 02:00:00") and a["url"] == "https://www.dawn.com/news/1"
    assert a["categories"] == ["Pakistan"]
    b = _by_path(corpus, "news.jsonl.gz#1")
    assert b["publisher"] == "APP" and pd.isna(b["date"])
    assert _by_path(corpus, "t.csv#0")["title"] == "Ports"
    assert _by_path(corpus, "t.parquet#0")["url"] == "https://x.org/a"
    reasons = dict(
        zip(corpus.skipped["path"].str.rsplit("/", n=1).str[-1], corpus.skipped["reason"], strict=True)
    )
    assert reasons["news.jsonl.gz#2"] == "empty"
    assert reasons["news.jsonl.gz#3"] == "bad_row"


def test_table_columns_of_the_article_table_are_kept(tmp_path):
    # a table of speeches names its country, year and type in columns of those names: they are the
    # article's, so a speech's country is its speaker (not "source_country", which nothing reads)
    pd.DataFrame(
        {
            "text": ["Freedonia calls for restraint on the river. We will share the water."],
            "country": ["PAK"],
            "year": ["2019"],
            "type": ["speech"],
            "dateline": ["New York"],
            "session": ["74"],
        }
    ).to_csv(tmp_path / "speeches.csv", index=False)
    corpus = _read(tmp_path / "speeches.csv")
    a = _by_path(corpus, "speeches.csv#0")
    assert (a["country"], a["year"], a["session"]) == ("PAK", 2019, 74)
    assert (a["doc_type"], a["place"]) == ("speech", "New York")
    assert "source_country" not in corpus.articles.columns

    from convergence.tagging import tag

    tagged = tag(corpus)
    assert set(tagged["doc_speaker"].dropna()) == {"PAK"}


def test_catalog_and_meta_yaml_sidecars_override(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY + " More.", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("file,publisher,date,region\na.txt,Example Post,2020-01-02,South\n")
    (tmp_path / "b.txt.meta.yaml").write_text("title: From sidecar\nauthors: [A. One, B. Two]\nyear: 1999\n")
    corpus = _read(tmp_path)
    a = _by_path(corpus, "a.txt")
    assert (
        a["publisher"] == "Example Post"
        and a["date"] == pd.Timestamp("2020-01-02")
        and a["region"] == "South"
    )
    b = _by_path(corpus, "b.txt")
    assert b["title"] == "From sidecar" and b["authors"] == ["A. One", "B. Two"] and b["year"] == 1999
    assert len(corpus.articles) == 2


def test_archives_read_in_memory_with_junk_skipped(tmp_path):
    tgz = tmp_path / "c.tgz"
    with tarfile.open(tgz, "w:gz") as tf:
        for name, data in (
            ("c/Session 78 - 2023/FRE_78_2023.txt", (FIXTURES / "un_style.txt").read_bytes()),
            ("c/Session 78 - 2023/._FRE_78_2023.txt", b"\x00\x05\x16\x07junk"),
            ("c/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("c/README.txt", b"About this corpus."),
            ("c/speakers.xlsx", b"PK\x03\x04"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    zpath = tmp_path / "d.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("docs/x.txt", BODY)
        zf.writestr("docs/catalog.csv", "file,publisher\nx.txt,Zip Weekly\n")
    corpus = _read(tgz, zpath)
    assert len(corpus.articles) == 2
    un = _by_path(corpus, "c.tgz::c/Session 78 - 2023/FRE_78_2023.txt")
    assert un["country"] == "FRE" and un["session"] == 78
    assert _by_path(corpus, "d.zip::docs/x.txt")["publisher"] == "Zip Weekly"
    reasons = dict(zip(corpus.skipped["path"].str.split("::").str[-1], corpus.skipped["reason"], strict=True))
    assert reasons["c/Session 78 - 2023/._FRE_78_2023.txt"] == "junk"
    assert reasons["c/.DS_Store"] == "junk"
    assert reasons["c/README.txt"] == "junk"
    assert reasons["c/speakers.xlsx"] == "unsupported"
    assert not (tmp_path / "c").exists()


def test_duplicate_content_becomes_one_article_with_both_paths(tmp_path):
    src = SEEDS / "get-the-generals-out-of-pakistani-us-relations.txt"
    (tmp_path / "one").mkdir()
    shutil.copy(src, tmp_path / "one" / "copy.txt")
    corpus = _read(SEEDS, tmp_path)
    assert len(corpus.articles) == 2
    a = _by_path(corpus, "copy.txt")
    assert len(a["paths"]) == 2
    dup = corpus.skipped[corpus.skipped["reason"] == "duplicate"]
    assert len(dup) == 1 and dup.iloc[0]["path"].endswith("copy.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    (tmp_path / "e.txt").write_bytes(("Caf\u00e9 talks \u2019went\u2019 well. " + BODY).encode(encoding))
    a = _read(tmp_path).articles.iloc[0]
    assert a["text"].startswith("Caf\u00e9 talks \u2019went\u2019 well.")
    assert (a["warnings"] == ["encoding: not UTF-8, decoded as cp1252"]) == (encoding == "cp1252")
