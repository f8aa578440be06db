"""A state's rating of its own ties with another is a relation cue between the two (tagging/bonds.py)."""

import pytest
from convergence.tagging import tag
from convergence.tagging.bonds import Bonds, bond_hits
from convergence.tagging.lexicon import TagDataError, load_relations
from fixtures.tag.frames import one_doc


def _row(*sentences, at=-1, **meta):
    articles, frame = one_doc(*sentences, publisher="Dawn", **meta)
    return tag(frame, articles=articles, tone=False).iloc[at]


def _toward(row, target):
    return [d["stance"] for d in row["target_stances"] if d["target"] == target]


@pytest.mark.parametrize(
    "sentence",
    [
        "The foreign minister said relations between Pakistan and the United States were excellent.",
        "The minister said Pakistan wanted its relationship with the US to grow in every field.",
        "The prime minister praised the upswing in Pakistan-US ties during his talks in Islamabad.",
        "The Foreign Office said the meeting between Pakistan and the United States was productive.",
    ],
)
def test_a_state_rating_its_ties_with_the_other_is_for_it(sentence):
    r = _row(sentence)
    assert r["holder"] == "PAK" and r["relation_pairs"] == ["PAK-USA"]
    assert _toward(r, "USA") and _toward(r, "USA")[0] > 0


def test_worsening_ties_tie_the_pair_as_a_disagreement_and_oppose_no_one():
    r = _row("The foreign minister said relations between Pakistan and the United States had deteriorated.")
    assert r["relation"] < 0 and r["relation_pairs"] == ["PAK-USA"]
    assert not _toward(r, "USA")


def test_the_journalists_rating_a_third_partys_and_a_question_are_not_the_pairs():
    # no holder: the journalist's background
    assert (
        _row("Relations between Pakistan and the United States have been good for years.")["relation_pairs"]
        == []
    )
    # a third party rates ties it has no part in
    r = _row("China said the strong ties between Pakistan and the United States were no threat to it.")
    assert r["holder"] == "CHN" and "strong ties" not in r["relation_cues"]
    # asked about, or set as the scene
    r = _row("The spokesperson was asked whether the improvement in Pakistan-US ties would last.")
    assert r["relation_pairs"] == []
    r = _row("The foreign minister spoke to the US envoy amid improving Pakistan-US relations.")
    assert not any("improving" in c for c in r["relation_cues"])


def test_a_general_rating_takes_no_issue_from_the_document_or_a_neighbour():
    r = _row(
        "Pakistan on Monday urged the Afghan government to act against militant sanctuaries.",
        "The foreign minister said relations between Pakistan and the United States were excellent.",
        title="Pakistan urges Kabul to act on militant sanctuaries",
    )
    assert r["relation_pairs"] == ["PAK-USA"] and list(r["issues"]) == []


def test_hits_span_the_rating_and_the_noun_within_a_clause():
    bonds = Bonds(load_relations())
    low = "he said the enduring partnership would continue; the ties, he added, were historic."
    hits = bond_hits(low, bonds)
    assert [(low[s:e], h[0].cue) for s, e, h in hits] == [("enduring partnership", "enduring partnership")]
    # a noun a relation cue already covers is left to it
    assert bond_hits("close ties", bonds, taken=[(0, 10)]) == []


def test_bonds_in_a_users_file_are_checked(tmp_path):
    p = tmp_path / "relations.yaml"
    head = "agreement:\n  agree: 0.7\nbonds:\n  nouns: [ties]\n"
    p.write_text(head + "  before: 99\n", encoding="utf-8")
    with pytest.raises(TagDataError, match="before must be a whole number"):
        load_relations(p)
    p.write_text(head + "  agreement:\n    warm: 2\n", encoding="utf-8")
    with pytest.raises(TagDataError, match="bonds: agreement"):
        load_relations(p)
    p.write_text(head + "  agreement:\n    warm: 0.5\n", encoding="utf-8")
    rel = load_relations(p)
    assert rel.bond_nouns == ("ties",) and [c.cue for c in rel.bond_cues] == ["warm"]


def test_ties_named_with_others_are_not_the_holders():
    # the holder and the one other actor, but the ties are another pair's
    r = _row("Pakistan's minister said the deepening US-EU ties would matter for the region.")
    assert r["holder"] == "PAK" and not any("deepening" in c for c in r["relation_cues"])
    r = _row("The Pakistani minister hoped the ties between Lahore and Chicago would grow, the US envoy said")
    assert not any("grow" in c for c in r["relation_cues"])
    # named with the pair, or with a word of the pair's
    r = _row("The foreign minister said Pakistan's ties with the US were warm.")
    assert "ties warm" in r["relation_cues"] and r["relation_pairs"] == ["PAK-USA"]
    r = _row("Pakistan's army chief met US generals, calling it a new chapter in ties between both nations.")
    assert r["relation_pairs"] == ["PAK-USA"]


def test_a_joint_subjects_rating_of_their_ties_is_each_ones_stance_toward_the_other():
    r = _row("Pakistan and the US expressed satisfaction over the positive trajectory of Pakistan-US ties.")
    assert r["holder_source"] == "joint" and _toward(r, "USA") and _toward(r, "USA")[0] > 0
    # a joint subject's bare exchange names no stance
    r = _row("Pakistan and the US exchanged views on Pakistan-US relations and regional security.")
    assert not _toward(r, "USA")
