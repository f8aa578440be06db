"""Real corpora in ../shared/corpora, read at run time (skipped when the folder is absent)."""

import statistics
import sys
from pathlib import Path

import pytest
from convergence.ingest import read_corpus
from convergence.ingest import reader as reader_module

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
pytestmark = [
    pytest.mark.corpora,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora not available"),
]


def _read(name, **kw):
    return read_corpus([SHARED / name], use_cache=False, **kw)


@pytest.mark.slow
def test_ungdc_tgz_read_directly_and_cached(tmp_path, monkeypatch):
    corpus = read_corpus([SHARED / "UNGDC_1946-2024.tgz"], cache_dir=tmp_path)

    def no_reading(*args, **kwargs):
        raise AssertionError("the second read must come from the cache, not from the archive")

    monkeypatch.setattr(reader_module, "collect", no_reading)
    again = read_corpus([SHARED / "UNGDC_1946-2024.tgz"], cache_dir=tmp_path)
    assert len(again.sentences) == len(corpus.sentences)
    assert again.sentences["text"].iloc[-1] == corpus.sentences["text"].iloc[-1]
    a = corpus.articles
    assert a["title"].isna().mean() > 0.99  # speeches have no title line
    assert len(a) == 10952
    assert a[["country", "session", "year"]].notna().all().all()
    assert (a["country"] == "PAK").sum() == 77 and (a["country"] == "USA").sum() == 79
    pak = a[(a["country"] == "PAK") & (a["year"] == 2023)].iloc[0]
    assert pak["session"] == 78 and pak["doc_type"] == "speech"
    assert set(corpus.skipped["reason"]) <= {"junk", "unsupported"}
    s = corpus.sentences
    assert not s["text"].str.fullmatch(r"\d{1,3}\.").any()  # no UN paragraph number as a sentence
    assert not s["text"].str.contains("**", regex=False).any()
    assert not a["text"].str.contains("\u00ac|\u00ad|\x0c|\r").any()
    # text[start:end] == sentence on a sample
    texts = a.set_index("doc_id")["text"]
    sample = s.sample(2000, random_state=0)
    assert all(
        texts[d][st:en] == t
        for d, st, en, t in zip(sample.doc_id, sample.start, sample.end, sample.text, strict=True)
    )


def test_dawn_app_sample():
    corpus = _read("dawn_app_2025_sample.jsonl.gz")
    a = corpus.articles
    # 1,881 rows; rows with identical text are one article with every path
    assert a["paths"].map(len).sum() == 1881
    assert len(a) + (corpus.skipped["reason"] == "duplicate").sum() == 1881
    assert set(corpus.skipped["reason"]) == {"duplicate"}
    # 5 rows have no date_published (only the crawl folder date "dateList"): never invented, so NaT
    assert a["date"].isna().sum() == 5
    assert a.loc[a["date"].isna(), "dateList"].notna().all()
    assert set(a["publisher"]) == {"Dawn", "APP"}
    assert a["title"].notna().all()
    assert not a["title"].str.contains("DAWN.COM", case=False).any()
    assert not a["title"].str.fullmatch("Opt out of the sale or sharing of personal information").any()
    assert not a["text"].str.contains(r"Published in Dawn,", regex=True).any()
    assert not a["text"].str.contains("\u00ad").any()
    assert not a["text"].str.contains("adsbygoogle").any()
    assert a["url"].str.startswith("http").all()


def test_white_house_briefings_front_matter():
    corpus = _read("wh-briefings_pakistan_2021-2026.tgz")
    a = corpus.articles
    assert a["paths"].map(len).sum() == 49
    assert (a["publisher"] == "The White House").all()
    assert a["title"].notna().all() and a["date"].notna().all() and a["url"].str.startswith("https://").all()
    assert a["keywords"].map(len).gt(0).all()
    assert a["date"].dt.year.between(2021, 2026).all()
    assert a["doc_type"].value_counts().to_dict().get("briefing", 0) >= 30
    assert a["text"].str.len().gt(200).all()
    assert not a["text"].str.contains(r"^---", regex=True).any()
    # no Markdown/HTML markup left
    assert not a["text"].str.contains(r"\]\(|\*\*|</?(?:span|u|s)>", regex=True).any()


def test_panda_html_extraction_against_reference():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from eval_html_extraction import evaluate
    finally:
        sys.path.pop(0)
    res = evaluate(SHARED / "panda-dataset_pk_news_html_2013-2018.tgz")
    main = [s for s, _, _ in res["main"]]
    assert len(main) == 174
    # measured 0.993 median, 0.985 mean (see bench/eval_html_extraction.py); floors a little below
    assert statistics.median(main) >= 0.97
    assert statistics.mean(main) >= 0.95
    a = res["corpus"].articles
    assert (a["format"] == "html").all()
    assert a["text"].str.len().gt(0).all()
