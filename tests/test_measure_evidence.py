import pandas as pd
import pytest
from convergence.measure import MeasureError
from convergence.measure._common import load_thresholds
from convergence.measure.evidence import evidence, evidence_rows
from convergence.measure.pairs import pair_relation
from fixtures.measure.frames import tagged_small


@pytest.fixture(scope="module")
def tagged():
    return tagged_small()


def test_roles_of_each_sentence(tagged):
    ev = evidence(tagged, issue="israel_palestine")
    assert list(ev.columns[:10]) == [
        "actor", "doc_id", "sent_id", "text", "stance", "cues", "holder", "targets", "relation", "group"
    ]  # fmt: skip
    kinds = sorted(zip(ev["kind"], ev["actor"], ev["sent_id"], strict=True))
    # sentence 3 contrasts the pair ("whereas"): relation evidence only, not a USA position
    assert kinds == [
        ("position", "PAK", 4),
        ("position", "USA", 6),
        ("relation", "USA/PAK", 3),
    ]
    assert set(ev.loc[ev["kind"] == "position", "object"]) == {"ISR"}


def test_sentence_aimed_at_partner_is_directed_not_position(tagged):
    ev = evidence(tagged, issue="afghanistan")
    usa = ev[ev["actor"] == "USA"]
    assert set(usa["kind"]) == {"directed"}
    assert set(usa["object"]) == {"PAK"}
    pak = ev[ev["actor"] == "PAK"]
    assert list(pak["object"]) == ["AFG"]


def test_position_without_target_is_on_the_issue(tagged):
    ev = evidence(tagged, issue="kashmir")
    assert list(ev["object"]) == ["(issue)"]
    assert list(ev["cues"]) == [["demanded"]]


def test_no_evidence_gives_empty_frame_with_columns(tagged):
    ev = evidence(tagged, issue="trade_investment")
    assert ev.empty and "kind" in ev.columns


def test_group_column_follows_by(tagged):
    ev = evidence(tagged, issue="defense", by="year")
    assert set(ev["group"]) == {"2023", "2024"}


def test_min_stance_drops_weak_cues(tagged):
    ev = evidence(tagged, issue="israel_palestine", thresholds={"min_stance": 0.55})
    assert sorted(ev.loc[ev["kind"] == "position", "sent_id"]) == [4, 6]


def test_bad_input(tagged):
    with pytest.raises(MeasureError):
        evidence(tagged.drop(columns=["holder"]), issue="defense")
    with pytest.raises(MeasureError):
        evidence(pd.DataFrame(), issue="defense", actors="USA")


@pytest.mark.parametrize(
    "text, cues, expected",
    [
        ("The US envoy raised tariffs and the border clash between India and Pakistan.", ["clash"], False),
        ("Tensions between Pakistan and the US grew over India.", ["tension"], True),
        ("US-Pakistan ties frayed over China.", ["fray"], True),
        ("The US backs Israel, whereas Pakistan stands with Palestine.", ["whereas"], True),
        ("Israel, whereas the US and India disagree, was silent on Pakistan.", ["whereas"], False),
    ],
)
def test_relation_cue_tied_to_the_pair(text, cues, expected):
    assert pair_relation(text, ("USA", "PAK"), cues, ("whereas", "while")) is expected


def test_third_party_relation_is_not_pair_evidence():
    row = {
        "doc_id": "n1", "sent_id": 0, "issues": ["india"], "holder": "USA", "targets": ["IND"],
        "actors": ["USA", "IND", "PAK"], "stance": 0.5, "stance_cues": ["welcome"], "relation": -0.6,
        "relation_cues": ["clash"],
        "text": "The US welcomed the ceasefire after the clash between India and Pakistan.",
    }  # fmt: skip
    ev = evidence(pd.DataFrame([row]), issue="india")
    assert list(ev["kind"]) == [
        "position"
    ]  # the US stance is kept; the India-Pakistan clash is not the pair's
    ev = evidence(pd.DataFrame([row]), issue="india", thresholds={"relation_pair_check": False})
    assert sorted(ev["kind"]) == ["relation"]  # without the check the clash is read as a US-PAK contrast


def _row(**kw):
    base = {
        "doc_id": "t1", "sent_id": 0, "issues": ["israel_palestine"], "holder": "PAK",
        "targets": ["ISR", "PSE"], "actors": ["PAK", "ISR", "PSE"], "stance": 0.5,
        "stance_cues": ["condemn", "support"], "relation": 0.0, "relation_cues": [],
        "text": "Pakistan condemned Israel and supported the Palestinians.",
    }  # fmt: skip
    return {**base, **kw}


