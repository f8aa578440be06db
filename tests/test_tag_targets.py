"""Per-target stance (``target_stances``) and the pair a relation cue links (``relation_pairs``)."""

import pytest
from convergence.tagging import tag
from fixtures.tag.frames import one_doc


def _row(*sentences, i=0, **meta):
    meta.setdefault("date", "2024-01-01")
    articles, sentences_ = one_doc(*sentences, **meta)
    return tag(sentences_, articles=articles, tone=False).iloc[i]


def _by_target(row):
    return {t["target"]: t for t in row["target_stances"]}


def test_support_goes_to_its_object_not_to_every_target():
    r = _row("Pakistan condemned Israel's aggression and reaffirmed its support for the Palestinian people.")
    ts = _by_target(r)
    assert ts["ISR"]["stance"] < 0 and "support" not in ts["ISR"]["cues"]
    assert ts["PSE"]["stance"] > 0 and ts["PSE"]["cues"] == ["support"]


def test_pressure_on_one_actor_condemnation_of_another():
    r = _row("The US urges Pakistan to condemn Russia's invasion of Ukraine.")
    ts = _by_target(r)
    assert r["holder"] == "USA"
    assert ts["PAK"]["cues"] == ["urge"] and -0.5 < ts["PAK"]["stance"] < 0
    assert ts["RUS"]["cues"] == ["condemn", "invasion"] and ts["RUS"]["stance"] < ts["PAK"]["stance"]
    assert "UKR" not in ts


def test_conflict_noun_tied_to_an_actor_without_a_verb():
    r = _row("Pakistan spoke of the Israeli occupation and the suffering of Gaza.")
    assert _by_target(r)["ISR"]["cues"] == ["occupation"] and r["stance"] < 0
    r = _row("Pakistan recalled the aggression by Israel against Gaza.")
    assert list(_by_target(r)) == ["ISR"]
    r = _row("Pakistan raised India's illegal annexation of Kashmir at the council.")
    assert list(_by_target(r)) == ["IND"]
    r = _row("Pakistan raised India's serious violations in Kashmir at the council.")
    assert list(_by_target(r)) == ["IND"]
    r = _row("Pakistan recalled the occupation of Gaza by Israeli forces.")
    assert list(_by_target(r)) == ["ISR"]
    r = _row("India's annexation of Kashmir was raised by Pakistan at the council.")
    assert "PAK" not in _by_target(r)


def test_conflict_noun_without_a_perpetrator_is_not_scored():
    r = _row("Pakistan described the oppression of the Palestinian people.")
    assert r["target_stances"] == [] and "oppression" not in r["stance_cues"]


def test_sentence_stance_equals_single_target_stance():
    r = _row("Pakistan strongly condemns Israel's blockade of Gaza.")
    ts = r["target_stances"]
    assert len(ts) == 1 and ts[0]["target"] == "ISR" and ts[0]["stance"] == r["stance"]


def test_cue_target_stops_at_clause_break():
    r = _row("The US supports the reforms, but India rejects the plan.")
    assert "IND" not in {t["target"] for t in r["target_stances"] if "support" in t["cues"]}


def test_coordinated_cues_share_the_object():
    r = _row("Pakistan condemns and rejects Israel's actions in Gaza.")
    assert _by_target(r)["ISR"]["cues"] == ["condemn", "reject"]


def test_holder_is_never_its_own_target():
    r = _row("Pakistan supports Pakistan's farmers and India.")
    assert "PAK" not in _by_target(r)


def test_relation_pair_between_phrase():
    r = _row("The US worries about tensions between India and Pakistan.")
    assert r["relation_pairs"] == ["IND-PAK"]


def test_relation_pair_compound_and_joint_subject():
    assert _row("Pak-US relations have seen friction over Afghanistan.")["relation_pairs"] == ["PAK-USA"]
    assert _row("Pakistan and China agreed on the corridor, the US said.")["relation_pairs"] == ["CHN-PAK"]


def test_relation_pair_contrast_and_with():
    r = _row("The US backs the plan, whereas Pakistan rejects it on trade grounds.")
    assert r["relation_pairs"] == ["PAK-USA"]
    r = _row("Unlike India, Pakistan welcomed the US offer of mediation; differences remain.")
    assert "IND-PAK" in r["relation_pairs"]
    r = _row("Pakistan has differences with India over water, the US noted.")
    assert r["relation_pairs"] == ["IND-PAK"]


def test_relation_pair_empty_when_no_relation_cue():
    r = _row("Pakistan welcomed the US offer.")
    assert r["relation_cues"] == [] and r["relation_pairs"] == []


def test_pushed_cooperation_is_not_the_holders():
    r = _row("The US is compelling Pakistan to cooperate on counterterrorism.")
    assert "cooperate" not in r["stance_cues"] and r["stance"] < 0
    assert _by_target(r)["PAK"]["cues"] == ["compel"]
    r = _row("The US used the IMF to nudge Pakistan towards aligning with India on trade.")
    assert "aligned" not in r["relation_cues"] and "align" not in r["relation_cues"]


def test_neutral_principles_are_no_conflict():
    r = _row("Pakistan stressed non-interference and bilateral concerns with the US on trade.")
    assert r["stance_cues"] == []


def test_place_of_the_object_is_not_the_target():
    # condemning an attack on a place is not an act against it: solidarity with it (attribution.yaml)
    r = _row("Pakistan condemned the attack on Kabul.")
    assert [(t["target"], t["stance"] > 0) for t in r["target_stances"]] == [("AFG", True)]
    r = _row("Pakistan condemned the Israeli attack on Iran.")
    assert _by_target(r)["ISR"]["stance"] < 0 and "IRN" not in _by_target(r)
    r = _row("The US announced humanitarian assistance for flood victims in Pakistan.")
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("The US imposed sanctions on Iran, and Pakistan voiced concern.")
    assert _by_target(r)["IRN"]["cues"] == ["sanction"]


def test_joint_subject_is_an_agreement_of_the_pair():
    r = _row("Pakistan and the US condemned the attack on Kabul.")
    assert r["holder"] == "PAK" and r["holder_source"] == "joint" and "USA" in r["targets"]
    assert r["relation"] > 0 and "joint subject" in r["relation_cues"] and r["relation_pairs"] == ["PAK-USA"]
    r = _row("Pakistan and India disagreed over trade.")
    assert r["relation"] < 0 and "joint subject" not in r["relation_cues"]


