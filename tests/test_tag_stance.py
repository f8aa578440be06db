"""Stance cues with negation, hedging, intensifiers and ownership; relation cues between two actors."""

from convergence.tagging import tag
from fixtures.tag.frames import one_doc


def _rows(*sentences, **meta):
    articles, sentences_ = one_doc(*sentences, **meta)
    return tag(sentences_, articles=articles, tone=False)


def _row(*sentences, i=0, **meta):
    return _rows(*sentences, **meta).iloc[i]


def _aims(row, target, sign) -> bool:
    """Whether ``row`` takes a stance of ``sign`` (+1 or -1) toward ``target``."""
    return any(d["target"] == target and d["stance"] * sign > 0 for d in row["target_stances"])


def test_cooperation_and_conflict_signs():
    assert _row("Pakistan welcomed the IMF programme.")["stance"] > 0
    assert _row("Pakistan condemned the Indian strikes.")["stance"] < 0


def test_negation_flips_and_halves():
    r = _row("Pakistan did not support the resolution on Ukraine.")
    assert r["stance"] < 0 and r["stance_cues"] == ["not support"]
    r = _row("Pakistan urged talks on Ukraine without explicitly condemning Russia.")
    assert "without condemn" in r["stance_cues"]


def test_a_negated_event_is_no_act_against_its_perpetrator():
    r = _row("Pakistan urged Israel to end its aggression, without mentioning the US strikes on Iran.")
    assert [d["target"] for d in r["target_stances"]] == ["ISR"]
    r = _row("Pakistan condemned the US strikes on Iran.")
    assert [(d["target"], d["stance"] < 0) for d in r["target_stances"]] == [("USA", True)]


def test_a_cue_in_a_negated_verbs_object_is_denied():
    # the negator is more than three words before the cue: the parse, not the window, finds it in the object
    r = _row(
        "The spokesman said the US bill did not align with the current positive dynamics of bilateral ties.",
        publisher="Dawn",
        date="2025-04-01",
    )
    assert r["holder"] == "PAK" and _aims(r, "USA", -1) and not _aims(r, "USA", +1)
    assert r["stance_cues"] == ["not(object) positive"]
    # a concessive phrase is no object of the negated verb: the demands stand
    r = _row(
        "“Despite our continuous demands, India has not been able to prove its claims,” the spokesman said.",
        publisher="Dawn",
        date="2025-04-01",
    )
    assert _aims(r, "IND", -1) and r["stance_cues"] == ["demand"]
    # a relation cue there too
    r = _row(
        "The spokesman said the bill did not reflect the spirit of cooperation between Pakistan and the US.",
        i=0,
    )
    assert r["relation"] < 0 and r["relation_cues"] == ["not(object) cooperation between"]


def test_a_verb_only_cue_read_as_a_noun_is_none():
    # "the suspect" suspects no one: the help Pakistan gave is what the sentence credits
    r = _row("Trump said the suspect had been arrested with the help of Pakistan.")
    assert r["holder"] == "USA" and _aims(r, "PAK", +1) and "suspect" not in r["stance_cues"]
    assert _aims(_row("Washington suspects Pakistan of helping Iran."), "PAK", -1)
    # the month hedges nothing; the modal does
    r = _row("Pakistan said there was a shortage in May during the tensions with India.")
    assert r["stance_cues"] == ["tension"]
    assert _row("Pakistan may condemn the US strikes.")["stance_cues"][0].startswith("may ")
    # a share of a market shares nothing with anyone
    r = _row("The US accounted for 94pc of Pakistan's exports, with the remaining share going to Canada.")
    assert r["target_stances"] == []


def test_what_a_tabled_motion_says_is_the_movers():
    r = _row("Congressman Joe Wilson tabled a bill aimed at sanctioning Pakistan's military leaders.")
    assert r["holder"] == "USA" and _aims(r, "PAK", -1) and r["stance_cues"] == ["sanction"]
    r = _row("US lawmakers have introduced a bill seeking sanctions on Pakistani officials.")
    assert r["holder"] == "USA" and _aims(r, "PAK", -1)
    # how the object came about is no content of the motion
    r = _row("The State Bank adopted the code, an IMF initiative developed in collaboration with partners.")
    assert r["target_stances"] == []