def test_target_stances_give_each_target_its_own_value():
    per_target = [
        {"target": "ISR", "stance": -0.6, "cues": ["condemn"]},
        {"target": "PSE", "stance": 0.7, "cues": ["support"]},
    ]
    ev = evidence(pd.DataFrame([_row(target_stances=per_target)]), issue="israel_palestine")
    got = {r.object: (r.stance, r.cues) for r in ev.itertuples()}
    # each evidence row shows the value that enters the measure: the target's own stance and cues
    assert got == {"ISR": (-0.6, ["condemn"]), "PSE": (0.7, ["support"])}
    rows = evidence_rows(
        pd.DataFrame([_row(target_stances=per_target)]),
        issue="israel_palestine", actors=("USA", "PAK"), by=None, settings=load_thresholds(),
    )  # fmt: skip
    values = dict(zip(rows["object"], rows["value"], strict=True))
    assert values == {"ISR": -0.6, "PSE": 0.7}
    assert dict(zip(rows["object"], rows["cues"], strict=True)) == {"ISR": ["condemn"], "PSE": ["support"]}
    # without the column (older tagged frames) the sentence stance applies to every target
    old = evidence_rows(
        pd.DataFrame([_row()]), issue="israel_palestine", actors=("USA", "PAK"), by=None,
        settings=load_thresholds(),
    )  # fmt: skip
    assert dict(zip(old["object"], old["value"], strict=True)) == {"ISR": 0.5, "PSE": 0.5}


def test_target_stances_toward_partner_make_a_directed_row():
    per_target = [{"target": "USA", "stance": -0.5, "cues": ["criticise"]}]
    row = _row(targets=["USA", "ISR"], actors=["PAK", "USA", "ISR"], target_stances=per_target)
    ev = evidence(pd.DataFrame([row]), issue="israel_palestine")
    # ISR has no cue tied to it: no position on ISR; the cue tied to the US is a directed statement
    assert list(ev["kind"]) == ["directed"] and ev["stance"].iloc[0] == -0.5  # not the sentence's +0.5
    assert ev["cues"].iloc[0] == ["criticise"]


def test_one_act_toward_the_partner_and_a_third_party_is_the_act_toward_the_partner():
    both = [
        {"target": "IND", "stance": 0.6, "cues": ["commend"]},
        {"target": "PAK", "stance": 0.6, "cues": ["commend"]},
    ]
    row = _row(
        holder="USA", targets=["IND", "PAK"], actors=["USA", "IND", "PAK"], stance=0.6,
        stance_cues=["commend"], issues=["india"], target_stances=both,
        text="The US commended both India and Pakistan for the truce.",
    )  # fmt: skip
    ev = evidence(pd.DataFrame([row]), issue="india")
    # no US position on India to set against Pakistan's own view of India
    assert list(ev["kind"]) == ["directed"] and ev["object"].iloc[0] == "PAK"
    # a cue of its own toward the third party stays a position on it
    apart = [{"target": "IND", "stance": -0.6, "cues": ["criticise"]}, both[1]]
    ev = evidence(pd.DataFrame([{**row, "target_stances": apart}]), issue="india")
    assert sorted(zip(ev["kind"], ev["object"], strict=True)) == [("directed", "PAK"), ("position", "IND")]


def test_contrast_word_between_the_pair_counts_even_if_the_tagger_pairs_others():
    row = _row(
        holder="USA", targets=["ISR", "PAK"], actors=["USA", "ISR", "PAK", "PSE"], relation=-0.6,
        relation_cues=["standoff", "whereas"], relation_pairs=["ISR-PSE"],
        text="The US backs Israel in the standoff, whereas Pakistan stands with Palestine.",
    )  # fmt: skip
    ev = evidence(pd.DataFrame([row]), issue="israel_palestine")
    assert list(ev["kind"]) == ["relation"]  # a contrast of the pair: not one holder's stance


def test_relation_pairs_decide_whose_relation_a_cue_states():
    row = {
        "doc_id": "n1", "sent_id": 0, "issues": ["india"], "holder": None, "targets": [],
        "actors": ["USA", "PAK", "IND"], "stance": 0.0, "stance_cues": [], "relation": -0.6,
        "relation_cues": ["clash"], "text": "The US spoke after the clash between India and Pakistan.",
    }  # fmt: skip
    other = evidence(pd.DataFrame([{**row, "relation_pairs": ["IND-PAK"]}]), issue="india")
    assert other.empty
    ours = evidence(pd.DataFrame([{**row, "relation_pairs": ["PAK-USA"]}]), issue="india")
    assert list(ours["kind"]) == ["relation"] and ours["actor"].iloc[0] == "USA/PAK"


def test_a_non_state_voice_on_the_pair_is_not_the_pairs_relation():
    row = {
        "doc_id": "n1", "sent_id": 0, "issues": ["counterterrorism"], "holder": None, "targets": [],
        "actors": ["USA", "PAK"], "stance": 0.6, "stance_cues": ["welcome"], "relation": 0.7,
        "relation_cues": ["cooperation between"], "relation_pairs": ["PAK-USA"],
        "text": "The former envoy welcomed the revival of cooperation between Pakistan and the US.",
    }  # fmt: skip
    state = evidence(pd.DataFrame([{**row, "holder_source": ""}]), issue="counterterrorism")
    assert list(state["kind"]) == ["relation"]  # the reporter states the pair's relation
    analyst = evidence(pd.DataFrame([{**row, "holder_source": "non-state voice"}]), issue="counterterrorism")
    assert analyst.empty
