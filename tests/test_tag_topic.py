"""The document's topic issue, lent to its sentences about the relationship itself (tagging/topic.py)."""

from convergence.tagging import load_taxonomy, tag
from convergence.tagging.topic import about_relationship, topic_of
from fixtures.tag.frames import one_doc

TRADE = (
    "Pakistan and the US discussed tariffs on textile exports.",
    "The commerce ministry said exports to the US market rose.",
)


def _tag(*sentences, **options):
    articles, sentences_ = one_doc(*sentences, publisher="Dawn")
    return tag(sentences_, articles=articles, tone=False, **options)


def test_a_stance_on_the_relationship_takes_the_documents_issue():
    out = _tag(*TRADE, "Pakistan welcomed the US offer to strengthen ties.")
    last = out.iloc[-1]
    assert last["holder"] == "PAK" and "USA" in last["targets"]
    assert last["issues"] == ["trade_investment"] and last["issue_source"] == "topic"
    assert last["issue_terms"] == []


def test_no_topic_when_no_issue_dominates():
    out = _tag(
        TRADE[0],
        "Kashmir was also discussed at the meeting.",
        "The Taliban government in Kabul was mentioned too.",
        "Pakistan welcomed the US offer to strengthen ties.",
    )
    assert out.iloc[-1]["issues"] == [] and out.iloc[-1]["issue_source"] == ""


def test_background_that_no_one_holds_takes_no_issue():
    out = _tag(*TRADE, "Relations between the two countries have often been strained.")
    assert out.iloc[-1]["issues"] == []


def test_topic_share_null_turns_it_off(tmp_path):
    src = load_taxonomy().source
    text = open(src, encoding="utf-8").read().replace("topic_share: 0.5", "topic_share: null")
    p = tmp_path / "taxonomy.yaml"
    p.write_text(text, encoding="utf-8")
    out = _tag(*TRADE, "Pakistan welcomed the US offer to strengthen ties.", taxonomy=p)
    assert out.iloc[-1]["issues"] == []


def test_topic_of_needs_a_dominant_issue_met_twice():
    assert topic_of([["a"], ["a"], ["b"], []], min_share=0.5, headline=False) == "a"
    assert topic_of([["a"], ["b"]], min_share=0.5, headline=False) is None  # each matched once
    assert topic_of([["a"], ["a"], ["b"], ["b"], ["c"]], min_share=0.5, headline=False) is None
    assert topic_of([["b"], ["a"], ["a"], ["b"]], min_share=0.5, headline=True) == "b"  # the headline's
    assert topic_of([["a"], ["a"]], min_share=None, headline=False) is None


def test_about_relationship_needs_a_holder():
    ts = [{"target": "USA", "stance": 0.5}]
    assert about_relationship("PAK", ts, [])
    assert about_relationship("PAK", [], ["PAK-USA"])
    assert not about_relationship(None, ts, ["PAK-USA"])
    assert not about_relationship("PAK", [{"target": "USA", "stance": 0.2}], [])  # no clear cue


def test_a_speakers_statement_on_one_actor_is_about_it():
    from fixtures.tag.frames import make_corpus

    def statement(title):
        articles, sentences = make_corpus(
            [
                {
                    "paragraphs": [["This is tragic news; we extend our deep condolences to all families."]],
                    "publisher": "The White House",
                    "title": title,
                }
            ]
        )
        out = tag(sentences, articles=articles, tone=False)
        return out[out["sent_id"] >= 0].iloc[0]

    row = statement("Statement by the Press Secretary on the Floods in Pakistan")
    assert row["holder"] == "USA" and [d["target"] for d in row["target_stances"]] == ["PAK"]
    row = statement("Statement by the Press Secretary on the Floods in Pakistan and India")
    assert row["target_stances"] == []  # the title names two actors: about neither alone