def test_a_counterfactual_credits_the_one_whose_act_averted_a_harm():
    # "had he not intervened, ... would have been catastrophic" states that he intervened, and praises it
    for said in (
        "He emphasised that if Trump had not intervened in the Pakistan-India escalation, "
        "\u201cthere would be more destruction and loss of lives.\u201d",
        "\u201cHad he not intervened timely and decisively, the consequences of a full-fledged war "
        "would have been catastrophic,\u201d he said.",
    ):
        r = _row("Prime Minister Shehbaz Sharif met President Trump in New York.", said, i=1, publisher="APP")
        assert r["holder"] == "PAK" and _aims(r, "USA", 1) and r["mode"] == "", said
    # a condition naming no harm averted stays a condition, and credits no one
    r = _row("If Pakistan had not joined the talks, India would have gained more ground with the US.")
    assert r["mode"] == "conditional" and not _aims(r, "PAK", 1)


def test_a_pronoun_a_verb_of_crediting_takes_is_the_one_it_stands_for():
    r = _row(
        "US President Donald Trump met the army chief.",
        "The army chief also described Trump\u2019s efforts for peace as \u201cgenuine\u201d, and said "
        "Pakistan had taken the lead in nominating him for the Nobel Peace Prize.",
        i=1,
        publisher="APP",
    )
    assert r["holder"] == "PAK" and _aims(r, "USA", 1)


def test_a_year_naming_an_event_in_the_object_does_not_date_the_act():
    # 2025: Trump credits Pakistan today for catching the man behind a 2021 bombing
    r = _row(
        "US President Donald Trump credited Pakistan for arresting the \u201cmastermind\u201d behind "
        "the 2021 Kabul airport bombing.",
        date="2025-03-06",
    )
    assert r["mode"] == "" and _aims(r, "PAK", 1)
    # the act's own year, a dated event it took part in, and its subject's year still date it
    for text in (
        "In 2019, Washington condemned Pakistan.",
        "In the 2018 elections, the US condemned Pakistan.",
        "The US condemned the May 2022 attack on Pakistan.",
        "He said a USAID-supported 2015 assessment had found shale oil in Pakistan.",
    ):
        assert _row(text, date="2025-03-06")["mode"] == "historical", text


def test_distancing_oneself_from_a_plan_is_against_its_owner():
    r = _row(
        "Foreign Minister Ishaq Dar distanced the government from US President Donald Trump\u2019s "
        "20-point plan.",
        publisher="Dawn",
    )
    assert r["holder"] == "PAK" and _aims(r, "USA", -1) and r["stance_cues"] == ["distance"]
    # the noun is no cue
    r = _row("The distance between Pakistan and the US on trade has narrowed.")
    assert "distance" not in r["stance_cues"]


def test_not_only_is_no_negation():
    r = _row("The US not only welcomed the Pakistan deal but praised it.")
    assert r["stance"] > 0 and "welcome" in r["stance_cues"]


def test_hedge_halves_weight():
    full = _row("The US opposes the Pakistan pipeline deal with Iran.")["stance"]
    hedged = _row("The US may oppose the Pakistan pipeline deal with Iran.")["stance"]
    assert hedged < 0 and abs(hedged) < abs(full)
    assert _row("The US may oppose the Pakistan pipeline deal with Iran.")["stance_cues"] == ["may oppose"]


def test_cue_owned_by_another_actor_is_left_out():
    r = _row("The US suspects Pakistan's support for the Afghan Taliban.", date="2023-01-01")
    assert r["holder"] == "USA" and r["stance_cues"] == ["suspect"] and r["stance"] < 0


def test_relation_needs_two_actors():
    two = _row("Pakistan and the US found common ground on trade.")
    assert two["relation"] > 0 and two["relation_cues"] == ["common ground"]
    one = _row("Pakistan found common ground on trade.")
    assert one["relation"] == 0 and one["relation_cues"] == []


