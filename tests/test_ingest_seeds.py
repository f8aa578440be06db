"""The two seed articles: exact metadata and no page boilerplate left in any sentence."""

from pathlib import Path

import pandas as pd
import pytest
from convergence.ingest import read_corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FIRST = "army-chiefs-usa-visit-divergence-to-convergence.txt"
SECOND = "get-the-generals-out-of-pakistani-us-relations.txt"
BOILERPLATE = [
    "Spread the love", "Leave a Reply", "Your email address", "Next Post", "Fri Dec 15", "You May Like",
    "Chief Editor", "Quick Links", "Please enter", "Advertisment", "Google search engine", "Most Popular",
    "HomeGeopolitical", "Monday, April 15, 2024", "By: Riyaz", "Iftikhar Mashwani",
    "COAS Gen Asim Munir meets",
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(SEEDS, use_cache=False, jobs=1)


def _row(corpus, name):
    rows = corpus.articles[corpus.articles["paths"].map(lambda ps: any(p.endswith(name) for p in ps))]
    assert len(rows) == 1
    return rows.iloc[0]


def test_second_seed_metadata(corpus):
    a = _row(corpus, SECOND)
    assert a["title"] == "Get the Generals Out of Pakistani-U.S. Relations"
    assert a["authors"] == ["Adam Weinstein"]
    assert a["affiliation"] == "Quincy Institute"
    assert a["publisher"] == "Foreign Policy"
    assert a["date"] == pd.Timestamp("2021-09-30")
    assert a["place"] == "Washington, USA"
    assert a["doc_type"] == "Analysis"
    assert a["words_declared"] == 1700
    assert a["year"] == 2021  # from the date; the undated first seed keeps no year
    assert len(a["keywords"]) == 10 and a["keywords"][0] == "Pakistan" and a["keywords"][-1] == "India"
    assert a["summary_author"] == "Riyaz ul Khaliq"
    assert a["summary_author_role"] == "CIGA Non-resident Research Associate"
    assert a["text"].startswith("The Taliban, who have been referred to")


def test_first_seed_metadata(corpus):
    a = _row(corpus, FIRST)
    assert a["title"] == "Army Chief\u2019s USA visit: Divergence to Convergence"
    assert a["authors"] == ["Qamar Bashir"]
    assert pd.isna(a["date"]) and pd.isna(a["year"])
    assert a["text"].startswith("Deeply concealed within the labyrinth")
    assert a["text"].endswith("both domestically and on the global stage.")
    assert "discussions, intelligence sharing on regional security threats" in a["text"]
    assert "Tehreek-e-Taliban Pakistan" in a["text"]
    # page breaks inside sentences: before a lower-case word and before a capitalised one
    assert "Pakistan-Afghanistan border, leveraging" in a["text"]
    sentences = corpus.sentences[corpus.sentences["doc_id"] == a["doc_id"]]["text"]
    assert sentences.str.contains("urges Pakistan to publicly condemn Russia's invasion while").any()


def test_no_boilerplate_in_any_sentence_and_offsets_hold(corpus):
    texts = corpus.articles.set_index("doc_id")["text"]
    for s in corpus.sentences.itertuples(index=False):
        assert texts[s.doc_id][s.start : s.end] == s.text
        for junk in BOILERPLATE:
            assert junk not in s.text, (junk, s.text)
    assert corpus.sentences.groupby("doc_id")["sent_id"].apply(lambda x: list(x) == list(range(len(x)))).all()
    assert len(corpus.skipped) == 0


def test_ids_stable_and_words_measured(corpus):
    again = read_corpus(SEEDS, use_cache=False, jobs=1)
    assert sorted(again.articles["doc_id"]) == sorted(corpus.articles["doc_id"])
    assert corpus.articles["doc_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert (corpus.articles["words_measured"] > 300).all()
