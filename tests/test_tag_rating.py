"""What a sentence says of an actor is not always its act: a rating ("X is a great friend") or advice."""

from convergence.tagging import tag
from fixtures.tag.frames import one_doc


def _tag(*sentences):
    articles, sentences_ = one_doc(*sentences, publisher="Dawn", date="2025-06-01")
    return tag(sentences_, articles=articles, tone=False)


def _aims(row):
    return {d["target"]: d["stance"] for d in row["target_stances"]}


def test_a_quoted_rating_is_the_speakers_praise_of_the_one_it_rates():
    out = _tag(
        "Trump spoke to reporters in Seoul on Wednesday.",
        "“You know, the prime minister of Pakistan is a great guy.",
        "Shehbaz Sharif met the delegation on Monday.",
        "“President Donald Trump is a man of peace.",
    )
    praise, reply = out.iloc[1], out.iloc[3]
    assert (praise["holder"], praise["holder_source"]) == ("USA", "carryover") and _aims(praise)["PAK"] > 0
    assert (reply["holder"], reply["holder_source"]) == ("PAK", "carryover") and _aims(reply)["USA"] > 0


def test_a_rating_in_the_writers_words_is_no_ones_position():
    r = _tag("The US remains Pakistan's largest export partner.").iloc[0]
    assert r["holder"] is None and r["holder_source"] == "description"


def test_a_stance_of_the_subjects_own_is_kept():
    # an adjective the subject takes ("committed") and a pledge ("will remain a partner") are its own
    r = _tag("Pakistan is committed to cooperation with the US.").iloc[0]
    assert r["holder"] == "PAK" and _aims(r)["USA"] > 0
    r = _tag("The United States will remain a steadfast partner of Pakistan.").iloc[0]
    assert r["holder"] == "USA" and _aims(r)["PAK"] > 0


def test_the_two_nuclear_states_are_no_nuclear_issue():
    r = _tag("The ceasefire averted a war between the two nuclear states, the minister said.").iloc[0]
    assert "nuclear" not in r["issues"]
    assert "nuclear" in _tag("Pakistan will not accept caps on its nuclear programme.").iloc[0]["issues"]


def test_the_writers_prescription_for_an_actor_is_no_position_of_it():
    r = _tag("Even if Washington revives the programme, Pakistan should avoid bilateral aid.").iloc[0]
    assert r["holder"] is None and r["holder_source"] == "analysis"
    # a quoted prescription stays its speaker's
    out = _tag("Dar spoke to reporters in Islamabad.", "“Pakistan should defend its interests,” he said.")
    assert out.iloc[1]["holder"] == "PAK"


def test_appraisal_of_the_others_leader_is_praise_of_it():
    # saluting someone, paying tribute to them or crediting their statesmanship rates their conduct
    out = _tag(
        "Prime Minister Shehbaz Sharif addressed the summit in Cairo on Monday.",
        "He saluted President Trump for his visionary role in ending the war.",
        "Dar paid tribute to the efforts of the US leadership in promoting peace.",
    )
    assert out.iloc[1]["holder"] == "PAK" and _aims(out.iloc[1])["USA"] > 0
    assert out.iloc[2]["holder"] == "PAK" and _aims(out.iloc[2])["USA"] > 0


def test_a_named_owner_makes_a_new_referent_not_the_act_named_before():
    # "the leadership of President X" is X's, not the leadership the document credited before to Trump
    out = _tag(
        "Shehbaz Sharif thanked the leadership of US President Donald Trump for the ceasefire.",
        "He recalled and praised the leadership of President Ruritanov in the liberation of Freedonia.",
    )
    assert "USA" not in _aims(out.iloc[1])
