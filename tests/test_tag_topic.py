"""The document's topic issue, lent to its sentences about the relationship itself (tagging/topic.py)."""

from convergence.tagging import load_taxonomy, tag
from convergence.tagging.topic import about_relationship, topic_of
from fixtures.tag.frames import one_doc

TRADE = (
    "Pakistan and the US discussed tariffs on textile exports.",
    "The commerce ministry said exports to the US market rose.",
)


def _tag(*sentences, title=None, **options):
    articles, sentences_ = one_doc(*sentences, publisher="Dawn", title=title)
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


def test_a_headline_takes_its_leads_issue_over_the_documents_topic():
    # the article is mostly on CPEC, but its headline reports what its lead does: praise for the US role
    # in ending the war with India
    out = _tag(
        "LAHORE: Prime Minister Shehbaz Sharif on Tuesday hailed US President Donald Trump\u2019s role in "
        "stopping the war between Pakistan and India.",
        "On relations with China, the prime minister said work was underway on the second phase of CPEC.",
        "\u201cWe are in full coordination with China on CPEC,\u201d he said.",
        "He also spoke of CPEC projects in Gwadar.",
        title="PM Shehbaz hails Trump\u2019s role in South Asia peace",
    )
    head = out[out["is_title"]].iloc[0]
    assert head["holder"] == "PAK" and "USA" in head["targets"]
    assert head["issues"] == ["india"] and head["issue_source"] == "neighbour"


def test_topic_share_null_turns_it_off(tmp_path):
    src = load_taxonomy().source
    text = open(src, encoding="utf-8").read().replace("topic_share: 0.5", "topic_share: null")
    p = tmp_path / "taxonomy.yaml"
    p.write_text(text, encoding="utf-8")
    out = _tag(*TRADE, "Pakistan welcomed the US offer to strengthen ties.", taxonomy=p)
    assert out.iloc[-1]["issue_source"] == "neighbour"  # not the document's topic: the sentence before's
    out = _tag(TRADE[0], "India said so.", "Pakistan welcomed the US offer to strengthen ties.", taxonomy=p)
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


def test_a_relationship_sentence_takes_the_issue_of_its_neighbour_by_the_same_holder():
    out = _tag(
        "The talks covered several matters.",
        "The foreign minister thanked friendly states for their support during the standoff with India.",
        '"We are also grateful to the US for its role," the minister said.',
        "He said the Kashmir dispute must be resolved.",
    )
    row = out.iloc[2]
    assert row["holder"] == "PAK" and [d["target"] for d in row["target_stances"]] == ["USA"]
    assert row["issues"] == ["india"] and row["issue_source"] == "neighbour"  # the sentence before first
    briefing = (
        "Q What about Pakistan?",
        "MR. KIRBY: Obviously, Pakistan remains a key partner in the region.",
        "They still face a serious terrorism threat on that frontier.",
    )
    articles, sentences = one_doc(*briefing, publisher="The White House", date="2023-12-19")
    out = tag(sentences, articles=articles, tone=False)
    assert out.iloc[1]["issues"] == ["counterterrorism"] and out.iloc[1]["issue_source"] == "neighbour"
    out = _tag(  # in a news article only the sentence before lends: a lead does not take the next one's issue
        "The talks covered several matters.",
        "The US regards Pakistan as a close partner.",
        "The US said terrorism on the border remains a threat to Pakistan.",
    )
    assert out.iloc[1]["issues"] != ["counterterrorism"]


def test_no_issue_from_a_neighbour_held_by_another_or_without_a_stance():
    out = _tag(
        "The talks covered several matters.",
        "India said the Kashmir dispute is a bilateral matter.",
        "The US regards Pakistan as a close partner.",
        "The weather was fine.",
    )
    assert out.iloc[2]["issues"] == []  # India's sentence before, no issue after
    out = _tag(
        "The talks covered several matters.",
        "The US said terrorism on the border remains a threat to Pakistan.",
        "The US delegation arrived on Monday.",
    )
    assert out.iloc[2]["issues"] == []  # no stance: not a relationship sentence