def test_contrast_splits_clauses_with_their_own_holder():
    r = _row("The US welcomes the trade plan, whereas Pakistan rejects it.")
    cl = r["clauses"]
    assert [c["holder"] for c in cl] == ["USA", "PAK"]
    assert cl[0]["stance"] > 0 and cl[1]["stance"] < 0 and cl[1]["cues"] == ["reject"]
    assert cl[0]["end"] <= cl[1]["start"] and r["holder"] == "USA"
    r = _row("While Pakistan welcomed the IMF deal, India opposed it.")
    assert [(c["holder"], c["cues"]) for c in r["clauses"]] == [("PAK", ["welcome"]), ("IND", ["oppose"])]


def test_no_contrast_no_clauses():
    assert _row("Pakistan supports the trade talks.")["clauses"] == []


def test_joint_subject_without_names_is_the_documents_pair():
    articles, sentences = one_doc(
        "Pakistan and the US held trade talks in Washington.",
        "Pakistan sought lower tariffs, the US said.",
        "Both countries agreed to expand trade.",
        date="2024-01-01",
    )
    r = tag(sentences, articles=articles, tone=False).iloc[2]
    assert (r["holder"], r["holder_source"]) == ("PAK", "joint") and "USA" in r["targets"]
    assert r["relation"] > 0 and r["relation_pairs"] == ["PAK-USA"]


def test_participle_after_the_victim_is_not_the_victims_act():
    r = _row(
        "Pakistan wants the withdrawal of Israeli troops from Palestinian territories occupied since 1967."
    )
    assert "PSE" not in _by_target(r)
    r = _row("Pakistan recalled that Palestinian land was occupied by Israel.")
    assert list(_by_target(r)) == ["ISR"]


def test_between_names_a_relation_unless_it_is_the_parties_to_the_object():
    # the parties to a joint act that the holder welcomes are its targets
    r = _row("The United States welcomes the joint statement between India and Pakistan on Kashmir.")
    assert r["holder"] == "USA" and {"IND", "PAK"} <= set(_by_target(r))
    # "tensions between" is a relation among the two, not the holder's act on them
    r = _row("The US said tensions between India and Pakistan over Kashmir were disappointing.")
    assert r["holder"] == "USA" and "PAK" not in _by_target(r) and "IND" not in _by_target(r)
    # ... also as what a stative verb describes (a quoted speaker's "there's been great tension between ...")
    t = _row(
        "Trump said he was confident that the two neighbours would figure it out.",
        "“There’s been great tension between Pakistan and India, but there always has been.”",
        i=1,
        date="2025-05-12",
    )
    assert t["holder"] == "USA" and t["target_stances"] == []
    # the recipient of an object noun: "the largest donor to Pakistan"
    r = _row("The US is the largest donor to Pakistan, having provided flood assistance.")
    assert _by_target(r)["PAK"]["stance"] > 0


def test_an_actor_named_only_to_qualify_another_is_neither_target_nor_issue():
    articles, sentences = one_doc(
        "Last week, Trump said Washington had reached a trade deal with India's arch-rival Pakistan.",
        "Pakistan condemned India's attack on its border posts.",
        publisher="Dawn",
        date="2025-08-05",
    )
    t = tag(sentences, articles=articles, tone=False)
    deal = t.iloc[0]
    assert [d["target"] for d in deal["target_stances"]] == ["PAK"]
    assert "india" not in list(deal["issues"]) and "trade_investment" in list(deal["issues"])
    assert "india" in list(t.iloc[1]["issues"])  # India acts here: its name keeps the issue


def test_a_cue_word_inside_a_proper_name_is_no_act():
    t = _row(
        "The Trade Representative proposed tariffs on goods of economies that have undertaken commitments in "
        "their respective Agreements on Reciprocal Trade (Pakistan, Malaysia and Taiwan).",
        publisher="The White House",
        url="https://www.whitehouse.gov/presidential-actions/1",
        date="2026-07-01",
    )
    assert "agreement" not in list(t["relation_cues"]) and t["relation"] == 0
    r = _row("Pakistan welcomed the Joint Statement issued by the US after the talks.", publisher="Dawn")
    assert "welcome" in list(r["stance_cues"]) and r["stance"] > 0  # capitalised after "the": still a cue


def test_a_stance_toward_both_leaders_is_toward_each_of_the_two_named():
    r = _row(
        '"We welcome the ceasefire reached between India and Pakistan this week and we commend both prime '
        'ministers for choosing peace," said the US spokesperson.',
        date="2025-06-01",
    )
    ts = _by_target(r)
    assert r["holder"] == "USA" and set(ts) == {"IND", "PAK"}
    assert ts["PAK"]["stance"] > 0.35 and "commend" in ts["PAK"]["cues"]


def test_both_is_only_the_object_of_a_nearby_cue_and_of_two_named_actors():
    far = _row(
        "Trump claimed credit for talking India and Pakistan back from the brink by threatening to end trade "
        "talks, which he said both countries were holding with the US.",
        date="2025-06-01",
    )
    assert far["holder"] == "USA" and set(_by_target(far)) <= {"IND"}  # "both" is not what he threatened
    none_named = _row("The US praised both prime ministers.")
    assert none_named["target_stances"] == []


def test_both_words_are_data(tmp_path, monkeypatch):
    import convergence.tagging.context as context

    src = context.load_attribution().source
    text = open(src, encoding="utf-8").read()
    start = text.index("both_words:")
    end = text.index("]", start) + 1
    p = tmp_path / "attribution.yaml"
    p.write_text(text[:start] + "both_words: []" + text[end:], encoding="utf-8")
    assert context.load_attribution(p).both_words == frozenset()


def test_an_act_named_before_with_its_owner_is_the_target_of_a_later_the_act():
    # "the strikes" / "the plan" point back to the act named before with its owner
    r = _row(
        "US strikes on Iran",
        "The US strikes on Iran's nuclear sites took place on Sunday.",
        "The Foreign Office strongly condemned the strikes.",
        i=2,
        publisher="Dawn",
    )
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] < 0
    r = _row("The US plan for Gaza was unveiled on Monday.", "Pakistan praised the plan.", i=1)
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("Brazil announced a peace plan for Gaza.", "Pakistan praised the plan.", i=1)
    assert not _by_target(r)  # owned by no actor of the file: no target
    # an object that names its own actor keeps it
    r = _row("The US strikes on Iran lasted three hours.", "Pakistan condemned the Israeli strikes.", i=1)
    assert list(_by_target(r)) == ["ISR"]