def test_relation_disagreement_and_gap_pattern():
    r = _row("The US backs the plan, whereas Pakistan rejects it on trade grounds.")
    assert r["relation"] < 0 and "whereas" in r["relation_cues"]
    r = _row("The US sees a partner while Pakistan opposes the trade terms.")
    assert "while ... oppose" in r["relation_cues"]


def test_cues_are_the_union():
    r = _row("Pakistan and India agreed to ease tension over trade.")
    assert set(r["cues"]) == set(r["stance_cues"]) | set(r["relation_cues"])


def _target_stance(row, code):
    return next((t["stance"] for t in row["target_stances"] if t["target"] == code), None)


def test_military_action_tied_to_an_actor_is_an_offence_toward_it():
    for sentence in (
        "Pakistan condemned American airstrikes on Iran.",
        "Pakistan criticised Israel's bombardment of Gaza.",
        "Pakistan denounced the US air strikes on Iran.",
    ):
        r = _row(sentence, date="2025-06-22")
        assert r["holder"] == "PAK", sentence
        offender = "USA" if ("US" in sentence or "American" in sentence) else "ISR"
        assert _target_stance(r, offender) is not None and _target_stance(r, offender) < 0, sentence
    # a labour strike, or an attack tied to no actor, is no offence
    r = _row("Workers in Pakistan went on strike over wages.", date="2025-06-22")
    assert r["stance_cues"] == []
    r = _row("Pakistan reported attacks on its border posts.", date="2025-06-22")
    assert "attacks" not in r["stance_cues"]


def test_demanded_withdrawal_is_pressure_on_the_occupier_and_a_conflict_name_is_no_stance():
    r = _row("Pakistan demands the withdrawal of Israeli forces from occupied lands.", date="1975-09-22")
    assert _target_stance(r, "ISR") is not None and _target_stance(r, "ISR") < 0
    assert "withdrawal of" in r["stance_cues"]
    r = _row("Pakistan spoke of the Arab-Israeli conflict.", date="1975-09-22")
    assert r["stance_cues"] == [] and r["stance"] == 0


def test_the_press_is_no_pressure():
    r = _row("According to a press release, the US agency cleared Pakistan's seafood exports.")
    assert "press" not in r["stance_cues"] and r["stance"] >= 0
    r = _row("The US pressed Pakistan to reopen the border crossing.")
    assert "press" in r["stance_cues"] and r["stance"] < 0


def test_constructive_and_productive_talks_are_a_clear_cooperative_act():
    r = _row("The Foreign Office said Pakistan held productive talks with the US on trade.", publisher="Dawn")
    assert _target_stance(r, "USA") >= 0.5
    r = _row("We have had constructive discussions with Pakistan.", publisher="The White House")
    assert _target_stance(r, "PAK") >= 0.5


def test_a_cooperative_act_on_the_pairs_own_ties_is_toward_the_other():
    for middle in (
        "He said Pakistan wanted to strengthen bilateral relations in all areas.",
        "He hoped that strengthened ties between the two nations would benefit the common people.",
    ):
        articles, sentences = one_doc(
            "Interior Minister Mohsin Naqvi met the US envoy in Islamabad on Thursday.",
            middle,
            "The US envoy said Washington valued its partnership with Pakistan.",
            publisher="Dawn",
            date="2025-10-16",
        )
        r = tag(sentences, articles=articles, tone=False).iloc[1]
        assert r["holder"] == "PAK" and _target_stance(r, "USA") > 0, middle


def test_a_light_verbs_own_cue_gives_way_to_its_objects_opposite_one():
    r = _row("Pakistan shared its concerns over the US visa restrictions.", publisher="Dawn")
    assert r["stance"] < 0 and "share" not in list(r["stance_cues"])
    r = _row("Pakistan offered its support to the United States.", publisher="Dawn")
    assert r["stance"] > 0  # the same sign: both count


def test_the_same_holder_goes_on_the_same_way_about_the_actor_it_aimed_at():
    articles, sentences = one_doc(
        "The United States praised Pakistan for its counterterrorism cooperation.",
        "It also expressed condolences for the loss of life in recent attacks.",
        "Pakistan condemned the Indian strikes.",
        "It welcomed the ceasefire.",
        publisher="Dawn",
    )
    t = tag(sentences, articles=articles, tone=False)
    assert [d["target"] for d in t.iloc[1]["target_stances"]] == ["PAK"]
    assert list(t.iloc[3]["target_stances"]) == []  # the other way: not toward India


