import json
from pathlib import Path

import pandas as pd
import pytest
from convergence.measure import MeasureError, evidence
from convergence.measure.pairs import pair_relation

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "measure" / "tagged_small.json"


def tagged_small() -> pd.DataFrame:
    """The hand-made tagged table (tests/fixtures/measure/make_tagged.py writes it)."""
    frame = pd.DataFrame(json.loads(FIXTURE.read_text(encoding="utf-8")))
    frame["date"] = pd.to_datetime(frame["date"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


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
