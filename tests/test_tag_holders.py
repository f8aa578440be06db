"""Holder rules: subject, possessive, reported speech, carry-over, document speaker, prepositional phrases."""

from convergence.tagging import tag
from fixtures.tag.frames import make_corpus, one_doc


def _tag(*sentences, **meta):
    articles, sentences_ = one_doc(*sentences, **meta)
    return tag(sentences_, articles=articles, tone=False)


def _title_row(title, *, body="The talks were held on Monday.", publisher="Dawn"):
    """The tagged headline of a one-sentence article."""
    t = _tag(body, title=title, publisher=publisher)
    return t[t["is_title"]].iloc[0]


def test_subject_of_main_clause():
    r = _tag("The US has strongly criticised the new law.").iloc[0]
    assert (r["holder"], r["holder_source"]) == ("USA", "subject")


def test_urges_gives_holder_and_target():
    r = _tag("Washington urges Islamabad to curb militancy.").iloc[0]
    assert r["holder"] == "USA" and r["targets"] == ["PAK"]


def test_possessive():
    r = _tag("Pakistan's position on the dam remains firm.").iloc[0]
    assert (r["holder"], r["holder_source"]) == ("PAK", "possessive")


def test_possessive_object_is_a_target_not_the_holder():
    r = _tag("The US questions Pakistan's commitments on trade.").iloc[0]
    assert r["holder"] == "USA" and r["targets"] == ["PAK"]


def test_prepositional_phrases_are_skipped():
    r = _tag("Talks between Pakistan and the US will resume soon.").iloc[0]
    assert r["holder"] is None
    r = _tag("After a call with Washington, China welcomed the plan.").iloc[0]
    assert r["holder"] == "CHN"


def test_reported_speech():
    r = _tag("The talks were useful, the FO said.").iloc[0]
    assert (r["holder"], r["holder_source"]) == ("PAK", "reported")
    r = _tag("According to the State Department, Pakistan agreed to the plan.").iloc[0]
    assert (r["holder"], r["holder_source"]) == ("USA", "reported")


def test_a_speaker_set_off_by_commas_inside_the_content_speaks_it():
    # "X, he noted, Y": the parser hangs the reporting clause before the main verb; it speaks all the same
    out = _tag(
        "Planning Minister Ahsan Iqbal met a visiting US delegation on Monday.",
        "A strong partnership between both countries, he noted, contributes to regional stability.",
        "India, the Foreign Office said, has failed to link the attack to Pakistan.",
    )
    assert out.iloc[1]["holder"] == "PAK" and out.iloc[1]["target_stances"][0]["target"] == "USA"
    assert out.iloc[2]["holder"] == "PAK"


def test_pronoun_carryover_from_previous_sentence():
    out = _tag("Pakistan rejected the tariff plan.", "It warned of retaliation against exports.")
    assert out.loc[1, "holder"] == "PAK" and out.loc[1, "holder_source"] == "carryover"
    # after an opening prepositional phrase too, but not after a clause whose own subject the pronoun takes up
    out = _tag(
        "Mr Dar is arriving in New York on Sunday to take part in Pakistan's engagements at the UN.",
        "In New York, he will chair an open debate on multilateralism.",
        "As the envoys arrive in the city, they will visit its museums.",
    )
    assert out.loc[1, "holder"] == "PAK" and out.loc[1, "holder_source"] == "carryover"
    assert out.loc[2, "holder"] is None


def test_document_speaker_for_un_speech_and_white_house():
    articles, sentences = make_corpus(
        [
            {
                "paragraphs": [["We support the people of Kashmir."]],
                "country": "PAK",
                "date": "2019-09-27",
                "publisher": "United Nations General Assembly",
                "doc_type": "speech",
            },
            {"paragraphs": [["Our sanctions on Iran continue."]], "publisher": "The White House"},
            {"paragraphs": [["We welcome the loan deal."]], "url": "https://www.whitehouse.gov/briefing/x"},
        ]
    )
    out = tag(sentences, articles=articles, tone=False)
    assert out["doc_speaker"].tolist() == ["PAK", "USA", "USA"]
    assert out["holder"].tolist() == ["PAK", "USA", "USA"]
    assert set(out["holder_source"]) == {"document"}


def test_document_speaker_yields_to_a_named_subject():
    articles, sentences = make_corpus(
        [
            {
                "paragraphs": [["India rejected the proposal on water sharing."]],
                "country": "PAK",
                "doc_type": "speech",
            }
        ]
    )
    r = tag(sentences, articles=articles, tone=False).iloc[0]
    assert (r["holder"], r["holder_source"]) == ("IND", "subject")


def test_office_holder_counts_only_in_office():
    in_office = _tag("Biden welcomed the trade agreement.", date="2022-05-01").iloc[0]
    assert in_office["actors"] == ["USA"] and in_office["holder"] == "USA"
    assert in_office["actor_terms"] == ["USA:Biden"]
    out_of_office = _tag("Biden welcomed the trade agreement.", date="2019-05-01").iloc[0]
    assert out_of_office["actors"] == []
    undated = _tag("Biden welcomed the trade agreement.").iloc[0]
    assert undated["actors"] == ["USA"] and undated["actor_terms"] == ["USA:Biden?"]


def test_an_honorific_is_not_learned_as_an_office_holders_name():
    # "Mr Dar" names the foreign minister; "Mr" must not make the next "Mr ..." his
    t = _tag(
        "Foreign Minister Ishaq Dar said Pakistan was ready to talk to Washington.",
        "“We will negotiate,” Mr Dar said.",
        "Mr Trump’s executive order asked the agencies for a report on refugee admissions.",
        date="2025-03-01",
        publisher="Dawn",
    )
    assert list(t["holder"]) == ["PAK", "PAK", "USA"]


def test_the_delegation_is_the_one_qualified_before_in_any_position():
    t = _tag(
        "The planning minister held talks with a visiting US congressional delegation on Monday.",
        "The delegation invited the minister to a seminar in Washington.",
        publisher="Dawn",
    )
    assert t.iloc[1]["holder"] == "USA"


def test_a_federal_body_of_the_actor_file_acts_for_its_state():
    t = _tag("The Federal Board of Revenue notified the exemption on Tuesday.", publisher="Dawn")
    assert t.iloc[0]["holder"] == "PAK"


def test_taliban_are_the_afghan_state_only_while_governing():
    assert _tag("The Taliban rejected talks.", date="2023-01-01").loc[0, "actors"] == ["AFG"]
    assert _tag("The Taliban rejected talks.", date="2010-01-01").loc[0, "actors"] == []


def test_country_is_the_speaker_only_for_speeches():
    articles, sentences = make_corpus(
        [
            {"paragraphs": [["We call for peace in Gaza."]], "country": "ARG", "doc_type": "speech"},
            {"paragraphs": [["We call for calm in Gaza."]], "country": "PAK", "publisher": "Some Daily"},
        ]
    )
    out = tag(sentences, articles=articles, tone=False)
    assert out["doc_speaker"].tolist() == ["ARG", None]  # a code no actor lists is kept as it is
    assert out["holder"].tolist() == ["ARG", None]


def test_reporters_questions_do_not_speak_for_the_white_house():
    articles, sentences = make_corpus(
        [
            {
                "paragraphs": [
                    ["Q Will you sanction Pakistan over the missile tests?", "Many people want to know."],
                    ["MS. SPOKESPERSON: We oppose the missile programme.", "We raised it with Islamabad."],
                ],
                "publisher": "The White House",
            }
        ]
    )
    out = tag(sentences, articles=articles, tone=False)
    assert out["holder"].tolist()[:2] == [None, None]
    assert out["holder"].tolist()[2:] == ["USA", "USA"]


def test_evaluative_copula_belongs_to_the_speaker():
    articles, sentences = make_corpus(
        [
            {
                "paragraphs": [["Pakistan is an important partner on counterterrorism."]],
                "publisher": "The White House",
            }
        ]
    )
    r = tag(sentences, articles=articles, tone=False).iloc[0]
    assert (r["holder"], r["holder_source"], r["targets"]) == ("USA", "document", ["PAK"])


def test_generic_title_takes_a_recent_holder():
    t = _tag(
        "The US State Department welcomed the trade talks with Pakistan.",
        "The weather in the capital was mild.",
        "The spokesperson said the trade talks would resume next month.",
        date="2024-05-01",
    )
    r = t.iloc[2]
    assert (r["holder"], r["holder_source"]) == ("USA", "office")
    r = _tag(
        "Pakistan hosted trade talks with China.",
        "The foreign minister welcomed the trade deal.",
        date="2024-05-01",
    ).iloc[1]
    assert (r["holder"], r["holder_source"]) == ("PAK", "office")


def test_generic_title_falls_back_to_the_documents_main_actor():
    t = _tag(
        "India and Pakistan resumed trade in 2024.",
        "Pakistan opened two border crossings for trade.",
        "Pakistan also cut tariffs on Indian goods.",
        "Weather delayed some trucks.",
        "Trucks waited for two days.",
        "Drivers were patient.",
        "The ministry announced new trade rules on Monday.",
        date="2024-05-01",
    )
    r = t.iloc[6]
    assert (r["holder"], r["holder_source"]) == ("PAK", "office")


def test_no_title_no_office_holder():
    t = _tag("Pakistan hosted trade talks with China.", "The visit's objectives on trade were broad.")
    assert t.iloc[1]["holder_source"] != "office"


def test_title_in_the_possessive_or_as_adjective_is_no_holder():
    t = _tag(
        "The US welcomed the trade talks with Pakistan.",
        "The army chief's visit to the trade fair was short.",
        "The talks ended in an official rejection of the trade offer.",
        date="2024-05-01",
    )
    assert t.iloc[1]["holder_source"] != "office" and t.iloc[2]["holder_source"] != "office"


def test_non_state_voice_is_not_the_state():
    # an outlet, an analyst, a company or a party is not the state it is named after
    for sentence in (
        "The American magazine criticised the tariffs on Pakistan.",
        "A US-based think tank urged new trade talks with Pakistan.",
        "Pakistani analysts welcomed the trade deal with the US.",
        "The Pakistan Tehreek-i-Insaf condemned the trade deal with the US.",
        "American tech firms welcomed the trade deal with Pakistan.",
        "The Pakistan Institute of Trade Studies warned that the US tariffs would hurt exports.",
        # a company named after its country (actors.yaml non_state_nouns: airlines, metals, inc ...)
        "Pakistan International Airlines welcomed the reopening of routes to the US.",
        "American Pacific Metals Inc said it would invest in Pakistan's mines.",
        # a thing of the state, not the state acting (attribution.yaml agent_heads)
        "Pakistan's seafood exports to the US rose sharply.",
        "Pakistan's largest trading partner is the US.",
        # an international court speaks for no state (attribution.yaml third_parties)
        "The International Court of Justice said Pakistan and India must respect the treaty.",
    ):
        r = _tag(sentence, date="2024-05-01").iloc[0]
        assert r["holder"] is None, sentence
    # the state itself, its officials and its legislators still hold the position
    for sentence, holder in (
        ("The US criticised the tariffs on Pakistan.", "USA"),
        ("Pakistani lawmakers welcomed the trade deal with the US.", "PAK"),
        ("Pakistan's commerce ministry welcomed the trade deal with the US.", "PAK"),
        ("Pakistan's ambassador to the US hailed the trade deal.", "PAK"),
        ("The US diplomat praised the government's efforts to fight polio.", "USA"),
        ("Pakistani diplomats welcomed the remarks on Kashmir.", "PAK"),
        # an act the actor owns is the actor acting (agent_heads)
        ("Washington's aid freeze will end most trade assistance to Pakistan.", "USA"),
        ("Trump's sudden reversal on tariffs came a day after they took effect.", "USA"),
        ("Trump's abrupt suspension of the resettlement plan left thousands of Afghans stranded.", "USA"),
        ("A US panel on religious freedom recommended sanctions on Pakistani officials.", "USA"),
        ("The suspect admitted to other attacks, the Justice Department said.", "USA"),
    ):
        r = _tag(sentence, date="2025-05-01").iloc[0]
        assert r["holder"] == holder, sentence


def _hold_nothing_but_things(*sentences):
    """Each sentence, alone, has no holder: the actors it names only own the things it is about."""
    for sentence in sentences:
        r = _tag(sentence, date="2025-05-01").iloc[0]
        assert (r["holder"], r["holder_source"]) == (None, "thing"), sentence