def test_a_holder_thanking_someone_it_names_does_not_go_on_about_the_last_actor():
    articles, sentences = one_doc(
        "The finance minister welcomed the support of the United States for the reform programme.",
        "He also thanked the Islamic Development Bank for its long-standing support to Pakistan.",
        publisher="Dawn",
    )
    t = tag(sentences, articles=articles, tone=False)
    assert [d["target"] for d in t.iloc[0]["target_stances"]] == ["USA"]
    assert list(t.iloc[1]["target_stances"]) == []  # the thanks go to the bank the sentence names


def test_a_verb_that_undoes_its_object_reverses_it():
    r = _row("The US eased sanctions on Pakistan.")
    assert r["stance"] > 0 and r["stance_cues"] == ["eased sanction"]
    r = _row("The US is defusing the tensions with Iran.")
    assert r["stance"] > 0 and r["stance_cues"] == ["defusing tension"]
    r = _row("The US reduced aid to Pakistan.")
    assert r["stance"] < 0 and r["stance_cues"] == ["reduced aid"]


def test_a_participle_after_a_comma_is_the_main_subjects_act_wherever_the_parser_hangs_it():
    r = _row(
        "Pakistan on Thursday broke its silence about the proposal to displace Palestinians from Gaza, "
        "rejecting the plan which it deemed unjust."
    )
    assert r["holder"] == "PAK" and r["stance"] < 0 and "reject" in r["stance_cues"]


def test_a_warning_or_a_call_with_a_condition_is_made_today_and_reaches_what_the_act_noun_acts_on():
    warn, call, cond = (
        r
        for _, r in _rows(
            "The military spokesman warned of far-reaching consequences if India cuts Pakistan's share of "
            "the river water.",
            "A US bill calls for the imposition of sanctions on Pakistan's army chief if the country does "
            "not improve its human rights record.",
            "Pakistan would respond if India attacked.",
            publisher="Dawn",
        ).iterrows()
    )
    assert warn["mode"] != "conditional" and _aims(warn, "IND", -1)
    assert call["holder"] == "USA" and _aims(call, "PAK", -1)
    # a condition on an act that is not a demand or a warning still makes it conditional
    assert cond["mode"] == "conditional"


def test_a_light_verb_in_the_content_of_a_stated_wish_is_read_on_to_its_object():
    t = _rows(
        "The US sees an opportunity to expand its strategic relationship with Pakistan.",
        "He expressed a strong desire to expand collaboration with US companies in the IT sector.",
        publisher="Dawn",
    )
    assert _aims(t.iloc[0], "PAK", +1)
    assert "collaboration" in t.iloc[1]["stance_cues"]


def test_toning_down_softening_or_waiving_undoes_what_it_acts_on():
    t = _rows(
        "The US toned down its criticism of Pakistan's missile programme.",
        "Washington waived sanctions on Pakistan.",
        "Islamabad removed its ban on imports of US soybeans.",
        publisher="Dawn",
    )
    for k, partner in enumerate(("PAK", "PAK", "USA")):
        assert _aims(t.iloc[k], partner, +1)


def test_a_relief_verb_undoes_a_negative_cue_but_leaves_a_positive_one_as_it_is():
    t = _rows(
        "Pakistan resolved to further strengthen its ties with the United States.",
        "Washington reaffirmed its resolve to work with Pakistan on trade.",
        "The US lifted the ban on Pakistan.",
        "Washington scrapped its cooperation with Pakistan.",
        publisher="Dawn",
    )
    assert _aims(t.iloc[0], "USA", +1) and t.iloc[0]["stance_cues"] == ["strengthen"]
    assert _aims(t.iloc[1], "PAK", +1)
    assert _aims(t.iloc[2], "PAK", +1)  # "lifted the ban": a negative cue undone
    assert _aims(t.iloc[3], "PAK", -1)  # an undo verb that is no relief still reverses a positive cue