def test_a_briefing_answer_is_not_about_an_actor_asked_of_before_a_question_on_another_state():
    briefing = [
        "Q And one more on Pakistan: are you concerned about the strikes?",
        "MR. KIRBY: We'll let the Pakistanis speak to their military operations.",
        "Q A paper reported that the Iraqi Prime Minister had asked the coalition to leave Iraq.",
        "MR. KIRBY: We're grateful for the cooperation that we get.",
    ]
    meta = {"publisher": "The White House", "date": "2024-01-18", "title": "Press Gaggle by John Kirby"}
    r = _row(*briefing, i=4, **meta)
    assert r["holder"] == "USA" and "PAK" not in _by_target(r)
    # still about Pakistan when the next question asks on, naming no other state
    briefing[2] = "Q Can you say more?"
    r = _row(*briefing, i=4, **meta)
    assert _by_target(r)["PAK"]["stance"] > 0


def test_crediting_another_actor_with_a_good_part_is_a_stance_toward_it():
    meta = {"publisher": "Dawn"}
    r = _row("“The US has played a key role in the ceasefire with India,” the minister said.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits role"]
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("The minister hailed the constructive role played by the United States in the talks.", **meta)
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("Washington said Pakistan played a pivotal role in counterterrorism efforts.")
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["cues"] == ["credits role"]
    # a part still to play is a wish; a part denied, a harm served or no quality at all credit nothing
    for text in (
        "The minister hoped that Trump will play his role in resolving the Kashmir issue.",
        "The minister said the US did not play a key role in the ceasefire.",
        "The minister said the US played a key role in the war.",
        "The minister said the US played a role in the region.",
    ):
        assert "USA" not in _by_target(_row(text, **meta)), text
    # a verb of crediting with a "for" / "with" phrase (attribution.yaml credit_verbs)
    r = _row("PM Shehbaz Sharif credited President Trump for the Gaza ceasefire.", date="2025-10-14")
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits"]
    for text in (
        "The minister did not credit the US for the ceasefire.",
        "The minister credited the US with starting the war.",
    ):
        assert "USA" not in _by_target(_row(text, **meta)), text


def test_a_credit_served_by_a_split_hyphened_word_or_shared_with_others_still_credits():
    meta = {"publisher": "Dawn"}
    r = _row("Pakistan has said the United States played a major role in de-escalating the fighting.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits role"]
    # the owner the verb's "in addition to" phrase adds to the subject
    r = _row(
        "Pakistan has said Britain and other countries, in addition to the United States, played a major "
        "role in de-escalating the fighting.",
        **meta,
    )
    assert _by_target(r)["USA"]["stance"] > 0
    # escalating is no good part
    r = _row("India said the US played a major role in escalating the fighting.", **meta)
    assert "USA" not in _by_target(r)
    r = _row("Pakistan, by contrast, has embraced Trump\u2019s attention.", date="2025-09-01", **meta)
    assert _by_target(r)["USA"]["stance"] > 0


