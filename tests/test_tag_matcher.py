"""The automaton matcher: boundaries, case, inflections, longest match, context and exclusions."""

import re

import pandas as pd
import pytest
from convergence.tagging import tag
from convergence.tagging.matcher import (
    _OTHER_SPACE,
    _REPLACE,
    fold,
    normalize,
    normalize_many,
    phrase_forms,
    word_forms,
    word_view,
)
from fixtures.tag.frames import one_doc


def _row(text, **meta):
    articles, sentences = one_doc(text, **meta)
    return tag(sentences, articles=articles, tone=False).iloc[0]


def test_normalize_joins_line_end_hyphens_and_quotes():
    assert normalize("Tehreek-e-\nTaliban  Pakistan\u2019s") == "Tehreek-e-Taliban Pakistan's"
    assert normalize("Pakistan\u2013India\u00ad ties") == "Pakistan-India ties"


def test_fold_keeps_length():
    s = "İstanbul and the US"
    assert len(fold(s)) == len(s)


def test_word_forms_cover_regular_inflections():
    assert {"opposes", "opposed", "opposing"} <= set(word_forms("oppose"))
    assert {"worries", "worried"} <= set(word_forms("worry"))
    assert {"banned", "banning", "bans"} <= set(word_forms("ban"))
    assert "voiced concerns" in phrase_forms("voice concern")


def test_us_is_case_sensitive_and_us_pronoun_is_not_an_actor():
    assert _row("Let us talk about the weather.")["actors"] == []
    assert _row("The US sent a delegation.")["actors"] == ["USA"]


def test_let_is_not_lashkar():
    r = _row("Let them decide, said nobody in particular.")
    assert "counterterrorism" not in r["issues"]
    assert _row("Officials named LeT in the report.")["issues"] == ["counterterrorism"]


def test_inflections_and_prefix_patterns():
    assert _row("One refugee arrived.")["issues"] == ["refugees"]
    assert _row("Many refugees arrived.")["issues"] == ["refugees"]
    assert _row("Terrorists struck again.")["issues"] == ["counterterrorism"]


def test_longest_match_wins_and_nested_terms_are_not_double_counted():
    r = _row("Attacks by Tehreek-e-Taliban Pakistan rose.")
    assert r["issues"] == ["counterterrorism"]
    assert r["issue_terms"] == ["counterterrorism:Tehreek-e-Taliban Pakistan"]
    assert r["actors"] == []  # the group's name is no mention of the Pakistani state
    r = _row("The Taliban took Kabul.", date="2022-01-01")
    assert r["issues"] == ["afghanistan"]


def test_cpec_is_one_term_but_china_and_pakistan_are_actors():
    r = _row("The China-Pakistan Economic Corridor grew.")
    assert r["issue_terms"] == ["china_cpec:China-Pakistan Economic Corridor"]
    assert set(r["actors"]) == {"CHN", "PAK"}


def test_hyphenated_compounds():
    assert set(_row("Pak-US ties improved.")["actors"]) == {"PAK", "USA"}
    assert _row("A US-mediated dialogue began.")["actors"] == ["USA"]
    r = _row("Trade across the Pakistan-Afghanistan border fell.")
    assert "afghanistan:Pakistan-Afghanistan border" in r["issue_terms"]


def test_possessive_endings_match():
    r = _row("Pakistan's view differs from the IMF's.")
    assert r["actors"] == ["PAK", "IMF"]


def test_a_case_sensitive_term_takes_only_a_lower_case_ending():
    # "ISI" (Pakistan's intelligence agency) is not inside "ISIS", nor "US" inside "USS"
    assert "PAK" not in _row("The coalition fought ISIS in Syria.")["actors"]
    assert _row("The ISI's chief and the ISPR\u2019s spokesman met.")["actors"] == ["PAK"]


def test_russia_needs_war_context():
    assert "russia_ukraine" not in _row("Russia signed a wheat contract.")["issues"]
    assert "russia_ukraine" in _row("Russia escalated the war.")["issues"]
    assert "russia_ukraine" in _row("Kyiv asked for help.")["issues"]


