"""tag(): the output contract, inputs, inheritance, tone, parallel runs and bad input."""

import convergence as cv
import numpy as np
import pandas as pd
import pytest
from convergence.tagging import TAG_COLUMNS, TagError, tag
from fixtures.tag.frames import make_corpus, one_doc

CONTRACT = [
    "date",
    "year",
    "publisher",
    "country",
    "title",
    "url",
    "doc_type",
    "doc_speaker",
    "issues",
    "issue_source",
    "issue_terms",
    "actors",
    "holder",
    "holder_source",
    "targets",
    "stance",
    "stance_cues",
    "relation",
    "relation_cues",
    "cues",
    "tone",
]

DOCS = [
    {
        "paragraphs": [
            ["Pakistan asked the IMF for a new loan.", "It also sought relief on debt payments."],
            ["The weather was mild.", "Islamabad hosted a cricket match."],
        ],
        "title": "Loan talks",
        "publisher": "Example Daily",
        "date": "2024-05-02",
        "url": "https://example.org/a",
        "doc_type": "news",
    },
    {
        "paragraphs": [["We condemn terrorism in all its forms.", "The General Assembly met in New York."]],
        "country": "PAK",
        "year": 2015,
        "title": "PAK_70_2015",
    },
]


@pytest.fixture(scope="module")
def frames():
    return make_corpus(DOCS)


def test_contract_columns_and_types(frames):
    articles, sentences = frames
    out = tag(sentences, articles=articles, titles=False)
    for col in ["doc_id", "para_id", "sent_id", "start", "end", "text", *CONTRACT]:
        assert col in out.columns, col
    assert len(out) == len(sentences)
    assert out["stance"].between(-1, 1).all() and out["relation"].between(-1, 1).all()
    for col in ["issues", "issue_terms", "actors", "targets", "stance_cues", "relation_cues", "cues"]:
        assert out[col].map(lambda v: isinstance(v, list)).all(), col
    assert set(out["issue_source"]) <= {"matched", "inherited", "topic", "neighbour", ""}
    assert str(out["year"].dtype) == "Int64"
    assert out.loc[0, "year"] == 2024 and out.loc[4, "year"] == 2015
    assert pd.api.types.is_datetime64_any_dtype(out["date"])
    assert out.loc[0, "publisher"] == "Example Daily"


def test_inputs_are_not_mutated_and_order_is_kept(frames):
    articles, sentences = frames
    shuffled = sentences.sample(frac=1, random_state=3)
    before = shuffled.copy()
    out = tag(shuffled, articles=articles, tone=False, titles=False)
    pd.testing.assert_frame_equal(shuffled, before)
    assert out.index.tolist() == shuffled.index.tolist()
    assert out["text"].tolist() == shuffled["text"].tolist()
    assert "issues" not in sentences.columns


def test_accepts_a_corpus_object(frames):
    articles, sentences = frames

    class Fake:
        pass

    c = Fake()
    c.articles, c.sentences = articles, sentences
    out = tag(c, tone=False)
    assert out.loc[0, "issues"] == ["ifis"]


def test_inheritance_rule(frames):
    articles, sentences = frames
    out = tag(sentences, articles=articles, tone=False)
    assert out.loc[1, "issues"] == ["ifis"]  # its own term: debt
    articles2, sentences2 = one_doc(
        "Pakistan asked the IMF for a new loan.",
        "This was expected by most observers.",
        "The weather was mild.",
    )
    out2 = tag(sentences2, articles=articles2, tone=False)
    assert out2.loc[1, "issues"] == ["ifis"] and out2.loc[1, "issue_source"] == "inherited"
    assert out2.loc[1, "issue_terms"] == out2.loc[0, "issue_terms"]
    assert out2.loc[2, "issues"] == [] and out2.loc[2, "issue_source"] == ""


def test_inheritance_chain_is_bounded():
    articles, sentences = one_doc(
        "Kashmir talks resumed.", "It was hard.", "This was known.", "They left.", "It rained."
    )
    out = tag(sentences, articles=articles, tone=False)
    assert out["issue_source"].tolist() == ["matched", "inherited", "inherited", "", ""]