def test_a_go_between_acts_toward_both_parties_it_stands_between():
    t = _rows(
        "US President Donald Trump brokered a ceasefire between India and Pakistan on May 10.",
        "Trump offered to mediate in the India-Pakistan dispute.",
        "Pakistan welcomed the US mediation.",
        "Trump, alongside Netanyahu, unveiled a plan for Gaza, seeking to broker a ceasefire with Israel.",
        publisher="Dawn",
    )
    for k in (0, 1):
        assert _aims(t.iloc[k], "PAK", +1) and _aims(t.iloc[k], "IND", +1)
    # a mediation the sentence's holder welcomes is the other's act, not the holder's
    assert t.iloc[2]["stance_cues"] == ["welcome"] and _aims(t.iloc[2], "USA", +1)
    # naming no two parties, a mediation is toward no one: not "for" the one party it names
    assert "broker" not in t.iloc[3]["stance_cues"] and not _aims(t.iloc[3], "ISR", +1)


def test_refraining_from_an_act_states_nothing_either_way():
    r = _row("Pakistan called on India to refrain from its reflexive blame game.")
    assert not _aims(r, "IND", +1) and not _aims(r, "IND", -1)
    r = _row("Pakistan refrained from condemning the US strikes.")
    assert not _aims(r, "USA", +1) and not _aims(r, "USA", -1)
    # avoiding an act is not doing it: "avoided criticism" criticises no one
    r = _row("Asked about the Indian stance, the State Department spokesman avoided criticism of Delhi.")
    assert not _aims(r, "IND", -1)


def test_admiration_is_praise():
    r = _row("The Government of Pakistan greatly admires President Trump's sincere offers of help.")
    assert _aims(r, "USA", +1)


def test_a_condition_on_the_act_the_predicate_governs_makes_it_conditional():
    r = _row(
        "The bill would empower the US president to lift these sanctions if Pakistan ends military "
        "interference.",
        publisher="Dawn",
    )
    assert r["mode"] == "conditional" and not _aims(r, "PAK", +1)
    # an offer made on a condition is made today
    r = _row("Pakistan offered to arrange a dialogue with India if New Delhi wanted.", publisher="Dawn")
    assert r["mode"] != "conditional" and _aims(r, "IND", +1)


def test_what_does_not_change_a_commitment_keeps_it():
    # "not change" negates the change, not the commitment it leaves standing
    r = _row("The Foreign Office said the incident would not change its commitment to the United States.")
    assert _aims(r, "USA", +1)
    r = _row("The FO said the row was not going to change its willingness to keep working with the US.")
    assert _aims(r, "USA", +1)


def test_what_is_provided_is_the_act():
    # "provide" is a light verb: the assistance it provides is the holder's act toward the recipient
    r = _row("The US is providing humanitarian assistance to Pakistan.")
    assert "humanitarian assistance" in r["stance_cues"] and _aims(r, "PAK", +1)


def test_economic_demand_and_rate_or_tariff_cuts_are_no_act_against_anyone():
    r = _row("The US tariffs are hurting demand for Pakistani goods.")
    assert not r["target_stances"] and not r["stance_cues"]
    r = _row("Pakistan said the tariff cuts by the US would help its exporters.")
    assert not _aims(r, "USA", -1)
    # an aid cut and a demand made of someone still count
    assert _aims(_row("The US has cut aid to Pakistan."), "PAK", -1)
    assert _aims(_row("The US demanded wider market access from Pakistan."), "PAK", -1)


def test_a_demand_or_a_call_reaches_the_subject_of_the_clause_it_governs():
    # "demanded that X do ...": pressure on X, whose expected act is not the holder's
    r = _row("Washington demanded that Islamabad hand over the suspects.")
    assert _aims(r, "PAK", -1)
    r = _row("Pakistan urged that India resume talks.")
    assert _aims(r, "IND", -1) and not _aims(r, "IND", 1)


def test_a_censure_of_undue_or_egregious_conduct_is_against_the_one_it_names():
    r = _row("The State Department report said Pakistan imposed undue restrictions on the press.")
    assert r["holder"] == "USA" and _aims(r, "PAK", -1)