def test_nominating_another_actor_for_a_prize_or_giving_it_the_credit_is_for_it():
    meta = {"publisher": "Dawn", "date": "2025-10-14"}
    r = _row("Prime Minister Shehbaz Sharif nominated President Trump for the peace award on Monday.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits"]
    # a nominee of no actor's file credits no one
    r = _row("The US nominated a career diplomat for the post of envoy to Pakistan.", **meta)
    assert "PAK" not in _by_target(r)
    r = _row("“The credit for the truce goes to President Trump,” the minister said.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0
    r = _row("The minister said the credit for ending the fighting belongs to the United States.", **meta)
    assert _by_target(r)["USA"]["stance"] > 0
    # credit for a harm, or credit denied, is no praise
    for text in (
        "The minister said the credit for the war goes to the United States.",
        "The minister said the credit for the truce does not go to the United States.",
    ):
        assert "USA" not in _by_target(_row(text, **meta)), text


def test_a_credit_phrase_the_parser_hangs_on_the_object_still_credits_it():
    meta = {"publisher": "Dawn", "date": "2025-10-14"}
    # "for ..." read as a modifier of "Trump" rather than of the verb; "stopping wars" is a good end
    for text in (
        "The cabinet nominated US President Donald Trump for the Nobel Peace Prize.",
        "PM nominates President Trump for Nobel Peace Prize for stopping wars",
    ):
        r = _row(text, **meta)
        assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits"], text
    # a verb that credits only for an honour (attribution.yaml honour_verbs)
    r = _row("The government decided to recommend President Trump for the Nobel Peace Prize.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["credits"]
    r = _row("The US commission recommended Pakistan for redesignation as a country of concern.", **meta)
    assert "PAK" not in _by_target(r)


def test_nouns_of_friendly_acts_and_turning_down_are_acts_toward_their_object():
    meta = {"publisher": "Dawn", "date": "2025-08-14"}
    r = _row("The US secretary of state extended warm congratulations to the people of Pakistan.", **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("The prime minister extended an invitation to President Trump to visit Islamabad.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0
    # an invitation turned down is a refusal, not a friendly act of the one who turns it down
    r = _row("The Indian premier turned down an invitation from President Trump to visit Washington.", **meta)
    assert r["holder"] == "IND" and _by_target(r)["USA"]["stance"] < 0


def test_best_wishes_conveyed_to_another_actor_are_for_it():
    r = _row("The prime minister conveyed his best wishes for US President Donald Trump.", publisher="Dawn")
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["best wishes"]


def test_calling_another_actors_act_unjust_or_deeply_troubling_is_against_it():
    r = _row("The Foreign Office said the US plan was deeply troubling and unjust.", publisher="Dawn")
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] < 0
    # a troubling trend in the writer's own words is no stance of anyone
    r = _row("Female politicians in the United States and Pakistan face a troubling trend.", publisher="Dawn")
    assert r["stance_cues"] == []


def test_a_stance_against_a_pact_of_two_others_is_against_both():
    meta = {"publisher": "Dawn", "date": "2025-02-14"}
    r = _row("Pakistan firmly rejected its mention in the US-India joint statement.", **meta)
    assert _by_target(r)["USA"]["stance"] < 0 and _by_target(r)["IND"]["stance"] < 0
    # "the joint statement" later is the one named before with its parties, not a Pakistan-US one
    t = _tag_doc(
        "The US-India joint statement named Pakistan.",
        "The spokesperson expressed Pakistan's disapproval of the joint statement issued in Washington.",
        **meta,
    )
    assert t.iloc[1]["relation_pairs"] == ["IND-USA"]
    assert _by_target(t.iloc[1])["USA"]["stance"] < 0
    # "Indo-US" names India; "Indo-Pacific" does not
    r = _row("Pakistan called the Indo-US joint statement misleading.", **meta)
    assert r["relation_pairs"] == ["IND-USA"]
    assert "IND" not in _row("The US outlined its Indo-Pacific strategy.", **meta)["actors"]
    # a negative cue right after the pact that says what it is, past its date
    t = _tag_doc(
        "The Foreign Office spokesperson said on Friday that Pakistan was surprised.",
        "\u201cWe consider the Pakistan-specific reference in the Indo-US joint statement of Feb 13, 2025, "
        "as one-sided, misleading, and contrary to diplomatic norms.\u201d",
        **meta,
    )
    assert t.iloc[1]["holder"] == "PAK" and _by_target(t.iloc[1])["USA"]["stance"] < 0


def test_a_headline_bullets_two_verbs_share_the_subject_that_opens_it():
    t = _tag_doc(
        "• FO rejects Pakistan-specific mention in US-India joint statement, calls attention to New Delhi’s "
        "rights record",
        title="Islamabad indignant after US offers jets to India",
        publisher="Dawn",
        date="2025-02-14",
    )
    assert t[~t["is_title"]].iloc[0]["holder"] == "PAK"


def _tag_doc(*sentences, **meta):
    articles, sentences_ = one_doc(*sentences, **meta)
    return tag(sentences_, articles=articles, tone=False)


def test_a_conflict_being_settled_is_not_one_between_the_sentences_two_actors():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    r = _row(
        "Pakistan thanked Washington for its help in the resolution of the long-standing Kashmir dispute.",
        **meta,
    )
    assert r["relation"] >= 0 or "PAK-USA" not in r["relation_pairs"]
    r = _row("Pakistan urged Washington to address the issues in the disputed territory.", **meta)
    assert r["relation"] >= 0 or "PAK-USA" not in r["relation_pairs"]
    # a conflict between the two, not being settled, still ties them
    r = _row("Pakistan voiced mistrust in its dealings with Washington.", **meta)
    assert r["relation"] < 0 and r["relation_pairs"] == ["PAK-USA"]


def test_a_disagreement_ties_only_the_parties_the_sentence_names_for_it():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    # the sentence's only two actors are no parties to a disagreement it does not tie to them
    r = _row(
        "Multinational companies operating in Pakistan offer divergent views on the tariff set by the US.",
        **meta,
    )
    assert r["relation"] < 0 and r["relation_pairs"] == []
    # named together first, the two are its parties; an agreement still ties the sentence's only two
    r = _row("Pakistan and the US clearly see the programme in opposing lights.", **meta)
    assert r["relation"] < 0 and r["relation_pairs"] == ["PAK-USA"]
    r = _row("A trade agreement with the United States lifted Pakistan stocks on Thursday.", **meta)
    assert r["relation"] > 0 and r["relation_pairs"] == ["PAK-USA"]


def test_a_cooperative_act_refused_is_no_cooperation():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    r = _row("The US refused to sign an agreement with Pakistan on the release of prisoners.", **meta)
    assert list(r["stance_cues"]) == ["refuse"] and _by_target(r)["PAK"]["stance"] < 0
    r = _row("Pakistan rejected the trade deal offered by the US.", **meta)
    assert list(r["stance_cues"]) == ["reject"] and _by_target(r)["USA"]["stance"] < 0
    # a cooperative act after other words keeps its weight
    r = _row("Pakistan signed an agreement with the US on trade.", **meta)
    assert r["stance"] > 0


def test_where_someone_is_based_is_no_target_and_a_holder_is_never_its_own_target():
    meta = {"publisher": "Dawn", "date": "2025-06-01"}
    r = _row("The minister praised the Pakistani diaspora living in the US.", **meta)
    assert "USA" not in _by_target(r)
    r = _row("The chairman appreciated the business community based in the United States.", **meta)
    assert "USA" not in _by_target(r)
    r = _row("Both emphasised providing employment opportunities to Pakistanis in the US.", **meta)
    assert r["holder"] not in _by_target(r)


def test_a_blow_dealt_in_the_passive_by_nobody_named_is_not_the_speakers():
    meta = {"publisher": "Dawn", "date": "2025-02-07"}
    t = _tag_doc(
        "The spokesperson briefed the media on Friday.",
        "He also noted that the clemency plea to former US president Biden was rejected.",
        **meta,
    )
    assert t.iloc[1]["holder"] == "PAK" and t.iloc[1]["stance_cues"] == []
    # the speaker's own state in the passive keeps its stance ("we are concerned")
    r = _row("“We are gravely concerned at the escalation by India,” the spokesperson said.", **meta)
    assert r["stance"] < 0


def test_a_participle_clause_the_speaker_undergoes_is_not_the_speakers_act():
    meta = {"publisher": "Dawn", "date": "2025-05-20"}
    t = _tag_doc(
        "WASHINGTON: The State Department spokesperson spoke to reporters on Tuesday.",
        "When pressed on whether India's stance had changed, the spokesperson declined to comment.",
        **meta,
    )
    # the reporters press the spokesperson: no pressure of the US on India
    assert t.iloc[1]["holder"] == "USA" and "IND" not in _by_target(t.iloc[1])
    # the speaker's own pressure stays its act
    r = _row("The US pressed India to resume talks, the spokesperson said.", **meta)
    assert _by_target(r)["IND"]["stance"] < 0


def test_a_headline_in_title_case_is_read_as_a_sentence():
    from convergence.tagging.syntax import headline_case

    title = "US Condemns Terror Attack in Peshawar, Vows Unwavering Support for Pakistan’s Fight"
    meta = {"publisher": "APP", "date": "2025-09-30"}
    for headline in (title, title.upper()):
        articles, sentences = one_doc("The embassy issued a statement on Tuesday.", title=headline, **meta)
        r = tag(sentences, articles=articles, tone=False).iloc[0]
        assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0, headline
    cased = headline_case(title, [(0, 2), (title.index("Pakistan"), title.index("Pakistan") + 8)])
    assert cased == "US condemns terror attack in peshawar, vows unwavering support for Pakistan’s fight"
    assert headline_case("Trump hails Pakistan’s help in arresting IS terrorist") == (
        "Trump hails Pakistan’s help in arresting IS terrorist"  # a sentence's case: as it is
    )


def test_concerns_among_a_community_are_theirs_not_a_stance_toward_its_state():
    r = _row(
        "These statements have heightened concerns among immigrant communities, particularly Pakistani "
        "Americans, who face scrutiny.",
        publisher="Dawn",
        date="2025-03-01",
    )
    assert r["target_stances"] == []


def test_rejecting_a_plan_is_not_a_stance_against_those_it_would_befall():
    meta = {"publisher": "Dawn", "date": "2025-02-07"}
    r = _row("Pakistan rejected the plan to displace Palestinians from Gaza.", **meta)
    assert r["stance"] < 0 and "PSE" not in _by_target(r)
    r = _row("Pakistan condemned the decision to deport Afghan nationals.", **meta)
    assert r["stance"] < 0 and "AFG" not in _by_target(r)
    # the plan's owner is still the target, and a welcomed plan still reaches its beneficiary
    r = _row("Pakistan condemned the US decision to impose tariffs on Pakistan.", **meta)
    assert _by_target(r)["USA"]["stance"] < 0
    r = _row("Pakistan welcomed the plan to send aid to Afghanistan.", **meta)
    assert _by_target(r)["AFG"]["stance"] > 0


def test_a_reaction_voiced_by_another_actor_is_not_the_holders_stance():
    meta = {"publisher": "Dawn", "date": "2025-02-07"}
    r = _row("The US plan drew swift rejection from the Palestinian leadership.", **meta)
    assert "PSE" not in _by_target(r) and "rejection" not in r["stance_cues"]
    r = _row("Pakistan faces pressure from the US over its missile programme.", **meta)
    assert r["holder"] == "PAK" and r["stance_cues"] == []
    # a feeling caused by someone is the holder's own ("concerned by Indian attacks")
    r = _row("Pakistan said it was deeply concerned by the attacks by India.", **meta)
    assert r["stance"] < 0 and _by_target(r)["IND"]["stance"] < 0


def test_regretting_an_actors_act_is_against_it():
    r = _row(
        "The Chinese ministry said it regrets India's military action.", publisher="Dawn", date="2025-05-08"
    )
    assert _by_target(r)["IND"]["stance"] < 0 and _by_target(r)["IND"]["cues"] == ["regret"]


def test_valuing_a_strong_relationship_with_an_actor_is_for_it():
    meta = {"publisher": "Dawn", "date": "2025-06-02"}
    r = _row("The ambassador said the United States values its strong relationship with Pakistan.", **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("The minister said Pakistan and the US have excellent relations spanning decades.", **meta)
    assert r["stance"] > 0


@pytest.mark.parametrize(
    "sentence, holder, target",
    [
        # wishing an actor a prosperous future
        ("US President Joe Biden believes in a secure and prosperous Pakistan.", "USA", "PAK"),
        # naming an achievement of the pair's ties
        ("Defence Minister Khawaja Asif termed the meeting a milestone in Pakistan-US ties.", "PAK", "USA"),
    ],
)
def test_a_good_word_for_the_other_side_is_for_it(sentence, holder, target):
    r = _row(sentence, publisher="Dawn", date="2025-06-02")
    assert r["holder"] == holder and _by_target(r)[target]["stance"] > 0


def test_an_office_named_without_its_state_is_the_documents_state():
    meta = {"publisher": "Dawn", "date": "2025-06-02"}
    r = _row("The US envoy lauded the federal government's economic reforms.", **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("President Trump hosted the army chief at the White House.", **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    # several or other states' offices, and an office its owner's pronoun names, are no one's in particular
    r = _row("The US commended the foreign governments' reforms.", **meta)
    assert "PAK" not in _by_target(r)
    r = _row("Trump again offered his good offices to resolve the dispute.", **meta)
    assert "PAK" not in _by_target(r)
    # the subject of a reported clause is not an object ("the minister said the president disagrees")
    r = _row("Leavitt said the president strongly disagrees with the decision.", **meta)
    assert r["target_stances"] == [] or "PAK" not in _by_target(r)


def test_a_cue_in_a_participle_of_the_holders_other_act_is_aimed_at_its_objects():
    meta = {"publisher": "Dawn", "date": "2025-09-30"}
    r = _row(
        "Dar said that the Muslim nations were united on the Gaza issue, calling US President Donald Trump's "
        "peace plan a major breakthrough.",
        **meta,
    )
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["breakthrough"]
    # a cue in the main predicate keeps the main predicate's objects
    r = _row("Pakistan condemned the attack, urging the US to act.", **meta)
    assert "USA" not in _by_target(r) or _by_target(r)["USA"]["cues"] != ["condemn"]


def test_an_act_is_its_possessors_not_that_of_an_actor_it_is_about():
    meta = {"publisher": "Dawn", "date": "2025-02-06"}
    first = "The Foreign Office condemned Trump's Palestinian displacement plan."
    r = _row(first, **meta)
    assert list(_by_target(r)) == ["USA"]
    # "the plan" named again is still the possessor's
    then = (
        "Pakistan broke its silence about the proposal to displace Palestinians, rejecting the plan outright."
    )
    r = _row(first, then, i=1, **meta)
    assert list(_by_target(r)) == ["USA"] and r["stance"] < 0


def test_what_a_response_answers_is_no_target():
    # praising a reply to the US tariffs praises no one in the US; condemning India's reaction aims at India
    r = _row("The president praised the army's reply to the US tariffs.", publisher="Dawn")
    assert r["target_stances"] == []
    r = _row("Pakistan condemned the Indian reaction to the US statement.", publisher="Dawn")
    assert list(_by_target(r)) == ["IND"]
    # a recipient stays one: "assistance to Pakistan" is for Pakistan
    r = _row("The US announced assistance to Pakistan for flood relief.", publisher="Dawn")
    assert _by_target(r)["PAK"]["stance"] > 0


def test_both_leaders_of_a_sentence_on_another_state_are_not_the_documents_pair():
    sentences = (
        "Pakistan rejected the Indian claims about the attack.",
        "India and Pakistan exchanged fire along the border.",
        "Both leaders praised the warm bilateral relations between Pakistan and Qatar.",
        "Both sides agreed to keep the channels open.",
    )
    assert _row(*sentences, i=2, publisher="Dawn")["target_stances"] == []
    # nor are "both sides" right after it
    assert "IND" not in _by_target(_row(*sentences, i=3, publisher="Dawn"))
    # with no other state named, "both sides" are still the document's pair
    sentences = (*sentences[:2], sentences[3])
    assert list(_by_target(_row(*sentences, i=2, publisher="Dawn"))) == ["IND"]


def test_sorrow_at_a_countrys_loss_is_sympathy_for_it():
    r = _row("The US embassy said it was deeply saddened by Pakistan's losses in the floods.")
    assert _by_target(r)["PAK"]["stance"] > 0


def test_him_as_an_object_is_the_person_it_stands_for():
    t = _tag_doc(
        "The president received Field Marshal Asim Munir in Washington.",
        "I asked him over so that I could thank him for keeping out of a war with India, Trump said.",
    )
    assert list(_by_target(t.iloc[1])) == ["PAK"]
    # a person named before it in the sentence, not a state
    r = _row("In a call with the UN chief, the premier thanked him for his support.", publisher="Dawn")
    assert list(_by_target(r)) == ["UN"]


def test_a_participle_opening_the_sentence_is_the_holders_own_act():
    meta = {"publisher": "Dawn", "date": "2025-06-01"}
    # the act before the comma is the speaker's, aimed at the actor it names
    r = _row("Praising the US role in the truce, the foreign minister said the talks would resume.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["cues"] == ["praise"]
    r = _row("Strongly denouncing the US strikes on Iran, the minister said the region needed calm.", **meta)
    assert _by_target(r)["USA"]["stance"] < 0
    # what the participle praises names no other state: the actor named later in the sentence gets nothing
    r = _row("Lauding the courage of the navy, the premier said it was ready to answer India at sea.", **meta)
    assert "IND" not in _by_target(r)
    # a participle that only reports ("Stating that ...") or sets the topic is no act of the speaker's
    stating = "Stating that the navy was ready for any Indian engagement, the minister spoke of the port."
    r = _row(stating, **meta)
    assert "IND" not in _by_target(r)


def test_a_speakers_rating_of_an_office_is_aimed_at_its_state():
    meta = {"publisher": "Dawn", "date": "2025-06-01"}
    sentences = (
        "President Trump hosted Prime Minister Kamal Rahim at the White House.",
        "“The Army Chief is a very great fighter,” he remarked.",
    )
    r = _row(*sentences, i=1, **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0


def test_the_subject_of_a_stated_hopes_content_is_its_target():
    r = _row("The minister expressed the hope that the United States would keep its word.", publisher="Dawn")
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0


def test_these_attacks_point_back_to_the_last_event_named_with_its_actor():
    sentences = (
        "The Foreign Office condemned the Israeli strikes on Lebanon.",
        "These attacks were a grave violation of international law, the spokesperson added.",
        "Before we conducted these strikes, the minister said, the region was calm.",
    )
    assert _by_target(_row(*sentences, i=1, publisher="Dawn"))["ISR"]["stance"] < 0
    # not the holder's own strikes, nor an event a named actor of the sentence may own
    assert "ISR" not in _by_target(_row(*sentences, i=2, publisher="Dawn"))


def test_both_sides_are_the_two_the_sentence_before_named():
    articles, sentences = one_doc(
        "US Secretary of State Marco Rubio called Prime Minister Shehbaz Sharif on Monday.",
        "Separately, Dar met the British foreign secretary in London.",
        "Both sides agreed to enhance cooperation in trade.",
        "Dar also met Rubio in Washington.",
        "The two leaders agreed to deepen cooperation.",
        publisher="Dawn",
        date="2025-06-01",
    )
    out = tag(sentences, articles=articles, tone=False)
    # the meeting with a state outside the actor file is no agreement of the document's pair
    assert not list(out.iloc[2]["relation_pairs"]) and "USA" not in _by_target(out.iloc[2])
    assert list(out.iloc[4]["relation_pairs"]) == ["PAK-USA"] and _by_target(out.iloc[4])["USA"]["stance"] > 0


def test_both_sides_without_a_home_or_a_holder_keep_the_documents_pair():
    from convergence.tagging.context import local_pair

    # no home and no holder: no side to pair with (a speech or a text of no known publisher)
    assert local_pair(("IND", "PAK"), None, [], ["USA"], False, home=None) == ("IND", "PAK")
    assert local_pair(("IND", "PAK"), "PAK", [], ["USA"], False, home=None) == ("PAK", "USA")
    articles, sentences = one_doc(
        "India and Pakistan fought for four days in May before the United States stepped in.",
        "Both sides then agreed to a ceasefire and to talks.",
    )
    out = tag(sentences, articles=articles, tone=False)
    assert len(out) == 2


def test_both_sides_a_holder_presses_are_two_others():
    articles, sentences = one_doc(
        "Pakistan carried out strikes on militant hideouts across the border on Monday.",
        "We urge both sides to address any differences through dialogue.",
        publisher="The White House",
        date="2024-03-18",
    )
    row = tag(sentences, articles=articles, tone=False).iloc[1]
    assert row["holder"] == "USA" and "PAK-USA" not in list(row["relation_pairs"])
    assert "PAK" not in _by_target(row)


def test_an_appraisal_rates_the_actor_named_before_it_not_the_one_after():
    # a quality seen in the subject of a reported clause ("X showed great foresight"), and one coordinated
    # with it, is the holder's stance toward that subject
    t = _tag_doc(
        "The Foreign Office issued a statement on the crisis on Friday.",
        "It said that at a tense moment, President Trump showed great foresight and sober statesmanship in "
        "his talks with India.",
        publisher="Dawn",
    )
    r = t.iloc[1]
    assert r["holder"] == "PAK"
    aimed = {d["target"]: d for d in r["target_stances"]}
    assert aimed["USA"]["stance"] > 0 and set(aimed["USA"]["cues"]) == {"foresight", "statesmanship"}
    assert "IND" not in aimed


def test_praise_of_a_person_rates_the_one_named_before_it_whatever_follows():
    # a clause after a dash used to pull the parse away from the complement: the praise was aimed at no one
    t = _tag_doc(
        "US President Donald Trump spoke to reporters on Sunday.",
        "“Likewise, the prime minister of Pakistan is a great guy — they have a great army.”",
        publisher="Dawn",
    )
    r = t.iloc[1]
    assert r["holder"] == "USA"
    assert [(d["target"], d["stance"] > 0) for d in r["target_stances"]] == [("PAK", True)]
    # the holder's own side named before it is no target: the praise is then aimed like any other cue
    r = _row("Pakistan is a good friend of the United States, the spokesperson said.", publisher="Dawn")
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0
    # praise a speaker sets beside a name rates that actor; the writer's own apposition states nothing
    r = _row(
        "Trump said he spoke to Prime Minister Shehbaz Sharif, a very good man, on Friday.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("Prime Minister Shehbaz Sharif, a good friend of the president, met him.", publisher="Dawn")
    assert r["target_stances"] == []
    # plainer words of praise rate the person as well
    r = _row(
        "Trump said Prime Minister Shehbaz Sharif is a very good man.", publisher="Dawn", date="2025-06-01"
    )
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0


def test_the_warmth_of_a_welcome_and_praise_of_people_are_aimed_at_whom_they_rate():
    t = _tag_doc(
        "After the lunch with Field Marshal Asim Munir, Trump told reporters he was honoured to meet him.",
        "He said the prime minister of Pakistan and the field marshal are great people.",
        "Trump received the Pakistani army chief with unusual warmth.",
        publisher="Dawn",
    )
    for i in (0, 1, 2):
        r = t.iloc[i]
        assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    # a speaker honoured to address an assembly rates no one
    r = _row("The Pakistani premier said he was honoured to address the General Assembly.", publisher="Dawn")
    assert r["target_stances"] == []


def test_a_complement_the_parser_hangs_on_the_object_still_rates_it():
    # "called <title> <name> a 'man of peace'": the parser makes the complement an appositive of the object
    t = _tag_doc(
        "The prime minister met a visiting delegation on Monday.",
        "He also called US President Donald Trump a ‘man of peace’ and voiced hope for talks.",
        publisher="Dawn",
    )
    r = t.iloc[1]
    assert r["holder"] == "PAK"
    assert [(d["target"], d["stance"] > 0) for d in r["target_stances"]] == [("USA", True)]
    assert "man of peace" in r["target_stances"][0]["cues"]


def test_what_the_holder_welcomes_or_fears_is_aimed_at_the_subject_of_its_that_clause():
    meta = {"publisher": "Dawn", "date": "2025-06-24"}
    r = _row("Pakistan welcomed that the US had eased the visa rules.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0
    r = _row("The spokesperson expressed concern that the US had struck sites under IAEA safeguards.", **meta)
    assert _by_target(r)["USA"]["stance"] < 0
    r = _row("Pakistan is concerned that India's army has moved troops to the border.", **meta)
    assert _by_target(r)["IND"]["stance"] < 0
    # a denial, a claim's content and a country's people are not what the holder acts on
    for text, code in (
        ("The spokesperson denied that India had been told of the plan.", "IND"),
        ("Pakistan rejected the claim that India had been told of the plan.", "IND"),
        ("Pakistan warned that Afghan migrants without papers would be sent back.", "AFG"),
    ):
        assert code not in _by_target(_row(text, **meta)), text


def test_a_coordinated_clause_of_another_act_keeps_its_own_object_and_actor():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    # the US is informed, not retaliated against
    r = _row("Pakistan retaliated and later informed the United States of the attack.", **meta)
    assert r["holder"] == "PAK" and "USA" not in _by_target(r)
    # India's rejection is India's act, not Pakistan's stance toward the US
    r = _row("Pakistan welcomed the talks and India rejected the American offer.", **meta)
    assert r["holder"] == "PAK" and "USA" not in _by_target(r) and r["stance"] > 0
    # a clause sharing the subject keeps the cue's object ("condemned and rejected X")
    r = _row("Pakistan condemned and rejected the US decision.", **meta)
    assert _by_target(r)["USA"]["stance"] < 0


def test_an_approval_of_a_blow_to_another_is_against_it():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    # welcoming or backing a rebuff, a rejection or sanctions aimed at another sides with them
    for text, code in (
        ("The foreign minister welcomed the watchdog's rebuff to Indian claims.", "IND"),
        ("Pakistan hailed the rejection of India's proposal by the committee.", "IND"),
        ("Islamabad backed the sanctions on Iran announced last week.", "IRN"),
    ):
        ts = _by_target(_row(text, **meta))
        assert ts[code]["stance"] < 0, text
    # not when the blow is someone's named act, nor across a phrase or clause, nor an adjective
    r = _row("Pakistan welcomed the US rejection of India's proposal.", **meta)
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("Pakistan supported a comprehensive ban on nuclear tests.", **meta)
    assert r["stance"] > 0 and r["stance_cues"] == ["support"]
    r = _row("Pakistan offered compelling opportunities to American investors.", **meta)
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("The minister expressed gratitude for China's support during the tensions with India.", **meta)
    assert "IND" not in _by_target(r) and _by_target(r)["CHN"]["stance"] > 0


def test_sympathy_is_addressed_to_the_state_of_the_loss():
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    text = "The American envoy conveyed her deep sorrow over the lives lost in the landslides in Pakistan."
    r = _row(text, **meta)
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0
    r = _row("The senator offered condolences over the train accident in the United States.", **meta)
    assert r["holder"] == "PAK" and _by_target(r)["USA"]["stance"] > 0
    # two places: no one in particular
    r = _row("The senator offered condolences over the storms in the United States and in India.", **meta)
    assert r["target_stances"] == []


def test_it_as_the_object_stands_for_the_act_named_before_it_in_the_sentence():
    # "welcomed it": the plan the clause before named, whose owner the document named earlier
    r = _row(
        "US President Donald Trump’s plan for Gaza was released on Monday.",
        "Pakistan has studied the 20-point plan; Prime Minister Shehbaz Sharif has welcomed it.",
        i=1,
        publisher="Dawn",
    )
    assert any(d["target"] == "USA" and d["stance"] > 0 for d in r["target_stances"])


def test_a_cue_aims_at_each_actor_coordinated_with_its_target():
    r = _row(
        "The Foreign Office on Friday dismissed the accusations made by India and the United States against "
        "Pakistan in a joint statement."
    )
    ts = _by_target(r)
    assert r["holder"] == "PAK" and set(ts) == {"IND", "USA"} and ts["USA"]["cues"] == ["dismiss"]
    r = _row("Pakistan thanked the US, China and Iran for their support.")
    assert set(_by_target(r)) == {"USA", "CHN", "IRN"}
    # an actor named after the target but not coordinated with it is no target of the cue
    assert set(_by_target(_row("Pakistan thanked the US for its talks with China."))) == {"USA"}


def test_a_demand_or_threat_made_of_both_sides_is_pressure_on_neither_other():
    r = _row("The US urged India and Pakistan to exercise restraint.")
    assert set(_by_target(r)) == {"IND"}
    r = _row("Trump said he had threatened both India and Pakistan with tariffs.")
    assert "PAK" not in _by_target(r)


def test_a_call_to_free_a_states_former_leader_is_pressure_on_that_state():
    r = _row(
        "Republican Congressman Jack Bergman has renewed his call for the release of PTI founder and "
        "ex-premier Imran Khan.",
        date="2025-03-01",
    )
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] < 0
    assert "release demand" in _by_target(r)["PAK"]["cues"]
    r = _row("The State Department urged Islamabad to “free Imran Khan”.", date="2025-03-01")
    assert _by_target(r)["PAK"]["stance"] < 0
    r = _row("The State Department on Friday called for Imran Khan’s release.", date="2025-03-01")
    assert _by_target(r)["PAK"]["cues"] == ["release demand"]
    # no demand, a negated one, or one the person's own state makes is no pressure on it
    for text in (
        "The State Department said the release of Imran Khan was a matter for the courts.",
        "The State Department did not call for the release of Imran Khan.",
        "The Foreign Office called for the release of Imran Khan.",
    ):
        assert "PAK" not in _by_target(_row(text, date="2025-03-01")), text


def test_a_cooperative_word_that_serves_a_release_demand_is_no_stance_for_the_state():
    r = _row(
        "In a joint letter, the congressmen wrote: “We write to ask that you engage with the military "
        "regime of Pakistan to free Imran Khan.”",
        date="2025-03-01",
    )
    assert _by_target(r)["PAK"]["stance"] < 0


def test_satisfaction_expressed_over_talks_with_another_is_for_it():
    r = _row("Prime Minister Shehbaz Sharif expressed satisfaction over the talks with the US.")
    assert _by_target(r)["USA"]["stance"] > 0
    r = _row("Prime Minister Shehbaz Sharif expressed dissatisfaction over the talks with the US.")
    assert _by_target(r)["USA"]["stance"] < 0


def test_once_named_in_full_a_persons_first_name_names_them_in_a_release_demand():
    first = "The State Department met the family of former prime minister Imran Khan on Monday."
    demand = "The State Department has again called for Imran's release."
    assert _by_target(_row(first, demand, i=1, date="2025-03-01"))["PAK"]["cues"] == ["release demand"]
    # not named in full anywhere in the document: the first name alone is no one the actor file knows
    assert "PAK" not in _by_target(_row(demand, date="2025-03-01"))


def test_pride_in_another_and_calling_it_a_great_nation_are_for_it():
    r = _row("Trump said: “I am so proud of the strong leadership of India and Pakistan.”", date="2025-06-01")
    assert r["holder"] == "USA" and _by_target(r)["PAK"]["stance"] > 0 and _by_target(r)["IND"]["stance"] > 0
    r = _row("Trump called Pakistan a great nation.", date="2025-06-01")
    assert _by_target(r)["PAK"]["stance"] > 0


def test_the_abbey_gate_bombing_is_counterterrorism():
    r = _row("Trump thanked Pakistan for arresting the planner of the Abbey Gate attack.", date="2025-03-05")
    assert "counterterrorism" in list(r["issues"])


def test_urging_another_to_act_on_a_third_asks_its_help_and_is_no_pressure_on_it():
    for text in (
        "Prime Minister Shehbaz Sharif urged the US to impress upon India to dial down the rhetoric.",
        "Shehbaz Sharif urged Secretary of State Marco Rubio on Wednesday to make India understand its duty.",
    ):
        ts = _by_target(_row(text, date="2025-05-08"))
        assert ts["USA"]["stance"] > 0 and ts["USA"]["cues"] == ["urge (help asked)"], text
    # a demand of the target's own conduct, or of the target itself, stays pressure
    for text, target in (
        ("The US urged Pakistan to bring to justice those responsible for the attacks in India.", "PAK"),
        ("Washington increased pressure on India to make it yield to the demands of Pakistan.", "IND"),
        ("China urged the US to immediately cancel its latest tariffs.", "USA"),
    ):
        assert _by_target(_row(text, date="2025-05-08"))[target]["stance"] < 0, text


def test_the_commitment_an_assurance_states_is_the_holders():
    for text in (
        "Prime Minister Shehbaz Sharif assured that Pakistan will continue to partner closely with the US.",
        "“We will continue to partner closely with the United States,” Prime Minister Shehbaz assured.",
    ):
        assert _by_target(_row(text, date="2025-06-01"))["USA"]["stance"] > 0, text


def test_help_sought_of_another_is_toward_it_and_its_own_support_is_its_position():
    r = _row("The US seeks Pakistan's help to balance China's mineral grip.", date="2025-06-01")
    assert _by_target(r)["PAK"]["stance"] > 0 and _by_target(r)["PAK"]["cues"] == ["help"]
    # another's support named after its possessive is that actor's position, not the holder's
    assert "PAK" not in _by_target(_row("The US noted Pakistan's support for the plan.", date="2025-06-01"))


def test_a_good_deed_another_is_said_to_have_done_credits_it():
    for text in (
        "“By stopping wars, President Trump has served humanity,” Interior Minister Naqvi remarked.",
        "Prime Minister Shehbaz Sharif said it was President Trump's bold and decisive leadership that"
        " brought about the ceasefire between Pakistan and India.",
        "The premier noted that Mr Trump’s efforts prevented an escalation by establishing a ceasefire.",
    ):
        ts = _by_target(_row(text, date="2025-10-13", publisher="Dawn"))
        assert ts["USA"]["stance"] > 0 and ts["USA"]["cues"] == ["credits deed"], text
    # one's own deed, a denied deed and a deed the reporter narrates credit no one
    for text in (
        "President Trump said he stopped the war between India and Pakistan.",
        "Foreign Minister Ishaq Dar said the US did not stop the war.",
        "The two nations fought a four-day conflict before the US brokered a ceasefire on May 10.",
    ):
        row = _row(text, date="2025-10-13", publisher="Dawn")
        assert not any("credits deed" in t["cues"] for t in row["target_stances"]), text


def test_a_misdeed_another_is_said_to_have_done_blames_it():
    text = "Foreign Minister Ishaq Dar said the United States had ignored Pakistan's sacrifices."
    ts = _by_target(_row(text, publisher="Dawn"))
    assert ts["USA"]["stance"] < 0 and ts["USA"]["cues"] == ["blames misdeed"]
    ts = _by_target(_row("The Foreign Office said India violated the ceasefire.", publisher="Dawn"))
    assert ts["IND"]["stance"] < 0
    # denied, or done by a thing merely said to involve an actor: no blame
    for text in (
        "Foreign Minister Ishaq Dar said the United States had not ignored Pakistan's sacrifices.",
        "Bilawal said the statement made to a US State Department official undermined India's opposition.",
    ):
        row = _row(text, publisher="Dawn")
        assert not any("blames misdeed" in t["cues"] for t in row["target_stances"]), text


def test_a_cue_on_a_hyphenated_pair_aims_at_both():
    ts = _by_target(_row("FO dismisses India-US statement against Pakistan as ‘one-sided, misleading’"))
    assert ts["IND"]["stance"] < 0 and ts["USA"]["stance"] < 0
    # the holder itself, one of the two, is no target
    ts = _by_target(_row("Pakistan welcomed the Pakistan-US trade deal.", publisher="Dawn"))
    assert set(ts) == {"USA"} and ts["USA"]["stance"] > 0


def test_ways_to_deepen_ties_explored_are_the_holders_aim():
    # "ways to enhance" (an infinitive the parser hangs as a relative clause) is read on from the object
    row = _row("The minister explored ways to enhance cooperation with the United States.", publisher="Dawn")
    assert row["stance"] > 0 and "cooperation" in list(row["stance_cues"])
    assert _by_target(row)["USA"]["stance"] > 0
