"""States named as items of a list are no issue of the sentence (tagging/lists.py)."""

import re

from convergence.tagging import tag
from convergence.tagging.lists import listed_starts
from fixtures.tag.frames import one_doc


def _issues(sentence):
    articles, sentences = one_doc(sentence, publisher="Dawn", date="2025-06-01")
    return list(tag(sentences, articles=articles, tone=False).iloc[0]["issues"])


def test_a_state_listed_among_others_is_not_the_sentences_issue():
    assert (
        _issues("The premier thanked Qatar, Kuwait, China, Turkey and the United States for their support.")
        == []
    )
    assert _issues("Several countries, including China, the US, and Iran, condemned the attack.") == []
    # named on its own it is, and an issue named beside the list stays
    assert _issues("The premier thanked China for its support.") == ["china_cpec"]
    assert "nuclear" in _issues(
        "Nuclear weapons are held by the United States, Russia, China, India and others."
    )


def test_two_states_joined_by_and_and_a_body_after_a_comma_are_no_list():
    assert _issues("The US offered help in talks between Pakistan and India, the State Department said.") == [
        "india"
    ]


def test_listed_starts_counts_actor_mentions_and_states_outside_the_actor_file():
    text = "Leaders of Qatar, China and the US met."
    mentions = [(18, 23, "CHN", False), (32, 34, "USA", False)]
    assert listed_starts(text, mentions, re.compile(r"\bQatar\b")) == {18, 32}
    assert listed_starts(text, mentions, None) == set()  # two items only