def test_the_quoted_words_a_verb_of_naming_gives_its_object_are_the_holders_predicate():
    # the parser hangs the quotation on a word of the object; it is still what the holder calls the object
    title = "FO terms US visa curbs on Pakistanis ‘unfair’"
    t = _rows("The talks were held on Monday.", title=title, publisher="Dawn")
    r = t[t["is_title"]].iloc[0]
    assert r["holder"] == "PAK" and "unfair" in r["stance_cues"]
    # a particle verb's quotation is no name it gives ("calls out India for 'excuses'")
    assert _row("Bilawal calls out India for ‘excuses’ on the talks.")["stance_cues"] == []


def test_scrapping_or_revoking_what_another_holds_is_an_act_against_it():
    # the undo verb acts on the owner of what it undoes; a plain negation before a possessive does not
    r = _row("The US lawmaker moved to scrap Pakistan's ally status.", publisher="Dawn")
    assert any(d["target"] == "PAK" and d["stance"] < 0 for d in r["target_stances"])
    r = _row("Washington scrapped its cooperation with Pakistan.", publisher="Dawn")
    assert any(d["target"] == "PAK" and d["stance"] < 0 for d in r["target_stances"])
    r = _row("Washington called for the revocation of Pakistan's designation.", publisher="Dawn")
    assert any(d["target"] == "PAK" and d["stance"] < 0 for d in r["target_stances"])


def test_security_concerns_name_a_domain_not_a_grievance():
    r = _row("The US said it shares security concerns with Pakistan in the region.", publisher="Dawn")
    assert r["stance"] >= 0 and "concern" not in r["stance_cues"]


def test_backing_is_support_and_beyond_doubt_is_no_doubt():
    t = _rows(
        "Pakistan backs US move to reclaim military equipment.",
        "The premier said the US president had shown beyond any doubt that he is a man for peace.",
        "Pakistan later backed down from its demand on the US.",
        "The prime minister called the US president a man for peace.",
        publisher="Dawn",
        date="2025-03-06",
    )
    assert _aims(t.iloc[0], "USA", 1) and "backs" in t.iloc[0]["stance_cues"]
    # certainty, not doubt
    assert not _aims(t.iloc[1], "USA", -1) and "doubt" not in t.iloc[1]["stance_cues"]
    assert not _aims(t.iloc[2], "USA", 1)
    assert _aims(t.iloc[3], "USA", 1)


def test_an_accord_or_an_understanding_reached_and_collaboration_between_the_two_are_for_each_other():
    t = _rows(
        "Pakistan, US reach accord on trade and tariffs",
        "Pakistan and the United States concluded a round of trade talks, reaching an understanding on a "
        "deal.",
        "Dar chaired a meeting on ongoing collaboration between Pakistan and the US on consular issues.",
        "According to the US, Pakistan's delegation was accorded full protocol.",
        publisher="Dawn",
        date="2025-07-03",
    )
    assert [_aims(t.iloc[i], "USA", 1) for i in range(3)] == [True, True, True]
    assert not any(c.startswith("accord") for c in t.iloc[3]["stance_cues"])


def test_a_new_era_a_bridge_and_the_right_direction_relate_the_two():
    t = _rows(
        "Army chief Munir terms his second US visit \u2018a new era\u2019 in Islamabad-Washington ties",
        "Naqvi said both countries are moving in the right direction.",
        "\u201cThe Pakistani-American community serves as a strong bridge between the two nations,\u201d "
        "Naqvi said.",
        publisher="Dawn",
        date="2025-08-10",
    )
    assert all(_aims(t.iloc[i], "USA", 1) for i in range(3))


def test_a_past_decade_dates_the_act():
    r = _row("In the 1980s, the US backed Pakistan against the Soviet Union.", date="2025-06-01")
    assert r["mode"] == "historical" and not _aims(r, "PAK", 1)
    r = _row("The US has backed Pakistan since the talks began.", date="2025-06-01")
    assert r["mode"] == "" and _aims(r, "PAK", 1)
