"""A state's wish for better ties with another is its stance toward it (tagging/ties.py)."""

from convergence.tagging import tag
from convergence.tagging.ties import ties_stance
from fixtures.tag.frames import one_doc


def test_a_positive_relation_cue_of_the_holder_is_its_stance_toward_the_other():
    out = ties_stance("PAK", 0.6, ["mutually beneficial"], ["PAK-USA"], [])
    assert out == [{"target": "USA", "stance": 0.6, "cues": ["mutually beneficial"]}]


def test_its_own_cue_toward_the_actor_wins():
    own = [{"target": "USA", "stance": -0.5, "cues": ["concern"]}]
    assert ties_stance("PAK", 0.6, ["partnership"], ["PAK-USA"], own) == own


def test_negative_cues_other_pairs_and_no_holder_change_nothing():
    assert ties_stance("PAK", -0.6, ["tension"], ["PAK-USA"], []) == []  # naming tensions opposes no one
    assert ties_stance("PAK", 0.6, ["partnership"], ["CHN-USA"], []) == []
    assert ties_stance(None, 0.6, ["partnership"], ["PAK-USA"], []) == []


def test_in_a_sentence():
    articles, sentences = one_doc(
        "The minister underlined the importance of a mutually beneficial partnership between Pakistan and "
        "the United States.",
        publisher="Dawn",
    )
    row = tag(sentences, articles=articles, tone=False).iloc[0]
    assert row["holder"] == "PAK"
    assert any(d["target"] == "USA" and d["stance"] > 0 for d in row["target_stances"])


def test_the_two_countries_are_the_documents_pair():
    articles, sentences = one_doc(
        "Pakistan's finance minister met US officials in Washington.",
        "Pakistan wants a mutually beneficial partnership between the two countries, the minister said.",
        publisher="Dawn",
    )
    row = tag(sentences, articles=articles, tone=False).iloc[1]
    assert row["holder"] == "PAK" and row["relation_pairs"] == ["PAK-USA"]
    assert any(d["target"] == "USA" and d["stance"] > 0 for d in row["target_stances"])


def test_a_historical_sentence_states_no_current_relation():
    articles, sentences = one_doc(
        "The dispute between Pakistan and the US stemmed from the non-delivery of fighter jets in 1989.",
        publisher="Dawn",
        date="2025-04-01",
    )
    row = tag(sentences, articles=articles, tone=False).iloc[0]
    assert row["relation_pairs"] == [] and row["relation"] == 0


def _row(text):
    articles, sentences = one_doc(text, publisher="Dawn")
    return tag(sentences, articles=articles, tone=False).iloc[0]


def test_a_phrase_the_lexicon_ignores_ties_no_two_actors():
    # "brought together" convenes: the forum's guests from two states are no agreement between them
    row = _row("The minister said the forum brought together business leaders from the US and Pakistan.")
    assert row["relation_pairs"] == [] and row["target_stances"] == []
    assert _row("The minister said Pakistan and the US would work together.")["relation_pairs"] == ["PAK-USA"]


def test_an_actor_the_sentence_stands_against_is_no_partner_of_its_agreement():
    row = _row("The Foreign Office said the nation stood together against Indian aggression.")
    assert "IND-PAK" not in row["relation_pairs"]
    assert not any(d["target"] == "IND" and d["stance"] > 0 for d in row["target_stances"])


def test_a_pact_not_made_states_no_relation_a_negated_agreement_of_views_does():
    row = _row("An official said Pakistan and the US have no agreement on transferring prisoners.")
    assert row["relation_pairs"] == [] and row["target_stances"] == []
    row = _row("The White House said Trump did not agree with Pakistan's decision.")
    assert [(d["target"], d["stance"] < 0) for d in row["target_stances"]] == [("PAK", True)]