def test_a_possessive_the_parse_leaves_to_the_lexical_rules_still_needs_an_agentive_noun():
    # the parse finds no subject to read (a passive with no agent, "according to data", a subordinate
    # clause), and the lexical rules take the first possessive actor: only a person, body, act or stance of
    # the actor is the actor acting (agent_heads; the plural entries match the word as written)
    _hold_nothing_but_things(
        "Pakistan's shrimp exports to the US have been banned because fishermen were not using the devices.",
        "Pakistan's seafood exports rose to $465 million, according to data released by the bureau.",
        "This shift comes at a time when Pakistan's global image has improved after the conflict with India.",
        # the noun undergoes the act of someone the passive names
        "FM Dar's remarks on the US were criticised by her lawyer as idiotic.",
    )
    for sentence, holder in (
        ("At the summit, India's preference to name Pakistan as a sponsor of terrorism was ignored.", "IND"),
        ("For hours, Pakistan's security forces were locked in a standoff with the terrorists.", "PAK"),
        ("Pakistan's participation in the summit aligns with its support for a two-state solution.", "PAK"),
    ):
        r = _tag(sentence, date="2025-05-01").iloc[0]
        assert r["holder"] == holder, sentence


def test_a_thing_the_parse_reads_as_the_subject_leaves_the_actors_after_it_unheld():
    # the parse reads a subject naming no actor; the lexical rules would take the first actor before the verb
    _hold_nothing_but_things(
        "A distance of 3,300 kilometres separates Islamabad from Tel Aviv.",
        "The blast at the Abbey Gate killed at least 170 Afghans as well as 13 US troops.",
    )
    r = _tag("Pakistan rejected the tariff plan announced by the US.", date="2025-05-01").iloc[0]
    assert r["holder"] == "PAK"


def test_the_fund_is_the_imf_only_after_the_imf_is_named():
    t = _tag(
        "The IMF approved a loan to Pakistan.",
        "The Fund said the trade deficit narrowed.",
        date="2025-05-01",
    )
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == ("IMF", "reported")
    assert "IMF:the fund (named earlier)" in t.iloc[1]["actor_terms"]
    t = _tag("The Fund said the trade deficit of Pakistan narrowed.", date="2025-05-01")
    assert t.iloc[0]["holder"] != "IMF"


def test_surname_of_an_office_holder_named_earlier():
    t = _tag(
        "State Department spokesperson Tammy Bruce spoke on trade with Pakistan.",
        "Ms Bruce said tariffs on Pakistan would stay.",
        date="2025-05-01",
    )
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == ("USA", "reported")
    # without the full name earlier in the document the surname alone names nobody
    t = _tag("Ms Bruce said tariffs on Pakistan would stay.", date="2025-05-01")
    assert t.iloc[0]["holder"] != "USA"


def _speech(*sentences):
    articles, sentences_ = make_corpus(
        [
            {
                "paragraphs": [list(sentences)],
                "country": "PAK",
                "date": "1975-09-22",
                "publisher": "United Nations General Assembly",
                "doc_type": "speech",
            }
        ]
    )
    return tag(sentences_, articles=articles, tone=False)


def test_an_actor_told_what_it_must_do_is_the_speakers_demand():
    t = _speech(
        "Israeli forces must withdraw from all occupied Arab territories.",
        "India should hold a plebiscite in Kashmir.",
        "Pakistan must remain vigilant.",
        "India rejected the proposal on water sharing.",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "PAK", "IND"]
    assert t["holder_source"].tolist()[:2] == ["document", "document"]
    ts = t.iloc[0]["target_stances"]
    assert [x["target"] for x in ts] == ["ISR"] and ts[0]["stance"] < 0
    # without a document speaker it is the writer's prescription, which no actor holds
    r = _tag("India should hold a plebiscite in Kashmir.").iloc[0]
    assert r["holder"] is None and r["holder_source"] == "analysis"


def test_a_party_leader_and_his_pronouns_speak_for_no_state():
    t = _tag(
        "ISLAMABAD: The Foreign Office on Sunday condemned the US strikes on Iran.",
        "PTI Information Secretary Waqqas Akram criticised the US policy towards Iran.",
        "He said the US strikes on Iran violated the UN Charter.",
        "Mr Akram also demanded an all-parties conference on Iran.",
        publisher="Dawn",
        date="2025-06-22",
    )
    assert t["holder"].tolist()[0] == "PAK"
    assert t["holder"].tolist()[1:] == [None, None, None]


def test_roles_one_state_has_and_roles_usually_foreign():
    t = _tag(
        "ISLAMABAD: Congressman Scott Perry criticised the aid programmes in Pakistan.",
        "Ambassador Shakeeb said that Afghanistan stands ready for trade with Pakistan.",
        publisher="Dawn",
        date="2025-03-01",
    )
    assert t["holder"].tolist()[0] == "USA"  # a member of Congress, whoever publishes
    assert t["holder"].tolist()[1] != "PAK"  # an unqualified ambassador in a Pakistani paper is a foreign one


def test_a_briefing_quoting_another_leader_gives_that_leader_the_sentence():
    t = _tag(
        "Pakistani Prime Minister Shehbaz Sharif: “I welcome President Trump’s plan to end the war in Gaza.”",
        "We welcome the support of Pakistan for the plan on Gaza.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/1",
        date="2025-10-01",
    )
    assert t["holder"].tolist() == ["PAK", "USA"]


def test_a_name_the_parser_put_inside_a_long_title_is_learned_without_honorifics():
    t = _tag(
        "ISLAMABAD: Federal Minister for Energy Ali Pervaiz Malik on Wednesday urged American investors to "
        "explore Pakistan's mineral wealth.",
        "Mr Malik assured that the Government of Pakistan is fully committed to facilitating companies.",
        "Mr Smith of the chamber said Pakistan offers opportunities.",
        publisher="Dawn",
        date="2025-07-01",
    )
    assert t["holder"].tolist()[:2] == ["PAK", "PAK"]
    assert t["holder"].tolist()[2] is None  # "Mr" is a title, not the minister's name


def test_a_sentence_naming_no_actor_and_no_issue_still_has_its_holder():
    t = _tag(
        "MR. KIRBY: We're certainly sorry they decided not to participate.",
        "And we're watching this very closely.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/2",
        date="2023-03-29",
    )
    assert t["holder"].tolist() == ["USA", "USA"]  # a briefing's speaker holds each turn
    t = _tag(
        "Interior Minister Mohsin Naqvi met the US charge d'affaires in Islamabad on Monday.",
        "He emphasized that this is an excellent opportunity to strengthen relations in all areas.",
        publisher="Dawn",
        date="2025-08-14",
    )
    assert t["holder"].tolist()[1] == "PAK"  # the reporter's "he" continues the last speaker


def test_a_description_of_an_actor_states_no_position_unless_its_clause_carries_a_stance():
    t = _tag(
        "The United States remained Pakistan's leading export destination in FY24.",
        "Pakistan remains committed to cooperation with the United States.",
        publisher="Dawn",
        date="2025-04-05",
    )
    assert (t.loc[0, "holder"], t.loc[0, "holder_source"]) == (None, "description")
    assert t.loc[1, "holder"] == "PAK"


def test_a_briefing_answer_is_about_the_actor_and_issue_the_question_named():
    t = _tag(
        "Q Does the White House believe that the Pakistani elections were not free and fair?",
        "MR. KIRBY: Well —",
        "Q (Inaudible.)",
        "MR. KIRBY: We're concerned.",
        "I don't have anything to share beyond that.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/3",
        date="2024-02-15",
    )
    t = t.iloc[2:].reset_index(drop=True)  # an inaudible follow-up keeps the question's topic
    answer = t.iloc[1]
    assert answer["holder"] == "USA" and answer["issue_source"] == "inherited"
    assert "democracy_rights" in list(answer["issues"])
    assert [(d["target"], d["stance"] < 0) for d in answer["target_stances"]] == [("PAK", True)]
    assert list(t.iloc[2]["target_stances"]) == []  # a generic word ("share") is not about the asked actor


def test_a_speakers_own_question_and_things_stay_the_speakers():
    t = _tag(
        "Q Has the President spoken with the Prime Minister of Pakistan?",
        "MS. PSAKI: To be in touch directly with the leader of Pakistan?",
        "The proposed F-16 sustainment package for Pakistan is a proposed sale.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/4",
        date="2022-09-15",
    )
    assert t["holder"].tolist() == [None, "USA", "USA"]


def test_he_after_a_named_person_and_a_quotation_standing_alone():
    t = _tag(
        "ISLAMABAD: Planning Minister Ahsan Iqbal on Saturday called for a reset in US-Pakistan relations.",
        "Meanwhile, Congressman Joe Wilson has tabled the Pakistan Democracy Act in the House.",
        "Mr Iqbal echoed that approach, stating that Pakistan was committed to working with partners.",
        "“As an emerging democracy, Pakistan is going through important phases of development,” he said.",
        "“We stand ready to work closely with our international partners.”",
        publisher="Dawn",
        date="2025-04-12",
    )
    assert t["holder"].tolist()[2:] == ["PAK", "PAK", "PAK"]  # "he" is Mr Iqbal, not the congressman
    assert t.loc[4, "holder_source"] == "carryover"


def test_sources_qualified_by_a_state_role_speak_for_that_state():
    t = _tag(
        "Two Indian government sources told Reuters that India will keep purchasing oil from Russia.",
        "Analysts and sources close to the party said the decision was rushed.",
        publisher="Dawn",
        date="2025-08-04",
    )
    assert t["holder"].tolist() == ["IND", None]


def test_a_speechs_rhetorical_question_is_no_reporters_question():
    articles, sentences = make_corpus(
        [
            {
                "paragraphs": [["Who will speak for the people of Kashmir?", "We must act together."]],
                "country": "PAK",
                "date": "2019-09-27",
                "publisher": "United Nations General Assembly",
                "doc_type": "speech",
            }
        ]
    )
    t = tag(sentences, articles=articles, tone=False)
    assert t["issue_source"].tolist()[1] != "inherited"  # no answer takes a question's topic in a speech


def test_a_name_with_a_role_in_apposition_is_learned():
    t = _tag(
        "Speakers included Sardar Ahmad Shakeeb, Ambassador of Afghanistan to Pakistan, and others.",
        "Ambassador Shakeeb said that the new government had brought stability.",
        publisher="APP",
    )
    assert t["holder"].tolist()[1] == "AFG"
    t = _tag("Jane Doe, the US envoy, met officials.", "Doe said the talks were useful.", publisher="Dawn")
    assert t["holder"].tolist()[1] == "USA"