def test_tone_only_where_issue_or_actor(frames):
    articles, sentences = frames
    out = tag(sentences, articles=articles, titles=False)
    weather = out[out["text"] == "The weather was mild."].iloc[0]
    assert np.isnan(weather["tone"]) and weather["holder"] is None
    assert out.loc[0, "tone"] == out.loc[0, "tone"]  # not NaN
    assert tag(sentences, articles=articles, tone=False)["tone"].isna().all()


def test_parallel_equals_serial(frames):
    articles, sentences = make_corpus(DOCS * 1 + [{**d, "title": f"copy {i}"} for i, d in enumerate(DOCS)])
    a = tag(sentences, articles=articles, jobs=1, tone=False)
    b = tag(sentences, articles=articles, jobs=2, tone=False)
    pd.testing.assert_frame_equal(a, b)


def test_without_articles():
    _, sentences = one_doc("Pakistan welcomed the IMF deal.")
    out = tag(sentences, tone=False)
    assert out.loc[0, "holder"] == "PAK" and pd.isna(out.loc[0, "date"]) and out.loc[0, "doc_speaker"] is None


def test_bad_input():
    with pytest.raises(TagError, match="Corpus or a sentences DataFrame"):
        tag("seeds")
    with pytest.raises(TagError, match="lacks column"):
        tag(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))
    with pytest.raises(TagError, match="doc_id"):
        tag(pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["x"]}), articles=pd.DataFrame({"a": [1]}))


def test_non_string_text_is_tolerated():
    sentences = pd.DataFrame(
        {"doc_id": ["a", "a"], "para_id": [0, 0], "sent_id": [0, 1], "text": [None, "IMF"]}
    )
    out = tag(sentences, tone=False)
    assert out["issues"].tolist() == [[], ["ifis"]]


def test_public_api_names():
    import convergence.tagging  # noqa: F401  (importing the package must not shadow the function)

    assert callable(cv.tag) and cv.tag is tag
    assert cv.tag(pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["IMF"]}))["issues"].tolist() == [
        ["ifis"]
    ]
    assert cv.load_taxonomy().slugs[0] == "counterterrorism"
    assert "USA" in cv.load_actors().codes
    assert TAG_COLUMNS[-2:] == ["tone", "mode"]


def test_headlines_are_rows_of_their_own(frames):
    articles, sentences = frames
    out = tag(sentences, articles=articles, tone=False)
    titled = articles[articles["title"].map(lambda t: isinstance(t, str) and bool(t.strip()))]
    heads = out[out["is_title"]]
    assert len(out) == len(sentences) + len(heads) and len(heads) == len(titled)
    assert (heads["sent_id"] == -1).all() and (heads["para_id"] == -1).all()
    # each headline comes right before its article's first sentence, and the body keeps its own rows
    first = out.groupby("doc_id", sort=False).head(1)
    assert first["is_title"].sum() == len(titled)
    body = out[~out["is_title"]].reset_index(drop=True)
    plain = tag(sentences, articles=articles, tone=False, titles=False)
    assert body["text"].tolist() == plain["text"].tolist()
    assert body["holder"].tolist() == plain["holder"].tolist()


def test_a_country_named_democratic_is_no_democracy_issue():
    articles, sentences = one_doc(
        "Rwanda and the Democratic Republic of the Congo signed a peace agreement in Washington.",
        "Pakistan supports democratic values.",
        publisher="Dawn",
    )
    t = tag(sentences, articles=articles, tone=False)
    assert "democracy_rights" not in t.iloc[0]["issues"] and "democracy_rights" in t.iloc[1]["issues"]


def test_a_prisoner_named_with_her_imprisonment_or_oversight_of_the_military_is_a_rights_issue():
    articles, sentences = one_doc(
        "The court heard the plea for Dr Aafia's release from a US prison.",
        "Dr Aafia addressed the students by video link.",
        "The report asked for civilian oversight of the military budget.",
        publisher="Dawn",
    )
    t = tag(sentences, articles=articles, tone=False)
    assert [("democracy_rights" in issues) for issues in t["issues"]] == [True, False, True]
