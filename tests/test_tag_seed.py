"""Key sentences of the first seed (seeds/army-chiefs-usa-visit-divergence-to-convergence.txt)."""

import convergence as cv
import pytest
from convergence.paths import project_root

SEED = project_root() / "seeds" / "army-chiefs-usa-visit-divergence-to-convergence.txt"


@pytest.fixture(scope="module")
def tagged():
    corpus = cv.read_corpus(SEED)
    return cv.tag(corpus, jobs=1)


def _find(tagged, snippet):
    rows = tagged[tagged["text"].str.contains(snippet, regex=False)]
    assert len(rows) == 1, f"{snippet!r} found in {len(rows)} sentences"
    return rows.iloc[0]


def test_us_opposes_forced_return(tagged):
    r = _find(tagged, "The US has vehemently opposed this")
    assert "refugees" in r["issues"] and r["issue_source"] == "matched"
    assert r["holder"] == "USA" and r["stance"] < 0


def test_it_firmly_opposes_carries_the_us_over(tagged):
    r = _find(tagged, "It firmly opposes the forced return of refugees")
    assert (r["holder"], r["holder_source"]) == ("USA", "carryover")
    assert "refugees" in r["issues"] and r["stance"] < 0


def test_us_suspicions(tagged):
    r = _find(tagged, "The US holds deep suspicions")
    assert r["holder"] == "USA" and "PAK" in r["targets"]
    assert "afghanistan" in r["issues"] and r["stance"] < 0
    assert "support" not in r["stance_cues"]  # Pakistan's alleged support is not the US's cue


def test_pakistan_seeks_support_against_ttp(tagged):
    r = _find(tagged, "Pakistan seeks US support in countering threats")
    assert r["holder"] == "PAK" and "counterterrorism" in r["issues"] and r["stance"] > 0
    assert "counterterrorism:Tehreek-e-Taliban Pakistan" in r["issue_terms"]


def test_israel_hamas_whereas_is_disagreement(tagged):
    r = _find(tagged, "Israel-Hamas conflict")
    assert "israel_palestine" in r["issues"]
    assert r["relation"] < 0 and "whereas" in r["relation_cues"]


def test_us_urges_pakistan_to_condemn_russia(tagged):
    r = _find(tagged, "the US urges Pakistan to publicly condemn")
    assert r["holder"] == "USA" and "PAK" in r["targets"]
    # the segmenter cuts this sentence at a page break; the cut-off half takes its continuation's issues
    assert "russia_ukraine" in r["issues"]


def test_anaphoric_stance_sentence_inherits_the_issue(tagged):
    r = _find(tagged, "The stance remains dynamic")
    assert r["holder"] == "PAK" and r["holder_source"] == "carryover"
    assert "afghanistan" in r["issues"]


def test_every_sentence_has_consistent_cues(tagged):
    for r in tagged.itertuples():
        assert set(r.cues) == set(r.stance_cues) | set(r.relation_cues)
        if not r.stance_cues:
            assert r.stance == 0
        assert r.holder not in r.targets