def test_first_person_inside_an_open_quotation_is_the_quoted_speaker():
    t = _tag(
        "“Pakistan values its partnership with the United States,” the Foreign Office spokesperson said, "
        "adding: “We have worked hard on it.",
        "We express our full support for the talks.”",
        "We later walked to the car park.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1] == "PAK"
    assert t["holder"].tolist()[2] is None  # the quotation has closed: "we" is no one's here


def test_an_unattributed_quotation_continues_the_last_holder():
    t = _tag(
        "The deputy prime minister thanked the United States for facilitating the ceasefire.",
        "“We are committed to sustaining the ceasefire.",
        "It has proved a consequential partnership.”",
        publisher="APP",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "PAK"]
    assert t["holder_source"].tolist()[1:] == ["carryover", "carryover"]
    # a quotation opened further on in the sentence before goes on in the next, in any person
    t = _tag(
        "Trump stressed his ties with the families, stating: “I spoke to many of the parents of the victims.",
        "Just spoke to them on the phone.",
        "Everyone was on the line, and they cried with happiness.”",
        "The families did not comment.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "USA", "USA", None]


def test_inside_quotes_pairs_curly_and_reads_straight_quotes_by_their_place():
    from convergence.tagging.quotes import inside_quotes

    assert inside_quotes(["He said: “We act.", "We will.”", "Then.", 'A "b', 'c" d', "e"]) == [
        False, True, False, False, True, False,
    ]  # fmt: skip
    # a paragraph that reopens a quotation the last one left open keeps it open (a straight quote before a
    # word opens, one after a word closes)
    texts = ['He said, "We act.', '"So, we think so.', "Look, it is so.", 'It is fine."', "e"]
    assert inside_quotes(texts) == [False, True, True, True, False]


def test_a_name_after_an_actors_title_is_learned_in_any_position():
    t = _tag(
        "The minister held a meeting with US congressman Alexander Green.",
        "He thanked Congressman Green's office for its support for Pakistan.",
        "The minister later met US Ambassador Donald Blome.",
        "Blome said the talks were useful.",
        publisher="APP",
    )
    assert "USA" in t["targets"].tolist()[1]
    assert t["holder"].tolist()[3] == "USA"


def test_an_office_holder_the_actor_file_names_teaches_no_name(monkeypatch):
    from convergence.tagging import context

    learned = []
    original = context.DocContext.learn

    def learn(self, code, names, role, *, person):
        learned.extend(names)
        return original(self, code, names, role, person=person)

    monkeypatch.setattr(context.DocContext, "learn", learn)
    _tag("Federal Minister for Interior Mohsin Naqvi held a meeting with US officials.", publisher="APP")
    assert "Interior" not in learned  # the ministry is no one's name


def test_a_headline_person_named_in_the_body_is_that_actors():
    t = _tag(
        "Planning Minister Ahsan Iqbal on Saturday met a visiting delegation from Washington.",
        "He said the two countries should deepen their economic partnership.",
        title="Ahsan calls for a stronger partnership with the United States",
        publisher="Dawn",
    )
    head = t[t["is_title"]].iloc[0]
    assert head["holder"] == "PAK" and "USA" in head["targets"]
    # the body does not continue its headline: the same rows as without the headline
    body = t[~t["is_title"]]
    plain = _tag(
        "Planning Minister Ahsan Iqbal on Saturday met a visiting delegation from Washington.",
        "He said the two countries should deepen their economic partnership.",
        publisher="Dawn",
    )
    assert body["holder"].tolist() == plain["holder"].tolist() == ["PAK", "PAK"]


def test_a_headline_speaker_named_in_the_body_holds_the_headline_without_a_cue():
    t = _tag(
        "Prime Minister Shehbaz Sharif on Saturday addressed naval officers in Karachi.",
        title="Navy thwarted a threat at sea, says Shehbaz",
        publisher="Dawn",
    )
    assert t[t["is_title"]].iloc[0]["holder"] == "PAK"


def test_it_points_back_to_the_previous_sentence_or_an_earlier_subject_of_its_own():
    t = _tag(
        "The Foreign Office said Pakistan rejected the remarks.",
        "The summit in 1999 was a landmark.",
        "It had the symbolism of a new beginning.",
        "As Pakistan tightens its visa rules, it has asked the US to help.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", None, None, "PAK"]


def test_a_subject_pointing_back_to_a_thing_takes_no_holder():
    t = _tag(
        "The US raised tariffs on Pakistan's textile exports.",
        "This decision aims to cut the trade deficit.",
        "This rise is likely to suppress demand for Pakistani goods.",
        publisher="Dawn",
    )
    # a decision is an actor's act and points back to the actor; a rise is a thing
    assert t["holder"].tolist() == ["USA", "USA", None]


def test_an_issue_named_by_a_proper_noun_is_no_person_and_keeps_the_chain():
    t = _tag(
        "US Deputy Secretary of State Jane Roe met the visiting delegation.",
        "Pakistan welcomed the talks.",
        "The Kashmir issue also came up.",
        "He said the United States supported dialogue.",
        "Roe added that talks would continue.",
        "The State of Kuwait said nothing.",
        publisher="Dawn",
    )
    assert t["holder_source"].tolist()[2] != "person"
    assert t["holder"].tolist()[3:5] == ["USA", "USA"]  # "he" is still the deputy secretary, named Roe
    assert t["holder"].tolist()[5] != "USA"  # the title's "of State" taught no name


def test_a_briefings_clear_cue_in_a_sentence_naming_one_other_actor_is_about_it():
    t = _tag(
        "MS. JEAN-PIERRE: As the people of Pakistan deal with the floods, we make sure they have aid.",
        "Tariffs apply to economies that fail to enforce bans (Canada, Pakistan, Peru) and we welcome that.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/5",
        date="2022-09-26",
    )
    assert [(d["target"], d["stance"] > 0) for d in t.loc[0, "target_stances"]] == [("PAK", True)]
    assert list(t.loc[1, "target_stances"]) == []  # an actor in a bracketed list is no topic


def test_he_after_an_office_holder_of_the_actor_file_is_that_person():
    t = _tag(
        "Planning Minister Ahsan Iqbal met the visiting delegation on Monday.",
        "The United States praised the reforms.",
        "He said the ties would deepen.",
        publisher="Dawn",
        date="2025-04-12",
    )
    assert t["holder"].tolist() == ["PAK", "USA", "PAK"]


def test_a_thing_as_subject_gives_way_to_the_actor_subject_of_its_clause():
    t = _tag(
        "The dispute has long been a delicate matter for the US focusing on dialogue between the parties.",
        "The move came as Pakistan tightened its visa rules.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "PAK"]


def test_the_subject_of_a_passive_reporting_verb_is_no_speaker():
    t = _tag(
        "Pakistan is believed to be among the countries at risk of the travel ban.",
        "Pakistan was told by the US that the list was final.",
        "Minister Ahmed Khan was quoted as saying that Pakistan met the standards.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, "USA", "PAK"]


def test_an_actor_urged_or_blamed_by_someone_unnamed_holds_nothing():
    t = _tag(
        "The United States is called upon to acknowledge the partnership and to lift the tariffs.",
        "Pakistan was blamed for the failure of the talks.",
        "Pakistan was praised by the United States for its efforts.",
        "The minister was asked about the tariffs.",
        publisher="Dawn",
    )
    # the one who urges or blames is not named: no holder, and the wished act is nobody's stance
    assert t["holder"].tolist()[:3] == [None, None, "USA"]
    assert t["holder_source"].tolist()[:2] == ["patient", "patient"]
    assert t["holder_source"].iloc[3] != "patient"  # asked: the answer that follows is the minister's


def test_the_private_sector_and_exporters_speak_for_no_state():
    t = _tag(
        "ISLAMABAD: The private sector views the US tariffs as a strategic manoeuvre against Pakistan.",
        "Pakistani exporters criticised the US tariffs.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, None]


def test_a_role_of_many_states_is_no_one_states():
    t = _tag(
        "ISTANBUL: Foreign ministers from Muslim countries on Sunday urged Israel to end its aggression.",
        "The foreign minister said Pakistan stood with Iran.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, "PAK"]
    assert t["holder_source"].tolist()[0] == "third party"


def test_a_bill_speaks_for_its_sponsors_state_and_supports_a_cause_not_the_place():
    t = _tag(
        "WASHINGTON: US lawmakers have introduced a bill on human rights in Pakistan.",
        "The legislation also reaffirms US support for free and fair elections in Pakistan.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "USA"]
    assert list(t.loc[1, "target_stances"]) == []  # support for the elections, not for Pakistan


def test_he_and_a_quoted_we_after_someone_unplaced_hold_nothing():
    t = _tag(
        "The Foreign Office said Pakistan condemned the strikes on Iran.",
        "Speaking at a seminar, Zubair Khanzada said the region was at risk.",
        "He said the strikes violated international law.",
        "“We must speak out,” Mr Khanzada said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", None, None, None]


def test_a_summary_bullet_without_a_subject_continues_the_headline():
    t = _tag(
        "• Calls the strikes a violation of international law",
        "• Accuses Israel of repeating false claims about Iran",
        "ISLAMABAD: The Foreign Office on Monday condemned the US strikes on Iran.",
        title="Pakistan condemns US strikes on Iran",
        publisher="Dawn",
    )
    # the first bullet names no actor and changes no result: it is not parsed
    assert t["holder"].tolist()[2:] == ["PAK", "PAK"]
    assert t["holder_source"].tolist()[2] == "carryover"


def test_a_bullet_opening_on_a_verb_read_as_a_plural_noun_continues_the_headline():
    t = _tag(
        "• Calls on US to help bring India to the negotiating table",
        "ISLAMABAD: The Foreign Office on Monday rejected the Indian claims.",
        title="Pakistan rejects Indian claims",
        publisher="Dawn",
    )
    # "Calls" is tagged a plural noun: the bullet's act is still the headline holder's, not the US's
    assert t["holder"].tolist()[1] == "PAK" and t["holder_source"].tolist()[1] == "carryover"


def test_a_headline_the_parse_cannot_read_falls_back_to_its_opening_actor():
    t = _tag(
        "A US delegation visited the Port Qasim Authority on Monday.",
        title="US, Kazakhstan eye investment in Pakistan’s ports",
        publisher="Dawn",
    )
    head = t[t["is_title"]].iloc[0]
    assert head["holder"] == "USA" and "PAK" in head["targets"]


def test_a_line_with_a_subject_of_its_own_is_no_continuation_of_a_heading():
    t = _tag(
        "Nicole D. Theriot, Nominee for Ambassador to the Co-operative Republic of Guyana",
        "Nicole D. Theriot, a career member of the Senior Foreign Service with the rank of Counselor, "
        "currently serves as the Principal Officer in Karachi, Pakistan.",
        "Previously, Theriot was Political Counselor at the U.S. Embassy in Kabul, Afghanistan.",
        publisher="The White House",
    )
    assert t["holder"].tolist()[1:] == [None, None]


def test_a_headline_naming_only_a_role_is_read_and_police_and_assembly_members_are_officials():
    t = _tag(
        "DIG Raza said the police had written to the federal government.",
        "MNA Tehmina Daultana said the ceasefire was welcome.",
        title="DPM calls for sustainable peace architecture in South Asia",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "PAK"]


def test_a_name_after_a_colon_ends_a_headline_not_a_sentence():
    t = _tag(
        "And what I think is maybe one of the most dangerous nations in the world: Pakistan.",
        publisher="The White House",
        doc_type="remarks",
    )
    r = t.iloc[0]
    assert r["holder"] == "USA"
    assert [(d["target"], d["stance"] < 0) for d in r["target_stances"]] == [("PAK", True)]


def test_a_joint_act_one_side_reports_relates_the_pair():
    t = _tag(
        "ISLAMABAD: The United States and Pakistan on Tuesday reaffirmed their commitment to expanding "
        "economic and trade relations, the Foreign Office said.",
        publisher="Dawn",
    )
    r = t.iloc[0]
    assert r["holder"] == "PAK" and r["holder_source"] == "reported"
    assert r["relation"] > 0 and "joint subject" in list(r["relation_cues"])
    assert list(r["relation_pairs"]) == ["PAK-USA"]


def test_the_act_named_before_with_its_owner_is_that_actors():
    t = _tag(
        "Pakistan is believed to be among the countries at risk of the US travel ban.",
        "The Foreign Office said a Pakistani diplomat was deported from Los Angeles.",
        "The ban follows a review of visas for travellers from Pakistan.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[2] == "USA"


def test_a_report_relays_the_act_of_its_clauses_subject():
    t = _tag(
        "Pakistan also continued to develop new delivery systems in 2024, the report said.",
        "Analysts said Pakistan would keep building its arsenal.",
        "Missile stockpiles grew faster than expected, the report said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", None, None]


def test_a_speakers_title_naming_its_own_statement_is_the_speakers():
    kw = {"publisher": "The White House", "url": "https://www.whitehouse.gov/b/3", "date": "2023-01-30"}
    t = _tag(
        "The United States strongly condemns the terrorist attack on a mosque in Peshawar, Pakistan.",
        title="Statement by NSC Spokesperson Adrienne Watson on the Terrorist Attack on Pakistan Mosque",
        **kw,
    )
    assert t[t["is_title"]]["holder"].tolist() == ["USA"]
    t = _tag(
        "MS. JEAN-PIERRE: Good afternoon, everyone.",
        title="Press Briefing by Press Secretary Karine Jean-Pierre",
        **kw,
    )
    assert t[t["is_title"]]["holder"].tolist() == [None]  # a briefing is an event, not a position


def test_a_briefing_answer_goes_on_about_what_it_has_been_saying():
    t = _tag(
        "Q Any expectations for Pakistan in the coming days?",
        "MR. KIRBY: I would refer you to the Pentagon on those defense talks.",
        "Obviously, Pakistan remains a key partner in the region.",
        "Q On another matter, the weather?",
        "MR. KIRBY: Obviously, Pakistan remains a key partner in the region.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/5",
        date="2023-12-19",
    )
    assert "defense" in list(t.iloc[1]["issues"])
    assert list(t.iloc[2]["issues"]) == list(t.iloc[1]["issues"]) and t.iloc[2]["issue_source"] == "inherited"
    assert list(t.iloc[4]["issues"]) == []  # a new answer does not take the last one's


def test_a_columns_own_description_of_an_actor_has_no_holder():
    sentences = (
        "The United States imports far more cotton than it sells to the region.",
        "Last week the US administration signed an order on student visas.",
        "Pakistan has condemned the new visa rules.",
        "Officials said Pakistan would appeal the decision.",
    )
    column = _tag(*sentences, publisher="Dawn", doc_type="opinion")
    news = _tag(*sentences, publisher="Dawn")
    # the writer's analysis states no actor's position; an official act, a stance and reported words do
    assert column["holder"].tolist() == [None, "USA", "PAK", "PAK"]
    assert column.iloc[0]["holder_source"] == "analysis"
    assert news["holder"].tolist() == ["USA", "USA", "PAK", "PAK"]
    # acts a column narrates are the actor's too: unveiling a plan, accepting one, hosting, imposing
    column = _tag(
        "The US president has finally unveiled his plan for Gaza.",
        "Israel immediately accepted the plan.",
        "The Trump administration imposed a pause on visa interviews for students.",
        publisher="Dawn",
        doc_type="opinion",
        date="2025-10-01",
    )
    assert column["holder"].tolist() == ["USA", "ISR", "USA"]


def test_a_name_after_a_titles_for_phrase_is_that_actors_person():
    t = _tag(
        "The minister held talks with US envoy for Afghanistan Jane Roeberg on Monday.",
        "Jane Roeberg congratulated the people of Pakistan on their Independence Day.",
        publisher="APP",
    )
    assert t.iloc[1]["holder"] == "USA"


def test_a_name_spelt_again_with_a_single_letter_is_the_same_person():
    t = _tag(
        "Minister for Trade Saad Abbassi met American business leaders in Lahore on Monday.",
        "“Our doors are open to American investors,” Abbasi said.",
        publisher="Dawn",
    )
    assert t.iloc[1]["holder"] == "PAK"


def test_the_pair_acting_together_is_the_home_countrys_act_and_each_is_for_the_other():
    t = _tag(
        "US, Pakistan reaffirm counterterrorism cooperation in annual dialogue",
        "The United States and Pakistan held their annual counterterrorism dialogue in Islamabad.",
        "Washington praised the arrests, and the United States offered more training.",
        "Both sides agreed to deepen cooperation against terrorist groups.",
        publisher="APP",
    )
    assert t["holder"].tolist()[0] == "PAK" and t["holder"].tolist()[3] == "PAK"
    first = t.iloc[0]
    assert [d["target"] for d in first["target_stances"]] == ["USA"] and first["target_stances"][0][
        "stance"
    ] > 0
    t = _tag(
        "The United States and Pakistan reaffirmed their counterterrorism cooperation.",
        publisher="The White House",
    )
    assert t.iloc[0]["holder"] == "USA"


def test_both_sides_ties_the_documents_pair_whatever_else_the_sentence_names():
    t = _tag(
        "Pakistan and India fought for four days in May.",
        "Both sides then exchanged missiles, which stretched over the week.",
        "It took American intervention for both sides to finally drop their guns.",
        publisher="Dawn",
    )
    assert t.iloc[2]["relation_pairs"] == ["IND-PAK"]


def test_both_sides_are_not_the_actors_when_the_other_side_is_outside_the_actor_file():
    # Pakistan and the EU meet; the US is named once in passing: "both sides" are Pakistan and the EU
    t = _tag(
        "Pakistan and the EU held their strategic dialogue in Brussels.",
        "The EU delegation praised Pakistan's reforms, and the EU offered more trade access.",
        "The minister also met a US senator on the sidelines.",
        "Both sides agreed to deepen cooperation on counterterrorism.",
        publisher="Dawn",
    )
    assert all(d["target"] != "USA" for d in t.iloc[3]["target_stances"])
    assert t.iloc[3]["relation_pairs"] == []


def test_headline_speakers_in_headline_forms():
    def title_holder(title):
        return _title_row(title, body="The statement was issued on Monday.")["holder"]

    # an inverted attribution, a trailing speaker after a subject that is a thing, an audience that was
    # "told", and a role "for" what it calls for
    assert title_holder("Airline gearing up for direct US flights, says aviation minister") == "PAK"
    assert (
        title_holder("US-Pakistan counterterrorism talks will help formulate joint action plan: minister")
        == "PAK"
    )
    assert title_holder("Pakistan plans new trade office in Washington, NA told") == "PAK"
    assert title_holder("Minister for tapping underutilised aquaculture potential to boost fishery") == "PAK"
    assert title_holder("Threshold for war in South Asia lowest ever, analysts say") is None


def test_agencies_ranks_and_bodies_named_after_a_state():
    t = _tag(
        "WASHINGTON: The FBI has charged a man with supporting a militant group.",
        "The field marshal will brief the committee on his meeting with the US president.",
        "Jamaat-i-Islami Pakistan's emir Ahmad Rauf said the government had failed Gaza.",
        "The Human Rights Commission of Pakistan expressed concern over the arrests.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert t["holder"].tolist() == ["USA", "PAK", None, None]


def test_the_one_quoted_as_saying_speaks_not_the_one_quoting():
    t = _tag(
        "“Pakistan is a valued partner in the region,” the Foreign Office quoted the US envoy as saying.",
        "Pakistan's foreign minister quoted a famous poem in his speech.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "PAK"]


def test_a_states_ambassador_to_the_other_is_the_possessors():
    t = _tag(
        "“We are in contact with the State Department,” Pakistan’s US Ambassador Rizwan Shaikh told Dawn.",
        "Shaikh said more talks were due.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK"]


def test_the_role_of_someone_unplaced_is_not_the_home_countrys():
    t = _tag(
        "The summit will bring together leaders from more than 20 countries, Sisi's office said.",
        "The summit will bring together leaders from more than 20 countries, the foreign office said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, "PAK"]


def test_a_statement_from_an_actor_is_its_and_the_statement_after_it_too():
    t = _tag(
        "A statement from the Inter-Services Public Relations (ISPR) said the army hosted a conference.",
        "The weather in the capital was mild.",
        "The statement said the chiefs discussed regional security.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[0] == "PAK" and t["holder"].tolist()[2] == "PAK"


def test_a_coordinated_clause_holds_when_the_first_has_no_actor():
    t = _tag(
        "It was American intelligence that the suspect would cross into Pakistan, and Washington had asked "
        "Islamabad to arrest him.",
        publisher="Dawn",
    )
    assert t.iloc[0]["holder"] == "USA"


def test_who_leads_or_makes_up_a_states_delegation_speaks_for_it():
    t = _tag(
        "The high-powered delegation, led by former foreign minister Bilal Bhutto-Khan, reached Washington.",
        "The delegation comprises Senator Sara Rehmat, former minister Hina Kharal and Faisal Subhani.",
        "Bilal said the US must help end the crisis.",
        "Kharal said peace was needed.",
        "A US congressional delegation also visited; the delegation comprised Congressmen Jack Bergson and "
        "Tom Suzzo.",
        "Bergson said the visit was productive.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[2:4] == ["PAK", "PAK"]
    assert t["holder"].tolist()[5] == "USA"


def test_a_party_leader_heading_a_states_delegation_speaks_for_it():
    t = _tag(
        "The PPP chief, who is heading a Pakistani delegation to the US, said the ceasefire was welcome.",
        "He thanked the United States for its help.",
        "The PPP chief said the government had failed.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", None]


def test_a_title_of_heading_a_delegation_makes_a_party_leader_its_voice():
    t = _tag(
        "LONDON: PPP Chairman and head of the parliamentary delegation Bilal Bhutto-Khan on Wednesday said "
        "India had failed to prove its claims.",
        "Bilal said Pakistan welcomed US offers of mediation.",
        "He thanked the United States for its role.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "PAK"]


def test_a_delegation_of_businessmen_speaks_for_no_state_and_one_from_a_state_for_it():
    t = _tag(
        "The premier met a delegation of investors from the United States, led by Gentry Rock.",
        "Rock said there were great opportunities in Pakistan.",
        "The premier also met a delegation from the United States led by Senator John Smithers.",
        "Smithers said the visit was productive.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1] is None
    assert t["holder"].tolist()[3] == "USA"


def test_a_headline_with_no_holder_is_read_again_once_the_body_has_named_its_speaker():
    t = _tag(
        "Federal Minister for Information Attaullah Tarar said on Tuesday that the ceasefire was the "
        "result of diplomatic efforts.",
        title="Ceasefire with India, result of diplomatic efforts of many countries: Tarar",
        publisher="APP",
    )
    assert t[t["is_title"]].iloc[0]["holder"] == "PAK"


def test_a_speaker_the_parser_hung_on_a_noun_before_is_still_the_speaker():
    # "Malik" read as a conjunct of "Department", "said" as a conjunct of the content's verb
    t = _tag(
        "The government will update its list of banned organisations with the help of US agencies, such as "
        "the State Department, Minister of State for Law and Justice Barrister Aqeel Malik said on Saturday, "
        "adding that people linked to those groups will face travel bans.",
        "Speaking on a television programme, Aqeel affirmed that there was no risk of a travel ban.",
        publisher="Dawn",
    )
    assert t.iloc[1]["holder"] == "PAK"


def test_a_named_speaker_of_any_reporting_verb_is_read_from_the_parse():
    t = _tag(
        "Talks were held on Monday.",
        "State Department spokesperson Tommy Piggott told reporters that talks were good.",
        "Piggott replied that talks were good.",
        "Piggott explained that talks would go on.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == ["USA", "USA", "USA"]


def test_a_title_the_parser_hangs_elsewhere_in_the_phrase_is_learned_for_the_role():
    t = _tag(
        "Talks were held on Monday.",
        "In Washington, the State Department's Principal Deputy Spokesperson Tommy Piggott told reporters "
        "that talks were good.",
        "Asked about the talks, the spokesperson declined to comment.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == ["USA", "USA"]  # not the Pakistani paper's own spokesperson


def test_a_company_or_association_named_after_a_state_speaks_for_none():
    t = _tag(
        "Exports slowed in December.",
        "Pakistan Textile Exporters Association Patron-in-Chief Omar Khan told reporters orders were up.",
        "Mr Khan added that US buyers are visiting Pakistan.",
        "Acme Pakistan Ltd said profits rose.",
        "Two Pakistani government sources said the talks went well.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == [None, None, None, "PAK"]


def test_the_administration_is_the_us_executive_and_no_government_of_the_home():
    t = _tag(
        "Tariff talks",
        "The Trump administration announced new tariffs on imports.",
        "The government said it would send a delegation to discuss the tariffs.",
        "Earlier, the administration said the tariffs on imports would stay.",
        "The district administration said exporters would get help with the tariffs.",
        publisher="Dawn",
        date="2025-04-10",
    )
    assert t["holder"].tolist()[1:] == ["USA", "PAK", "USA", "PAK"]
    t = _tag("Tariff talks", "The administration said the tariffs on imports would stay.", publisher="Dawn")
    assert t["holder"].tolist()[1] == "USA"  # the US executive even when no actor named it before


def test_his_spokeswoman_is_the_aide_of_the_person_named_last():
    t = _tag(
        "Trump to visit Gulf",
        "US President Donald Trump spoke at the summit in Riyadh on trade.",
        "His spokeswoman said the tariffs would stay.",
        "UN chief Antonio Guterres was concerned about the trade war, his spokesman said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[2] == "USA"  # not the Pakistani paper's home
    assert t["holder"].tolist()[3] == "UN"  # the person the sentence itself names


def test_a_partys_officer_in_a_city_speaks_for_no_state_nor_do_the_partys_later_acts():
    t = _tag(
        "Rally over Gaza",
        "JI Islamabad Information Secretary Omar Baig said the party will march on the expressway.",
        "The JI had planned the protest outside the US Embassy.",
        "Mr Baig said the venue had changed.",
        "PTI Lahore President Ali Raza said the party will join.",
        "The PML-N Punjab government said it will allow the march.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == [None, None, None, None, "PAK"]


def test_a_statement_issued_by_an_office_is_its_voice():
    t = _tag(
        "Talks were held in New York.",
        "In New York, the delegation stressed the need for talks with India, according to a statement issued "
        "by the Foreign Office.",
        "A statement released by the US Embassy in Islamabad condemned the attack in Peshawar.",
        "A joint letter written by former foreign minister Ali Shah condemned the trade deal with the US.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == ["PAK", "USA", None]


def test_a_states_own_report_is_its_voice_and_a_papers_relays_others():
    t = _tag(
        "Talks were held on Monday.",
        "The findings appear in the US Department of State's annual Fiscal Transparency Report.",
        "The report also urged Pakistan to publish its budget on time.",
        "The State Department's report said Pakistan had made progress.",
        "A US newspaper report said Pakistan had made progress.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[2:] == ["USA", "USA", "PAK"]


def test_a_headline_opening_with_an_actor_is_its_act_when_the_parser_misses_the_verb():
    def title_holder(title):
        return _title_row(title)["holder"]

    assert title_holder("Pakistan requests emergency OIC session on Indian strikes") == "PAK"
    assert title_holder("Pakistan highlights US role in peace deal") == "PAK"
    assert title_holder("Pakistan likely to join Gaza stabilisation force") == "PAK"
    assert title_holder("Pakistan's exports to US rise") is None  # a thing of the actor


def test_a_headline_opening_with_offices_or_with_two_actors_acting_together():
    r = _title_row("Army chief lauds overseas workers' contributions during US visit")
    assert r["holder"] == "PAK" and r["holder_source"] == "office"
    assert "USA" not in [d["target"] for d in r["target_stances"]]  # "during a US visit" is a time, no target
    assert _title_row("Interior minister, army chief assure US team of support")["holder"] == "PAK"
    r = _title_row("Pakistan, US vow to strengthen ties")
    assert r["holder"] == "PAK" and r["holder_source"] == "joint"
    assert _title_row("Pakistan, US vow to strengthen ties", publisher=None)["holder"] == "PAK"  # the first
    assert _title_row("Pakistani, Indian firms among six sanctioned by the US")["holder"] is None  # firms
    assert _title_row("Army chief lauds troops", publisher=None)["holder"] is None  # no home to hold it


def test_a_briefing_answer_that_goes_on_keeps_what_was_asked():
    t = _tag(
        "Q On Afghanistan: when the US was withdrawing, was Pakistan not an ally?",
        "MR. KIRBY: Well, we set up a network to help get evacuees to safety.",
        "And we were grateful for many countries' support.",
        "As for Pakistan, they also suffered from the threats of terrorist groups.",
        "And we continue to talk to Pakistan about those threats.",
        "But Pakistan was also very helpful to us in the pullout.",
        publisher="The White House",
        url="https://www.whitehouse.gov/briefings/6",
        date="2022-11-04",
    )
    last = t.iloc[-1]
    assert last["holder"] == "USA" and {"afghanistan", "counterterrorism"} <= set(last["issues"])


def test_an_unattributed_quotation_continues_its_speaker_also_when_it_describes_another_actor():
    t = _tag(
        "The Foreign Office spokesperson briefed reporters on Friday.",
        "He condemned the denial of permission to hold Eid prayers in Srinagar.",
        "“The Indian authorities are in the custom of imposing such curbs every year.",
        "Restraining people from praying poses serious challenges to religious freedom.",
        "The rights of the Kashmiri people must be respected.”",
        "Separately, a road was closed for a visit.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[2:5] == ["PAK", "PAK", "PAK"]


def test_a_quotation_left_open_does_not_make_the_rest_a_quotation():
    t = _tag(
        "The Foreign Office said on Friday that roads would close.",
        "“Due to the arrival of a foreign guest, the roads will be closed from 7pm.",
        "Separately, the Foreign Office announced a visit on Sunday.",
        "Protesters began chanting slogans against Israel and the United States.",
        "The crowd dispersed later.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[3] is None


def test_a_headline_opening_with_its_actor_before_a_thing_the_parser_took_for_subject():
    assert _title_row("Pakistan decries ‘unfair’ US curbs, dismisses bill on officials")["holder"] == "PAK"
    # an actor that qualifies the headline's subject is that thing's, not a holder
    assert _title_row("Afghan migrants stranded in Pakistan as Canada pauses intake")["holder"] is None


def test_an_office_in_a_named_country_is_that_countrys_unless_it_serves_there():
    meta = {"publisher": "Dawn", "date": "2025-05-02"}
    t = _tag(
        "The current government in India appears increasingly hostile toward its neighbours.",
        "The authorities in Kabul rejected the claim on Friday.",
        "The US embassy issued a travel advisory on Monday.",
        "The embassy in Islamabad said the visa section would reopen.",
        **meta,
    )
    assert list(t["holder"]) == ["IND", "AFG", "USA", "USA"]
    # the office is still learnt: "he" after "the prime minister in India" is India's
    t = _tag("The prime minister in India spoke to reporters.", "He rejected the proposal.", **meta)
    assert list(t["holder"]) == ["IND", "IND"]


def test_a_title_qualified_by_a_state_outside_the_actor_file_is_not_the_last_actors():
    meta = {"publisher": "Dawn", "date": "2025-04-05"}
    t = _tag(
        "Trump has slapped much steeper import taxes on most trading partners.",
        "European Commission President Ursula von der Leyen has called the measure a heavy blow.",
        "The Malaysian prime minister proposed punitive steps.",
        **meta,
    )
    assert list(t["holder"]) == ["USA", None, None]
    # a title opening the clause keeps the document's actor when the outside state comes later
    t = _tag(
        "Prime Minister Shehbaz Sharif arrived in Baku on Friday.",
        "For the third leg of his tour, the PM travelled to Azerbaijan to meet President Ilham Aliyev.",
        **meta,
    )
    assert t.iloc[1]["holder"] == "PAK"


def test_it_took_an_actors_act_for_others_to_do_something_is_that_actors():
    t = _tag(
        "Pakistan said it would respond to any strike.",
        "As the clashes spread, it took American intervention for both sides to agree to a ceasefire.",
        publisher="Dawn",
        date="2025-05-20",
    )
    r = t.iloc[1]
    assert (r["holder"], r["holder_source"]) == ("USA", "subject")
    # the two sides it took are others: no relation of the US with either
    assert not any("USA" in p for p in r["relation_pairs"]) and r["target_stances"] == []


def test_what_a_meeting_took_up_is_the_act_of_the_one_named_before_who_met():
    t = _tag(
        "Interior Minister Mohsin Naqvi met US Charge d'Affaires Natalie Baker in Islamabad.",
        "During the meeting, detailed discussions were held on enhancing bilateral cooperation.",
        "The talks focused on expanding cooperation in agriculture.",
        "The meeting took place on Monday afternoon.",
        "The meeting was attended by senior officials.",
        publisher="Dawn",
        date="2025-04-02",
    )
    assert t["holder"].tolist()[:3] == ["PAK", "PAK", "PAK"]
    assert t.iloc[1]["holder_source"] == "carryover" and t.iloc[1]["stance"] > 0
    # where or when it took place states no one's position; nor does a meeting a named actor attends
    assert t.iloc[3]["holder"] is None
    # with no one named before, a meeting is no one's
    t = _tag("Detailed discussions were held on enhancing bilateral cooperation.", publisher="Dawn")
    assert t.iloc[0]["holder"] is None
    # a meeting that itself reports ("The discussions underlined ...") is one too
    t = _tag(
        "Commerce Minister Jam Kamal met a US trade delegation in Karachi.",
        "The discussions underlined the shared commitment of both nations to open markets.",
        publisher="Dawn",
        date="2025-04-02",
    )
    assert t["holder"].tolist() == ["PAK", "PAK"] and t.iloc[1]["stance"] > 0


def test_a_headline_read_as_a_noun_phrase_does_not_take_its_subordinate_clause_for_the_predicate():
    # "as US demands ...", "after US offers ...": the subordinate clause's actor does not hold the headline
    r = _title_row("FO notes ‘profound concern’ on weapons in Afghanistan as US demands equipment’s return")
    assert r["holder"] == "PAK"
    r = _title_row("Islamabad indignant after US offers F-35 jets to India")
    assert r["holder"] == "PAK"


def test_every_conjunct_of_a_joint_subject_counts_and_the_counted_group_points_back():
    t = _tag(
        "In a joint statement, Russia, China, Iran and Pakistan urged the Afghan authorities to act against "
        "terrorist groups.",
        "The four countries also called for an inclusive government in Kabul.",
        "The three countries also called for more trade.",
        publisher="Dawn",
        date="2025-09-27",
    )
    # the home country is one of the four, wherever the parser hangs it in the chain of conjuncts
    assert (t.iloc[0]["holder"], t.iloc[0]["holder_source"]) == ("PAK", "joint")
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == ("PAK", "joint")
    # a count that is not the group's points elsewhere
    assert t.iloc[2]["holder_source"] != "joint"


def test_an_office_holder_named_as_an_object_is_remembered_by_family_name_not_a_common_one():
    t = _tag(
        "A US business delegation met Commerce Minister Jam Kamal Khan in Islamabad on Monday.",
        "Mr Kamal said Pakistan valued its economic ties with the United States.",
        "The delegation later met Afghan Foreign Minister Amir Khan Muttaqi in Kabul.",
        "Sadiq Khan said the regional talks had been useful.",
        publisher="Dawn",
        date="2025-05-06",
    )
    assert t.iloc[1]["holder"] == "PAK"
    # "Khan" is too common a name to make Sadiq Khan the Afghan minister
    assert t.iloc[3]["holder"] != "AFG"


def test_a_business_council_named_with_states_speaks_for_none():
    r = _tag("The US-Pakistan Business Council praised the new investment policy.", publisher="Dawn").iloc[0]
    assert r["holder"] is None


def test_turkiye_spelt_without_its_diaeresis_is_a_third_party_and_a_recommended_state_holds_nothing():
    t = _tag(
        "Turkiye President Recep Tayyip Erdogan said his country wants a de-escalation between Pakistan "
        "and India.",
        "Pakistan has been recommended for inclusion in the travel ban list, according to Reuters.",
        publisher="Dawn",
    )
    assert t.iloc[0]["holder"] is None and t.iloc[0]["holder_source"] == "third party"
    assert t.iloc[1]["holder"] is None and t.iloc[1]["holder_source"] == "patient"


def test_an_expletive_it_points_back_to_no_one_unless_it_reports_a_fact_or_stands_in_a_quotation():
    t = _tag(
        "Pakistan rejected the joint statement on Monday.",
        "It remains to be seen whether India will accept US mediation.",
        "It is clear that the region needs calm.",
        "It has emerged that Pakistan declined the US request for a base.",
        "Pakistan protested to Washington.",
        "It is also indignant that the communiqué named Pakistan.",
        "The foreign minister spoke to reporters on Monday.",
        "“We want peace with all our neighbours.",
        "It is clear that India wants a war.”",
        publisher="Dawn",
    )
    # an open question and the writer's own reading are no one's
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == (None, "expletive")
    assert t.iloc[2]["holder"] is None
    # a fact "it has emerged" reports is its subject's
    assert t.iloc[3]["holder"] == "PAK"
    # with an adjective of feeling "it" is someone: the one before
    assert t.iloc[5]["holder"] == "PAK"
    # inside a quotation the words are the speaker's
    assert (t.iloc[8]["holder"], t.iloc[8]["holder_source"]) == ("PAK", "carryover")


def test_the_writers_question_and_who_attended_state_no_position():
    t = _tag(
        "Has India agreed to US mediation?",
        "US Vice President JD Vance and Secretary of State Marco Rubio also joined the meeting.",
        "Pakistan's ambassador to the US was also present on the occasion.",
        "Pakistan has agreed to US mediation.",
        "The minister said the talks were useful.",
        "Why shouldn't we also join the effort?",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[:4] == [None, None, None, "PAK"]
    assert t["holder_source"].tolist()[:3] == ["aside", "aside", "aside"]
    # a question in the first person is a speaker's point, not the writer's
    assert t.iloc[5]["holder_source"] != "aside"
    # in the passive too: who attended an event is named, no one acts
    t = _tag("The reception was also attended by Finance Minister Muhammad Aurangzeb.", publisher="Dawn")
    assert (t.iloc[0]["holder"], t.iloc[0]["holder_source"]) == (None, "aside")


def test_a_name_in_apposition_with_a_non_state_noun_speaks_for_no_state():
    t = _tag(
        "Michael Kugelman, a Washington-based South Asia analyst, said the visit was complicated.",
        "Raz Muhammad, a Pakistani weapons trader, said the market was flooded with American weapons.",
        "Ishaq Dar, the foreign minister, said the talks were useful.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, None, "PAK"]


def test_a_fellow_of_a_think_tank_speaks_for_no_state():
    t = _tag(
        "The talks will be hard, said John Doe, a Washington-based senior fellow at a policy centre.",
        "Jane Roe, a distinguished fellow at an institute in Islamabad, said Pakistan would gain.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, None]


def test_a_leader_of_an_opposition_party_speaks_for_no_state_a_legislators_group_does():
    t = _tag(
        "Ali Khan, leader of Pakistan's main opposition party, called the US tariffs unfair.",
        "Sara Ahmed, convener of the Pakistan-US Parliamentary Friendship Group, welcomed the US delegation.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == [None, "PAK"]


def test_a_news_outlet_relays_the_act_of_its_sentences_subject():
    t = _tag(
        "Mr Trump brought it up again during a phone call on June 17, the NYT reported.",
        "Pakistan rejected the claims, Reuters reported.",
        "The Guardian said the plan was flawed.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "PAK", None]


def test_the_writers_account_of_a_dated_past_holds_nothing_but_what_goes_on_since_then_does():
    t = _tag(
        "The minister spoke to reporters on Monday.",
        "In 2019, Washington booted Ankara out of its fighter programme.",
        "Pakistan has hosted Afghan refugees since 1980.",
        "The Foreign Office rejected the remarks, citing the 1960 treaty.",
        "The US designated the group a terrorist organisation in December 2001.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == (None, "history")
    # an official act of long ago is history too
    assert (t.iloc[4]["holder"], t.iloc[4]["holder_source"]) == (None, "history")
    assert t.iloc[2]["holder"] == "PAK"  # "since 1980": it goes on now
    assert t.iloc[3]["holder"] == "PAK"  # a year named elsewhere in the sentence dates nothing


def test_a_headlines_two_parties_before_a_plural_verb_act_together():
    r = _title_row("PM, US Secretary of State discuss bilateral issues")
    assert (r["holder"], r["holder_source"]) == ("PAK", "joint")


def test_an_abbreviated_office_is_a_role_of_the_publishers_home():
    t = _tag(
        "The FM said Pakistan had never accepted the revocation of the region's special status.",
        "CM Bugti said the province would not allow the attackers to succeed.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK"]


def test_a_title_after_an_actors_acronym_in_brackets_makes_the_name_that_actors():
    t = _tag(
        "KARACHI: State Bank of Pakistan (SBP) Governor Jameel Ahmed has said a rate cut is unlikely.",
        "Inflation rose to 5.6pc in September.",
        "Mr Ahmed told Bloomberg that the reserves had grown.",
        publisher="Dawn",
    )
    assert t.iloc[2]["holder"] == "PAK"


def test_unnamed_sources_relay_the_act_of_their_clauses_actor_but_not_what_befalls_it():
    t = _tag(
        "The US left its seat empty at the council, but its lobbying had some success, sources said.",
        "Sources said Foreign Minister Ishaq Dar is expected to visit Washington next week.",
        "The report said Pakistan would also be placed on the list of banned countries.",
        "China has imposed new export curbs, the report said.",
        "“We know so little,” the industry source said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[:4] == ["USA", "PAK", None, "CHN"]
    assert t.iloc[4]["holder"] is None  # the source's own words, not an act it relays


def test_a_headline_opening_on_abbreviated_home_offices_is_the_homes_act():
    for title in (
        "Govt awards 23 offshore oil exploration blocks after 18 years",
        "President, PM laud security forces' bravery in train rescue",
    ):
        r = _title_row(title)
        assert (r["holder"], r["holder_source"]) == ("PAK", "office")


def test_a_former_or_a_partys_office_holder_is_no_states_office():
    t = _tag(
        "RAWALPINDI: Imran Khan on Monday met his lawyers in Adiala jail.",
        "The former premier revealed that he had issued special instructions to his counsel for filing a "
        "contempt of court petition in the high court against the prison authorities.",
        "PTI Information Secretary Sheikh Waqqas Akram termed the matter a clear case of acquittal.",
        "Former president Arif Alvi played a key role in the campaign.",
        "The spokesperson said the talks were productive.",
        "• Claims ex-PM has cautioned party leaders against playing from both sides",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert t["holder"].tolist() == [None, None, None, None, "PAK", None]


def test_a_headlines_trailing_ex_title_is_no_states_office_however_the_parser_splits_it():
    assert _title_row("New pact aims to contain Israeli threat: ex-senator")["holder"] is None
    assert _title_row("New pact aims to contain Israeli threat: senator")["holder"] == "PAK"


def test_pakistans_national_security_committee_and_the_nsc_of_a_home_paper():
    t = _tag(
        "The National Security Committee condemned the strikes on Iran.",
        "The NSC reaffirmed Iran's right to self-defence.",
        publisher="Dawn",
    )
    assert list(t["holder"]) == ["PAK", "PAK"]
    # the name is the committee's, not a lower-case description of a legislature's committees
    house = _tag("The national security committees met.", publisher="The White House")
    assert house["holder"].iloc[0] != "PAK"


def test_a_name_after_the_state_its_title_names_is_learned():
    # "President of Pakistan X Y Z", which the parser reads as one phrase with the state
    t = _tag(
        "Acting President of Pakistan Syed Yusuf Raza Gilani here on Thursday called for political unity.",
        "Mr Gilani said that all provinces were receiving funds.",
        publisher="Dawn",
    )
    assert list(t["holder"]) == ["PAK", "PAK"]


def test_a_headlines_two_actors_with_an_abbreviation_act_together_with_their_cues():
    t = _tag(
        "ISLAMABAD: Officials of the two sides met on Monday.",
        "Both parties agreed to expand collaboration in border security.",
        title="Pakistan, U.S. reaffirm commitment to promote interfaith harmony",
        publisher="APP",
    )
    head, both = t.iloc[0], t.iloc[2]
    assert (head["holder"], head["holder_source"]) == ("PAK", "joint")
    assert any(d["target"] == "USA" and d["stance"] > 0 for d in head["target_stances"])
    assert (both["holder"], both["holder_source"]) == ("PAK", "joint")


def test_a_report_a_state_calls_its_own_speaks_for_it_when_named_again():
    t = _tag(
        "WASHINGTON: The US State Department released its annual human rights report on Friday.",
        "The report criticised Pakistan for its blasphemy laws.",
        "It also noted attacks against religious minorities.",
        publisher="Dawn",
    )
    assert list(t["holder"]) == ["USA", "USA", "USA"]
    assert [(d["target"], d["stance"] < 0) for d in t.iloc[1]["target_stances"]] == [("PAK", True)]


def test_a_listed_delegations_shared_title_is_each_members():
    # "Congressmen X, Y and Z": the last named is a congressman too, whatever the paper's home
    t = _tag(
        "ISLAMABAD: The US delegation met the interior minister on Saturday.",
        "The delegation comprised Congressmen John Doe, Tim Roe and Walter Jaxon.",
        "Congressman Jaxon also lauded the visit, saying he was impressed by Pakistan.",
        "Jaxon said the two countries shared values.",
        publisher="Dawn",
    )
    assert list(t["holder"])[2:] == ["USA", "USA"]


def test_a_speaker_out_of_office_speaks_for_no_state_even_under_a_states_title():
    t = _tag(
        "Former Pakistani envoy Sara Malik said the tariff deal was a good start.",
        "She added that the talks must go on.",
        "The trade deal was close, said Tom Ridley, a former US trade official.",
        "The spokesperson said the talks were productive.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert t["holder"].tolist() == [None, None, None, "PAK"]
    # named out of office under a state's title anywhere, the person is not learned as that state's
    t = _tag(
        "In an interview in Chicago, Ohio, former Pakistani minister Omar Qadri claimed the plan was funded.",
        "Welcoming the decision, Dr Qadri asserted that the commission was responsible.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert t.iloc[1]["holder"] is None


def test_a_headline_verb_read_as_a_plural_noun_is_read_again_as_the_verb():
    # "thanks" after the subject's name: the parser's plural noun, a name read as the verb
    r = _title_row("PM Shehbaz thanks Trump for role in the new trade deal")
    assert r["holder"] == "PAK" and [d["target"] for d in r["target_stances"]] == ["USA"]
    r = _title_row("PM thanks President Trump for proactive role in regional peace")
    assert r["holder"] == "PAK"
    # a verb before it ("slams") is the headline's verb; a question's auxiliary keeps it a noun
    assert _title_row("Iran condemns US, Israel strikes aimed at its oil fields")["holder"] == "IRN"
    assert _title_row("Will Trump join Iran attacks?")["holder"] is None


def test_a_states_source_tells_what_the_person_it_names_did():
    # "according to" a state's office: a person or office named as subject holds what they did
    r = _tag("According to the Foreign Office, the UN secretary general praised Pakistan's role in talks.")
    assert r.iloc[0]["holder"] == "UN"
    # a state named bare is the source's claim about it
    r = _tag("According to the Foreign Office, India rejected the offer of a neutral inquiry.")
    assert r.iloc[0]["holder"] == "PAK"
    # an analyst's account stays no state's
    r = _tag("According to one analyst, the US envoy praised the reforms.", publisher="Dawn")
    assert r.iloc[0]["holder"] is None


def test_its_office_is_the_subjects_states():
    r = _tag("China urged both sides to show restraint, its foreign ministry said.", publisher="Dawn")
    assert r.iloc[0]["holder"] == "CHN"
    r = _tag("Freedonia will host a summit next month, its foreign ministry said.", publisher="Dawn")
    assert r.iloc[0]["holder"] is None


def test_a_spokesman_who_names_his_state_as_its_own_subject_speaks_for_it():
    out = _tag(
        "Beijing criticised the new export curbs on Tuesday.",
        "“China hopes the two sides will settle their differences through dialogue,” foreign ministry "
        "spokesman Li Wen said.",
        "China will protect the rights of its firms, Li added.",
        publisher="Dawn",
    )
    assert out["holder"].tolist() == ["CHN", "CHN", "CHN"]
    # the home's spokesperson speaking of the other state, and a leader, stay the home's
    out = _tag(
        "India rejected the offer on Monday.",
        "“India wants to escalate,” the prime minister said.",
        "“Pakistan hopes for dialogue,” the spokesperson said.",
        publisher="Dawn",
    )
    assert out["holder"].tolist()[1:] == ["PAK", "PAK"]


def test_a_meeting_of_one_actors_body_states_its_position():
    r = _tag("An emergency meeting of the National Security Committee reaffirmed Freedonia's rights.")
    assert r.iloc[0]["holder"] == "PAK"
    # talks of two, or an actor's meeting with another, are no one's statement
    assert _tag("The Pakistan-US talks focused on trade.").iloc[0]["holder"] is None


def test_the_spokesperson_of_the_state_the_writer_contacted_speaks_for_it():
    out = _tag(
        "Visa rules for students were tightened on Monday.",
        "When Dawn reached out to the State Department, a spokesperson said the review was under way.",
        "Responding to the US statement, the spokesperson said Pakistan was disappointed.",
        publisher="Dawn",
    )
    assert out["holder"].tolist()[1:] == ["USA", "PAK"]


def test_a_columns_inference_about_an_actor_is_the_writers_analysis():
    out = _tag("In the region, Washington appears keen on partnering with Islamabad.", doc_type="opinion")
    assert out.iloc[0]["holder"] is None and out.iloc[0]["holder_source"] == "analysis"
    # without the inference verb, a stance in the clause keeps the actor's act
    out = _tag("Washington is keen on partnering with Islamabad.", doc_type="opinion")
    assert out.iloc[0]["holder"] == "USA"


def test_a_correspondent_or_an_editor_is_a_voice_of_no_state():
    r = _tag("A Pakistani correspondent in Washington reported that the talks had ended.", publisher="Dawn")
    assert (r.iloc[0]["holder"], r.iloc[0]["holder_source"]) == (None, "non-state voice")


def test_a_bare_weekday_after_a_name_is_no_part_of_the_name():
    # news-agency style ("Minister X Thursday praised"): the name keeps its role, and a later mention of it
    t = _tag(
        "Minister of State for Trade Karim Jaffar Baig Thursday praised the partnership between Pakistan and "
        "the United States.",
        "Karim Jaffar Baig further noted that the deal was a victory for both sides.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK"]


def test_a_headlines_trailing_name_the_parser_reads_as_a_verb_still_speaks():
    r = _title_row("‘Gates not shut’ to other Gulf partners in the new defence accord: Khawaja Asif")
    assert (r["holder"], r["holder_source"]) == ("PAK", "reported")


def test_only_a_weekday_right_after_a_name_is_put_in_small_letters():
    from convergence.tagging.syntax import weekday_case

    assert weekday_case("Envoy Rana Tahir Monday urged calm.") == "Envoy Rana Tahir monday urged calm."
    assert weekday_case("Envoy Rana Tahir Monday said so.") == "Envoy Rana Tahir monday said so."
    for text in ("The envoy on Monday urged calm.", "Late Monday night, the envoy left.", "Monday Blues"):
        assert weekday_case(text) == text


def test_a_title_of_a_body_outside_the_actor_file_opening_the_clause_is_no_states():
    # "Officials from <a state outside the actor file>" as subject: theirs, not the last holder's
    t = _tag(
        "Pakistan hosted a forum on maritime trade in Karachi on Monday.",
        "Officials from the Organisation of Islamic Cooperation were also present on the occasion.",
        "Envoys of Norway later joined the session, a press release said.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == [None, None]
    # the first is also read as a presence on the occasion ("aside"); neither carries the last holder
    assert t["holder_source"].tolist()[1] in ("third party", "aside")
    assert t["holder_source"].tolist()[2] == "third party"


def test_in_a_speech_a_title_of_the_speakers_own_state_is_no_third_partys():
    # Chile is outside the actor file, but in its own speech "The Government of Chile" is no third party
    speech = [
        "Here the delegation of Chile wishes to speak on the draft covenant on the rights of man.",
        "The Government of Chile has always honoured what the United Nations decides.",
    ]
    meta = {"country": "CHL", "year": 1950, "doc_type": "speech"}
    meta["publisher"] = "United Nations General Assembly"
    articles, sentences_ = make_corpus([{"paragraphs": [speech], **meta}])
    t = tag(sentences_, articles=articles, tone=False)
    assert "third party" not in t["holder_source"].tolist()


def test_a_statement_speaking_after_its_quotation_is_the_last_holders():
    # the office ("the statement") stands after the quotation, outside the clause the quotation opens
    t = _tag(
        "Pakistan hosted a forum on maritime trade in Karachi on Monday.",
        "“A quick return to talks was hoped for … to free the captives and to reach a lasting truce,” the "
        "statement added.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK", "PAK"]


def test_a_role_word_used_as_an_adjective_of_a_thing_names_no_office():
    # "military" before a thing describes it; before a role or a body it names the office
    t = _tag(
        "Pakistan and India exchanged fire along the border last spring.",
        "The brief military clash between the two neighbours ended as the talks in Riyadh resumed.",
        "The military spokesman said the border was calm on Sunday.",
        publisher="Dawn",
    )
    assert t["holder"].tolist()[1:] == [None, "PAK"]
    assert t["holder_source"].tolist()[1] == "thing"


def test_an_actors_name_in_capitals_the_parser_misreads_is_read_again_as_a_name():
    # the small model reads "USAID" after a dated opening as an adverb, which leaves the verb with no
    # subject; read again as a name, the clause is the agency's act, dated years back (history)
    t = _tag(
        "The clinic in Thatta has stood empty since the spring.",
        "In 2011, USAID committed a $40 million grant to rebuild the district's water works.",
        publisher="Dawn",
        date="2025-05-01",
    )
    assert t["holder"].tolist()[1] is None
    assert t["holder_source"].tolist()[1] == "history"


def test_capital_names_are_written_as_names_only_where_an_actor_is_named_past_the_dateline():
    from convergence.tagging.capitals import capital_names, name_case

    text = "ISLAMABAD: In 2011, USAID and the IMF met NADRA."
    spans = capital_names(text, [(0, 9), (20, 25), (34, 37)], start=11)
    assert spans == [(20, 25)]
    assert name_case(text, spans) == "ISLAMABAD: In 2011, Usaid and the IMF met NADRA."


def test_office_holders_of_earlier_governments_speak_for_their_state_only_in_their_terms():
    # the actor file covers 2013-2021 officials too: in a 2016 article the adviser and the spokesperson
    # speak for Pakistan and the US ambassador for the US; named in 2025, out of office, they hold nothing
    sentences = (
        "Sartaj Aziz told the Senate that talks with Kabul would resume next month.",
        "David Hale said Washington backed the talks.",
    )
    then = _tag(*sentences, publisher="Dawn", date="2016-03-01")
    assert then["holder"].tolist() == ["PAK", "USA"]
    now = _tag(*sentences, publisher="Dawn", date="2025-03-01")
    assert "USA" not in now["holder"].tolist()


def test_an_unnamed_office_of_the_place_a_report_is_filed_from_is_that_states():
    # a Pakistani paper's report datelined WASHINGTON: "the lawmakers" and "city officials" are American;
    # a named senator may be a visitor and stays the home's; the minister stays the home's
    t = _tag(
        "WASHINGTON: Two lawmakers on Friday moved a bill in the House to curb arms sales to the region.",
        "City officials said the consulate's road would stay closed until June.",
        "Senator Ayesha Rana said the visit had gone well.",
        "The minister said Pakistan would raise the matter in the talks.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "USA", "PAK", "PAK"]


def test_must_in_a_column_is_the_writers_advice_but_in_news_the_actors_own():
    # "X must ..." in the writer's own voice is advice in a column; in a news report it may be the actor's
    # own need, and the actor holds it
    sentences = ("Pakistan must keep up the pressure on Kabul to act against the militants in its east.",)
    column = _tag(*sentences, publisher="Dawn", doc_type="opinion")
    assert column["holder"].tolist() == [None]
    assert column["holder_source"].tolist() == ["analysis"]
    news = _tag(*sentences, publisher="Dawn")
    assert news["holder"].tolist() == ["PAK"]


def test_a_reporting_verb_in_a_clause_of_time_names_no_speaker_of_the_main_clause():
    # "after the US official said ...": another act, told to place the main clause in time
    t = _tag(
        "Pakistan turned down the offer after the US envoy said that Islamabad had to do more.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["PAK"]
    # ... unless the main clause only places the news in time: then the act it follows is the news
    t = _tag(
        "The decision comes a week after the US general described Pakistan as a valued partner.",
        "This was after the US president said that Washington would work with Islamabad on minerals.",
        publisher="Dawn",
    )
    assert t["holder"].tolist() == ["USA", "USA"]
    assert t.iloc[0]["target_stances"][0]["target"] == "PAK"
    # a speaker set off after the main clause still speaks
    t = _tag("Pakistan will join the talks next week, the Foreign Office said on Friday.", publisher="Dawn")
    assert t["holder"].tolist() == ["PAK"]


def test_a_head_of_state_the_actor_file_does_not_list_is_not_the_homes():
    # a state has one president and one prime minister at a time, and the actor file lists Pakistan's: in a
    # Pakistani paper "President Okonkwo" and "Prime Minister Lindqvist" head other states
    meta = {"publisher": "Dawn", "date": "2025-05-12"}
    for text in (
        "President Okonkwo praised the United States for its role in the talks.",
        "Prime Minister Ingrid Lindqvist thanked Pakistan for its support.",
        "Foreign Minister Tomas Varga praised the United States for its role in the talks.",
        "Senior Vice President Farah Qazi praised the United States for its role in the talks.",
    ):
        assert _tag(text, **meta).iloc[0]["holder"] is None, text
    # the home's own, the bare title, another title with it, and an office named after the title keep it
    for text in (
        "President Zardari praised the United States for its role in the talks.",
        "The president praised the United States for its role in the talks.",
        "PM adviser Tariq Mehmood said Washington would be engaged on tariffs.",
        "Foreign Minister Ishaq Dar praised the United States for its role in the talks.",
        "Punjab Information Minister Sadia Rauf praised the United States for its role in the talks.",
        "President Secretariat Press Wing said the president praised the United States.",
    ):
        assert _tag(text, **meta).iloc[0]["holder"] == "PAK", text


def test_a_title_learned_from_an_office_holder_names_no_one_in_another_states_title():
    # "Prime Minister Shehbaz Sharif" teaches the document his names; the title's words must not make the
    # next prime minister named, of another state, Pakistan's
    t = _tag(
        "Prime Minister Shehbaz Sharif congratulated the US president on his inauguration.",
        "Norwegian Prime Minister Ola Brekke wrote in a post on X, 'Congratulations, President Trump.'",
        "Prime Minister Tomas Varga also praised the United States for its role.",
        "The prime minister later invited President Trump to visit Pakistan.",
        publisher="Dawn",
        date="2025-01-21",
    )
    assert list(t["holder"].iloc[1:3]) == [None, None]
    assert t.iloc[3]["holder"] == "PAK"


def test_a_name_under_an_unqualified_home_title_outside_the_subject_is_learned():
    t = _tag(
        "The defence minister rejected the remarks of government spokesperson Danyal Chaudhry on the force.",
        "In a television interview, Chaudhry had said the force would disarm Hamas.",
        publisher="Dawn",
        date="2025-10-20",
    )
    assert t["holder"].tolist()[1] == "PAK"
    # another state's head under a sole office, a party's officer: no one's voice later
    t = _tag(
        "The premier thanked President Aliyev and the people of Azerbaijan for their support.",
        "Aliyev said the region would gain from peace.",
        "The minister also met PTI spokesperson Zulfi Bukhari.",
        "Bukhari said the talks had failed.",
        publisher="Dawn",
        date="2025-08-10",
    )
    assert t["holder"].tolist()[1] is None and t["holder"].tolist()[3] is None


def test_a_party_named_with_a_hyphen_is_a_party_voice():
    # the tokenizer splits "JUI-F" and "PML-N" at the hyphen; the party is still no state's voice
    t = _tag(
        "The JUI-F chief rejected the US-sponsored Gaza peace plan.",
        "PML-N Senator Irfan Siddiqui termed the incident a conspiracy against Pakistan.",
        publisher="Dawn",
        date="2025-10-01",
    )
    assert t["holder"].tolist() == [None, None]


def test_an_errand_or_an_attitude_on_be_is_the_subjects_act_not_a_description():
    t = _tag(
        "Interior Minister Mohsin Naqvi is currently on an official visit to the United States.",
        "The commerce minister is in Washington for talks on the tariff.",
        "Pakistan is keen to conclude a trade agreement with the US.",
        "The US remains Pakistan's biggest export market.",
        "The Indian premier would be in a difficult position.",
        "Pakistan is to repay $3bn to China by June.",
        "The goal of Pakistan's new trade policy is to double exports.",
        publisher="Dawn",
        date="2025-05-10",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "PAK", None, None, "PAK", None]


def test_a_thing_in_an_open_quotation_is_the_speakers_word():
    t = _tag(
        "“We want stronger trade ties with Washington,” Commerce Minister Jam Kamal said.",
        "“Pakistan’s textile exports deserve fairer access to the American market.",
        "Our industry is ready,” he added.",
        publisher="Dawn",
        date="2025-05-10",
    )
    assert t["holder"].tolist()[1] == "PAK"
    # a quotation whose subject names a state does not make the state its speaker
    t = _tag(
        "Analyst Ayesha Siddiqa spoke at the seminar in Lahore.",
        "“Pakistan must stay neutral.",
        "Washington’s pressure on Islamabad is growing.",
        "It will not ease soon,” she added.",
        publisher="Dawn",
        date="2025-05-10",
    )
    assert t["holder"].tolist()[2] is None


def test_a_party_whose_name_ends_on_the_state_speaks_for_no_state():
    t = _tag(
        "The Tehreek Labbaik Pakistan held a march against Israel.",
        "The Pakistan government condemned the strike on Qatar.",
        "Pakistan pacer Naseem Shah took three wickets against India.",
        publisher="Dawn",
        date="2025-09-12",
    )
    assert t["holder"].tolist() == [None, "PAK", None]


def test_we_in_a_quotation_opened_mid_sentence_is_the_speakers():
    t = _tag(
        "The Foreign Office welcomed the talks on Monday.",
        "Opposition leader Omar Ayub said, “We have always opposed foreign mediation.",
        "We will raise the question of US mediation in parliament.",
        "The people deserve answers.”",
        publisher="Dawn",
        date="2025-05-20",
    )
    assert t["holder"].tolist()[:3] == ["PAK", None, None]


def test_both_sides_of_one_actor_and_an_outside_party_are_that_actors():
    # the document's two sides are Pakistan and a body outside the actor file: "both sides" is Pakistan's act,
    # and no pair's (the US, named once, is not the other side)
    t = _tag(
        "BRUSSELS: Pakistan and the European Union held their security dialogue on Tuesday.",
        "Both sides agreed to deepen dialogue on security.",
        "The two sides also agreed to continue close engagement under the EU trade framework.",
        "The EU is Pakistan's second largest trading partner after the US.",
        publisher="Dawn",
        date="2025-05-20",
    )
    assert t["holder"].tolist()[1:3] == ["PAK", "PAK"]
    assert not any("USA" in (ts or []) for ts in t["targets"].tolist()[1:3])
    # where outside parties are named more often than any actor, "both sides" are those parties
    t = _tag(
        "A ceasefire between Thailand and Cambodia held on Tuesday.",
        "Thailand accused Cambodia of violating the truce, and Cambodia denied it.",
        "Both sides said some meetings between commanders had gone ahead.",
        "Pakistan welcomed the talks hosted by Malaysia.",
        publisher="Dawn",
        date="2025-07-29",
    )
    assert t["holder"].tolist()[2] is None


def test_a_report_titled_in_capitals_and_owned_by_its_is_the_states():
    # "the State Department said in its annual Fiscal Transparency Report": the report (a name in capitals)
    # is the State Department's, so "the report" after it speaks for the US
    t = _tag(
        "WASHINGTON: The United States has called on Pakistan to open its budget to oversight, the State "
        "Department said in its annual Fiscal Transparency Report.",
        "The report said Pakistan had made progress on some fronts.",
        publisher="Dawn",
        date="2025-09-10",
    )
    assert t["holder"].tolist() == ["USA", "USA"]


def test_an_office_no_sentence_has_named_is_the_publishers_not_a_state_named_later():
    # a sentence whose only clue to its holder is an office is parsed, so the document's context (publisher,
    # dateline, the actors named for the office before) resolves it, not the state the article names most
    t = _tag(
        "The provincial government has launched a drive against smog.",
        "The interior ministry is reviewing the matter.",
        "The US has raised the tariff on textiles to 29pc.",
        publisher="Dawn",
        date="2025-04-10",
    )
    assert t["holder"].tolist() == ["PAK", "PAK", "USA"]


def test_the_words_of_a_bodys_name_are_no_persons_name():
    # "the US District Court" does not teach "Court" as a US name: "the Islamabad High Court" is not the US's
    t = _tag(
        "She was convicted by the US District Court for the Southern District of New York in 2010.",
        "On July 12, the Islamabad High Court had expressed dissatisfaction over the federal government’s "
        "failure to submit a report.",
        publisher="Dawn",
        date="2025-08-02",
    )
    assert t["holder"].tolist()[1] != "USA"


def test_a_long_quotation_closed_on_its_speakers_name_is_all_the_speakers():
    # the quotation runs over several sentences and is attributed only where it closes: every sentence in it
    # is the speaker's word, not only the two after the one that opened it
    t = _tag(
        "US President Donald Trump on Wednesday praised Pakistan's leaders at a luncheon in Seoul.",
        "“Likewise, the prime minister of Pakistan is a great guy.",
        "You know why he’s a field marshal?",
        "He’s a great fighter.",
        "He really is.",
        "They were both going at it, and it was a big thing,” Trump said.",
        publisher="Dawn",
        date="2025-10-29",
    )
    assert t["holder"].tolist() == ["USA"] * 6


def test_a_demonstrative_said_to_be_a_thing_is_no_carried_holder():
    # the meeting is described; outside a quotation the demonstrative does not speak for the last holder
    rows = _tag(
        "Foreign Minister Ishaq Dar met US Secretary of State Marco Rubio in Washington on Monday.",
        "This is the first face-to-face meeting between the deputy prime minister and his US counterpart.",
        "The Foreign Office said Pakistan was in contact with Washington.",
        "“This is an ongoing process with the US.”",
    )
    assert rows["holder"].iloc[0] == "PAK" and rows["holder"].iloc[1] is None
    assert rows["holder_source"].iloc[1] == "description"
    # a quotation's "this is ..." is still its speaker's
    assert rows["holder"].iloc[3] == "PAK"


def test_the_election_commission_and_the_hec_are_the_states():
    rows = _tag(
        "On Oct 8, the ECP ordered local government polls in December.",
        "Talking to Dawn, Higher Education Commission (HEC) Chairman Dr Mukhtar Ahmed described the US "
        "programme as very useful for Pakistani students.",
        "“Such appointments risk being viewed as pre-poll manipulation,” the election commission added.",
        publisher="Dawn",
    )
    assert list(rows["holder"]) == ["PAK", "PAK", "PAK"]


def test_an_opening_participle_read_as_a_second_subject_leaves_the_speaker_the_holder():
    # the parser reads "Addressing members of ..." as a noun phrase and a second subject of "said"
    t = _tag(
        "Chief of Army Staff Field Marshal Asim Munir arrived in Washington on Sunday.",
        "Addressing members of the Pakistani diaspora in Florida, Field Marshal Munir said: \u201cMy second "
        "visit reflects the new era of ties.\u201d",
        publisher="Dawn",
        date="2025-08-10",
    )
    assert (t.iloc[1]["holder"], t.iloc[1]["holder_source"]) == ("PAK", "reported")
    # two actors listed as the subject are no participle ("A, B unite for ...")
    t = _tag(
        "India, through its First Secretary at the UN, Petal Gahlot, rejected the claim.", publisher="Dawn"
    )
    assert t.iloc[0]["holder"] == "IND"


def test_a_state_departments_review_is_its_voice():
    t = _tag(
        "According to a US Department of State periodic review updated on March 7, US citizens should "
        "reconsider travelling to Pakistan.",
        "\u201cSome areas have increased risk,\u201d the review said.",
        publisher="Dawn",
        date="2025-03-10",
    )
    assert list(t["holder"]) == ["USA", "USA"]


def test_a_speech_verb_in_a_free_relative_of_the_object_names_no_speaker():
    # "what it said was ...": the ministry hedges what it rejects; the sentence is the ministry's, not "it"'s
    t = _tag(
        "The information ministry on Tuesday dismissed what it said was a baseless report about a meeting "
        "with US officials.",
        title="Ministry dismisses report on talks with CIA",
        publisher="Dawn",
    )
    assert t.iloc[1]["holder"] == "PAK"
    # the speaker after the content still speaks: "..., it said"
    t = _tag("The US will review the deal, the ministry said.", publisher="Dawn")
    assert t.iloc[0]["holder"] == "PAK"


def test_an_admiral_and_a_navy_ship_act_for_their_state():
    t = _tag(
        "During the visit, Admiral Ashraf met the US chief of naval operations.",
        "The US Navy ship USS Wayne E. Meyer left Karachi after a port call.",
        publisher="Dawn",
        date="2025-10-01",
    )
    assert list(t["holder"]) == ["PAK", "USA"]


def test_a_representative_named_by_title_speaks_for_the_us():
    t = _tag(
        "Rep Joe Wilson criticised the treatment of political prisoners in Pakistan.",
        "The sales rep said the shipment was late.",
        publisher="Dawn",
        date="2025-10-01",
    )
    assert t.iloc[0]["holder"] == "USA"
    assert t.iloc[1]["holder"] is None or t.iloc[1]["holder"] != "USA"


def test_a_summary_bullet_opening_on_a_verb_is_the_headlines_holders():
    t = _tag(
        "\u2022 Says commodity imports may offset the tariff gap",
        "\u2022 Offers a trade boost if both sides keep talking",
        "ISLAMABAD: Finance Minister Aurangzeb on Tuesday spoke to reporters.",
        title="Aurangzeb confident Pakistan can absorb US tariffs",
        publisher="Dawn",
        date="2025-04-10",
    )
    assert list(t["holder"][:3]) == ["PAK", "PAK", "PAK"]


def test_the_officials_of_two_states_named_together_act_jointly():
    t = _tag(
        "The governments of Pakistan and the United States remain in active collaboration on migration "
        "cases.",
        "Pakistani and US officials discussed closer cooperation on trade.",
        "Pakistan's officials met on Monday.",
        publisher="Dawn",
        date="2025-05-02",
    )
    assert list(t["holder_source"]) == ["joint", "joint", "possessive"]
    assert all(
        any(d["target"] == "USA" and d["stance"] > 0 for d in t.iloc[i]["target_stances"]) for i in (0, 1)
    )


def test_a_member_of_the_delegation_speaks_for_it_also_out_of_office():
    t = _tag(
        "A parliamentary delegation led by PPP Chairman Bilawal Bhutto-Zardari arrived in Washington on "
        "Monday.",
        "Former foreign minister Hina Rabbani Khar \u2014 also part of the delegation \u2014 said that India "
        "had learned no lesson.",
        "Sherry Rehman, a member of the delegation, said India had misled the world.",
        "Former foreign minister Bilawal Bhutto-Zardari said India was isolated.",
        "Former prime minister Imran Khan said the talks had failed.",
        publisher="Dawn",
        date="2025-06-04",
    )
    assert list(t["holder"][1:4]) == ["PAK", "PAK", "PAK"]
    assert t.iloc[4]["holder"] is None


def test_a_headlines_trailing_source_relays_what_precedes_it():
    # the parser reads "…, Pakistanis soon: report" as Pakistanis reporting
    r = _title_row("New Trump travel ban could bar Afghans, Pakistanis soon: report")
    assert r["holder"] == "USA"
    r = _title_row("Modi turned down White House visit over concern of meeting army chief: report")
    assert r["holder"] == "IND"
    # a state's officials are no relay: they speak
    r = _title_row("Pakistan downs five Indian jets in retaliation: officials")
    assert r["holder"] == "PAK"


def test_a_question_put_to_an_official_is_no_position_of_theirs():
    for text in (
        "Rubio was also asked whether the recent improvement in ties between the US and Pakistan was based "
        "on Islamabad's recognition of the US role.",
        "During the interview, the finance minister was asked how big a challenge the recent floods posed.",
    ):
        r = _tag(text, date="2025-06-01").iloc[0]
        assert r["holder"] is None and r["holder_source"] == "aside", text
    # the answer given in the same sentence, or someone asking another, keeps the holder
    r = _tag(
        "At the hearing, the US general was asked about the Afghan border, where he outlined the US view.",
        date="2025-06-01",
    ).iloc[0]
    assert r["holder_source"] != "aside"
    assert _tag("Trump asked Pakistan to do more.", date="2025-06-01").iloc[0]["holder"] == "USA"


def test_an_aide_to_a_leader_is_of_the_leaders_state_not_the_home_country():
    t = _tag(
        "Sebastian Gorka, Deputy Assistant to President Donald Trump, praised Pakistan.",
        "Mr Gorka also praised Pakistan's help.",
        publisher="Dawn",
        date="2025-06-01",
    )
    assert list(t["holder"]) == ["USA", "USA"]
    r = _tag("The Special Assistant to the Prime Minister praised the US.", publisher="Dawn").iloc[0]
    assert r["holder"] == "PAK"


def test_a_lawmaker_named_by_a_party_sits_for_its_state_and_a_congressman_is_read():
    out = _tag(
        "WASHINGTON: Republican lawmaker Joe Wilson called for the release of Imran Khan in the House.",
        "Congressman Wilson raised the issue during a general debate.",
        "“Pakistan has been a valued partner of the United States,” he told the House of Representatives.",
        "Democratic Senator Chris Van Hollen criticised Pakistan's crackdown on the opposition.",
        "Republican strategists said the party would win the midterms.",
        publisher="Dawn",
        date="2025-02-01",
    )
    assert list(out["holder"].iloc[:4]) == ["USA", "USA", "USA", "USA"]
    assert out["holder"].iloc[4] in (None, "")  # a party word alone names no office


def test_a_stance_an_event_shows_is_its_owners():
    out = _tag(
        "The US envoy met the chief minister in Karachi.",
        "The visit underscored the US commitment to supporting Pakistan’s economic development.",
        "The meeting reflected Pakistan's desire to deepen cooperation with the United States.",
        "The visit took place in a cordial atmosphere.",
        publisher="Dawn",
        date="2025-02-01",
    )
    assert list(out["holder"].iloc[1:3]) == ["USA", "PAK"]
    assert out["holder"].iloc[3] in (None, "")  # a thing that shows no one's stance holds none


def test_as_per_a_source_names_it_like_according_to():
    out = _tag(
        "As per the Foreign Office, the talks with the US delegation were held in Islamabad.",
        "As per the agreement, the US will buy more Pakistani textiles.",
        publisher="Dawn",
        date="2025-02-01",
    )
    assert (out["holder"].iloc[0], out["holder_source"].iloc[0]) == ("PAK", "reported")
    assert out["holder"].iloc[1] == "USA"  # a text followed is no source: the subject acts


def test_a_place_in_a_group_an_act_defines_is_that_act():
    out = _tag(
        "Pakistan was one of the eight Arab and Muslim countries to work with Trump on the Gaza plan.",
        "Pakistan is also among the countries that have signed trade deals with the US.",
        "The US remains Pakistan's largest export market.",
        "Among the leaders attending will be Iranian President Masoud Pezeshkian.",
        publisher="Dawn",
        date="2025-10-01",
    )
    for i in (0, 1):
        assert out["holder"].iloc[i] == "PAK"
        assert {t["target"]: t["stance"] for t in out["target_stances"].iloc[i]}["USA"] > 0
    assert out["holder"].iloc[2] in (None, "")  # a description states no position
    assert out["holder"].iloc[3] != "IRN"  # a participle describes the group: no act of its members