def test_india_yields_to_kashmir():
    assert _row("India and Pakistan discussed Kashmir.")["issues"] == ["kashmir"]
    assert _row("India and Pakistan discussed trade.")["issues"] == ["india", "trade_investment"]


def test_israel_in_a_sentence_on_iran_is_the_iran_conflict():
    # the taxonomy puts the Iran-Israel conflict in the iran area; Gaza keeps its own area
    assert _row("Israel and Iran agreed to a ceasefire.")["issues"] == ["iran"]
    assert _row("Netanyahu threatened Tehran again.")["issues"] == ["iran"]
    assert sorted(_row("Israel struck Gaza and Iran.")["issues"]) == ["iran", "israel_palestine"]
    assert _row("Israel expanded settlements.")["issues"] == ["israel_palestine"]


def test_military_ties_with_china_or_russia_are_that_area():
    assert _row("The US is uneasy about Pakistan's military ties with China and CPEC.")["issues"] == [
        "china_cpec"
    ]
    assert _row("The US urged Pakistan to cut military ties with Russia over the war in Ukraine.")[
        "issues"
    ] == ["russia_ukraine"]
    assert _row("Pakistan and the US vowed to deepen military ties.")["issues"] == ["defense"]


def test_a_currency_is_not_the_country():
    assert "USA" not in _row("Pakistan and Kyrgyzstan agreed to raise trade to US$100 million.")["actors"]
    assert "USA" in _row("The US pledged $100 million.")["actors"]


def test_a_diaspora_of_us_citizens_is_neither_state():
    row = _row("Pakistani-Americans staged a protest outside the embassy.")
    assert "PAK" not in row["actors"] and "USA" not in row["actors"]
    assert "IND" not in _row("Indian American voters backed the candidate.")["actors"]


def test_word_boundaries():
    # "Imran" must not match inside another word, "aid" not inside "said"
    r = _row("He said nothing more.")
    assert r["issues"] == []


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_empty_sentences_are_fine(text):
    r = _row(text)
    assert r["issues"] == [] and r["holder"] is None and pd.isna(r["tone"])


def test_other_space_lists_every_whitespace_but_the_space():
    assert _OTHER_SPACE == tuple(chr(c) for c in range(0x110000) if chr(c).isspace() and c != 0x20)


_TRICKY = [
    "",
    " ",
    "plain text with single spaces",
    "  padded  and\tdouble\nspaced  ",
    "Tehreek-e-\nTaliban and Tehreek-e- Insaf, a- -  b, --  c, 1- a, é- b, a-\u00a0b, x-",
    "quotes \u201cand\u201d \u2018this\u2019 \u2013 soft\u00adhyphen,",
    "narrow\u202fspace, ideographic\u3000space",
    "emoji 😀 a_b, Ωmega, ﬁ ligature, \ud800 lone surrogate, \x1c separator",
]


@pytest.mark.parametrize("text", _TRICKY)
def test_normalize_is_the_regex_form(text):
    expected = text
    for old, new in _REPLACE:
        expected = expected.replace(old, new)
    expected = re.sub(r"(?<=[A-Za-z]-)\s+(?=[A-Za-z])", "", expected)
    assert normalize(text) == re.sub(r"\s+", " ", expected).strip()


def test_normalize_many_is_normalize_of_each():
    texts = [*_TRICKY, " lead", "trail ", "a \x00 b", None]
    clean = [t.replace("\x00", " ") if isinstance(t, str) else "" for t in texts]
    assert normalize_many(texts) == [normalize(t) for t in clean]


@pytest.mark.parametrize("text", _TRICKY)
def test_word_view_blanks_every_non_word_character(text):
    low = fold(normalize(text))
    assert word_view(low) == re.sub(r"[^\w ]|_", " ", low)
    assert word_view(text) == re.sub(r"[^\w ]|_", " ", text)