def test_an_issue_word_in_an_offices_name_is_not_the_issue():
    out = _tag(
        "The talks covered several matters.",
        "The Defence Minister said the US should lift its tariffs.",
        "The Ministry of Defence spokesman met the US Secretary of Defense.",
        "Pakistan's defence ties with the US are growing.",
    )
    assert out.iloc[1]["issues"] == ["trade_investment"]
    assert out.iloc[2]["issues"] == []
    assert out.iloc[3]["issues"] == ["defense"]
    out = _tag(
        "The talks covered several matters.", "Pakistan reserves the right to self-defence, the PM said."
    )
    assert out.iloc[1]["issues"] == []  # a set phrase (not_issues), not military ties


def test_coordinated_offices_and_a_field_of_expertise_are_no_issue():
    out = _tag(
        "The talks covered several matters.",
        "The defence and interior ministries met on Monday.",
        "Defence analyst Ali Khan spoke at the event.",
        "The paper's defence and foreign affairs correspondents filed the story.",
        "USAID and State Department programmes were frozen.",
    )
    assert [list(x) for x in out["issues"].iloc[1:4]] == [[], [], []]
    assert out.iloc[4]["issues"] == ["aid_development"]  # an agency's name, not a coordinated office


def test_offices_are_data(tmp_path):
    src = load_taxonomy().source
    text = open(src, encoding="utf-8").read()
    start = text.index("offices:")
    end = text.index("]", start) + 1
    p = tmp_path / "taxonomy.yaml"
    p.write_text(text[:start] + "offices: []" + text[end:], encoding="utf-8")
    out = _tag("The talks covered several matters.", "The Defence Minister spoke.", taxonomy=p)
    assert out.iloc[1]["issues"] == ["defense"]


def test_a_briefing_lends_no_document_topic_its_questions_set_the_topics():
    gaza = [
        "Q On Gaza: is the ceasefire holding?",
        "MR. KIRBY: We want the Gaza ceasefire to hold.",
        "Israel has to protect civilians in Gaza.",
        "Hamas still holds hostages in Gaza.",
    ]
    floods = ["Q Separate topic.", "MR. KIRBY: The United States continues to stand with Pakistan."]
    articles, sentences = one_doc(*gaza, *floods, publisher="The White House", date="2023-12-19")
    out = tag(sentences, articles=articles, tone=False)
    last = out.iloc[-1]
    assert last["holder"] == "USA" and "PAK" in last["targets"]
    assert last["issues"] == []  # not the Gaza of the rest of the briefing
    # the same sentences as an article's: the document's topic is lent
    out = _tag(gaza[2], gaza[3], "Pakistan welcomed the US offer to strengthen ties.")
    assert out.iloc[-1]["issues"] == ["israel_palestine"] and out.iloc[-1]["issue_source"] == "topic"


SPREAD = (
    "Kashmir was also discussed at the meeting.",
    "The Taliban government in Kabul was mentioned too.",
    "Terrorism came up as well.",
    "Nuclear weapons were not on the agenda.",
)


def test_a_news_headline_names_the_topic_when_no_issue_holds_the_share():
    # trade: the headline and two of seven sentences that match an issue: short of half, ahead of each
    last = "Pakistan welcomed the US offer to strengthen ties."
    out = _tag(*TRADE, *SPREAD, last, title="US tariffs on Pakistani textiles worry exporters")
    assert out.iloc[-1]["issues"] == ["trade_investment"] and out.iloc[-1]["issue_source"] == "topic"
    # without the headline, or with one on two issues, nothing names it
    assert _tag(*TRADE, *SPREAD, last).iloc[-1]["issues"] == []
    out = _tag(*TRADE, *SPREAD, last, title="US tariffs and Kashmir on the table")
    assert out.iloc[-1]["issues"] == []


def test_the_headline_topic_needs_its_issue_ahead_of_every_other():
    assert topic_of([["a"], ["a"], ["b"], ["c"], ["d"]], min_share=0.5, headline=True, news=True) == "a"
    assert topic_of([["a"], ["a"], ["b"], ["b"], ["c"]], min_share=0.5, headline=True, news=True) is None
    assert topic_of([["a"], ["a"], ["b"], ["c"], ["d"]], min_share=0.5, headline=True, news=False) is None
    assert topic_of([["a", "b"], ["a"], ["b"], ["c"], ["d"]], min_share=0.5, headline=True, news=True) is None
