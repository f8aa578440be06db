"""``tag()``: issue areas, actors, holders, stance, relation cues and tone for every sentence of a corpus."""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..deprecated import renamed
from ..engine import ENGINES, EngineName, map_batches
from ..errors import ConvergenceError
from .blows import endorsed_blows
from .bonds import Bonds, rated_ties
from .both import both_pattern, both_targets
from .capitals import capital_names, reread_names
from .context import (
    DocContext,
    dateline_country,
    load_attribution,
    local_pair,
    pair_elsewhere,
    publisher_code,
    spelling,
    third_counts,
)
from .delegations import delegation_members
from .headings import (
    SUMMARY_BULLETS,
    before_bullets,
    headline_opener,
    joint_opener,
    names_own_act,
    office_opener,
    source_tail,
)
from .headverbs import reread
from .holders import HolderRules
from .lexicon import (
    Actors,
    TagDataError,
    Taxonomy,
    load_actors,
    load_relations,
    load_stance_lexicon,
    load_taxonomy,
)
from .lists import listed_starts
from .matcher import ACTOR, ISSUE, RELATION, STANCE, Matcher, fold, longest_first, normalize_many, word_forms
from .offices import in_office_name, office_patterns
from .pacts import pact_stances
from .quotes import closes_on, first_person, inside_quotes, quote_goes_on
from .releases import release_demands
from .stance import in_name, qualifier, relation_of, stance_of
from .sympathy import mourned_place
from .syntax import Reader, dateline_end, headline_case, parse_many, token_codes
from .ties import ties_stance
from .titles import other_body
from .tone import analyzer
from .topic import about_relationship, neighbour_issues, subject_actor, topic_of
from .turns import ANSWER_CLEAR, Turns

ARTICLE_COLUMNS = ["date", "year", "publisher", "country", "title", "url", "doc_type"]


class SentenceTags(NamedTuple):
    """What the tagger says of one sentence (one row's tag columns, in ``TAG_COLUMNS`` order)."""

    issues: list
    issue_source: str
    issue_terms: list
    actors: list
    actor_terms: list
    holder: str | None
    holder_source: str
    targets: list
    stance: float
    stance_cues: list
    target_stances: list
    relation: float
    relation_cues: list
    relation_pairs: list
    clauses: list
    cues: list
    tone: float
    mode: str


TAG_COLUMNS = list(SentenceTags._fields)
_REQUIRED = ("doc_id", "sent_id", "text")
_POSS = "'s"
_STANCE_CLASSES = ("cooperation", "conflict", "pressure", "offence")
_ACT_CLASSES = ("cooperation", "conflict", "pressure")  # cues of an act toward someone (not an offence's)
_NOT_NOW = ("conditional", "hypothetical", "historical")  # modes whose stance is not the current position
_SOLIDARITY = 0.5  # stance toward the place of a condemned violent event
_CREDIT = 0.5  # stance toward an actor credited with a good part (attribution.yaml credit_nouns)
_BLAME = -0.5  # stance toward an actor blamed for a misdeed (attribution.yaml misdeed_verbs)
_JOINT_WEIGHT = 0.5  # relation weight of a joint subject's act ("Pakistan and the US agreed ...")
_SERIAL_BELOW = 50_000  # sentences; smaller corpora are tagged in-process

_TAGGERS: dict = {}  # per process: data-file key -> DocumentTagger
_BATCH_SENTENCES = 20_000  # sentences per task at most (more tasks than workers, to balance them)


class TagError(ConvergenceError, ValueError):
    """Input that cannot be tagged (missing columns, wrong type)."""


_APPEAL_GAP = re.compile(r"\s+(?:(?:on|upon)\s+)?")  # "urged both sides", "called on both sides"
_QUOTE_MARK = re.compile('["\u201c\u201d]')  # a quotation mark in the sentence


class DocumentTagger:
    """The loaded data files and rules that tag one document's sentences at a time (:meth:`document`)."""

    def __init__(self, taxonomy: Taxonomy, actors: Actors, stance, relations, *, tone: bool):
        self.matcher = Matcher(taxonomy, actors, stance, relations)
        self.actors = actors
        self.rules = HolderRules(actors)
        self.attribution = load_attribution(codes=actors.codes)
        self.rules.third_parties = self.attribution.third_parties
        words = sorted(self.attribution.pair_words, key=len, reverse=True)
        self._pair_words = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None
        self._both = both_pattern(self.attribution.both_words)
        self._bonds = Bonds(relations)
        # a name right before a reporting verb in any regular form ("Piggott replied", "Mr Taj claimed"): its
        # sentence is parsed for its speaker, whom an earlier sentence may have named
        forms = sorted(
            {f for v in self.attribution.reporting_verbs for f in word_forms(v)}, key=len, reverse=True
        )
        self._reporting = (
            re.compile(r"\b[A-Z][\w'’.-]*\)?\s+(?:\w+\s+)?(?:" + "|".join(map(re.escape, forms)) + r")\b")
            if forms
            else None
        )
        nouns = sorted(self.attribution.delegation_nouns, key=len, reverse=True)
        self._delegation = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")s?\b") if nouns else None
        )
        # a sentence that opens on a meeting ("During the meeting, detailed discussions were held on ...")
        meetings = sorted(self.attribution.meeting_nouns, key=len, reverse=True)
        self._meeting = (
            re.compile(r"^\W*(?:[\w'’-]+\W+){0,5}?(?:" + "|".join(map(re.escape, meetings)) + r")s?\b", re.I)
            if meetings
            else None
        )
        # words a headline's verb may be (headverbs.py): the stance lexicon's, reporting and light verbs
        self._verbs = frozenset(
            {c.cue for c in stance.cues if c.cue.isalpha()}
            | set(self.attribution.reporting_verbs)
            | set(self.attribution.light_verbs)
        )
        self.reader = Reader(
            self.attribution,
            actors.rules.get("non_state_nouns", ()),
            actors.rules.get("joint_subjects", ()),
        )
        # the words of every office holder's name, in or out of office ("Asif Zardari" is President Zardari)
        self.reader.known_names = frozenset(
            spelling(w) for n in actors.names if n.holder for w in re.findall(r"[^\W\d_]+", n.holder)
        )
        self.tone = tone
        self._tone = analyzer().compound if tone else None  # loaded once, before any fork
        self.max_chain = taxonomy.inherit_max_chain
        self.topic_share = taxonomy.inherit_topic_share
        self.offices = office_patterns(taxonomy.offices, taxonomy.not_issues)
        q, a = actors.transcripts.get("question", ()), actors.transcripts.get("answer", ())
        self.question = re.compile("|".join(f"(?:{x})" for x in q)) if q else None
        self.answer = re.compile("|".join(f"(?:{x})" for x in a)) if a else None
        # phrases that mean an actor once it is named earlier in the document ("the Fund" -> IMF)
        self.aliases = [
            (code, [p for p in phrases], re.compile(r"\b(?:" + "|".join(
                re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
            ) + r")(?:'s|')?(?!\w)"))
            for code, phrases in actors.doc_aliases.items()
            if phrases
        ]  # fmt: skip
        # an office holder's surname alone ("Ms Bruce", "Zardari") once the full name is in the document
        self.surnames: dict[str, tuple[str, str]] = {}
        for name in actors.names:
            parts = (name.holder or "").split()
            if name.code and len(parts) >= 2 and parts[-1][:1].isupper():
                self.surnames.setdefault(name.holder, (name.code, parts[-1]))
        openers = sorted(set(taxonomy.inherit_openers), key=len, reverse=True)
        self.opener = (
            re.compile(r"^(?:" + "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in openers) + r")\b")
            if openers
            else None
        )

    def document(self, texts, date, speaker, meta=None):
        """Tag one document's sentences (in order); returns one :class:`SentenceTags` per sentence (None
        when it has neither issue nor actor). ``meta``: the article's ``publisher`` and ``url`` (for its
        home country) and ``parse`` (False: the document's speaker states every position, as in a UN
        speech, and the dependency parse is skipped)."""
        m = self.matcher
        payloads = m.payloads
        norms = normalize_many(texts)
        starts, pos = [], 0
        for t in norms:
            starts.append(pos)
            pos += len(t) + 1
        joined = "\n".join(norms)
        low = fold(joined)
        n = len(norms)
        per = [None] * n
        for h in m.scan(joined, low):
            i = bisect_right(starts, h[0]) - 1
            if per[i] is None:
                per[i] = ([], [], [], [])
            s0 = starts[i]
            per[i][payloads[h[2]].layer].append((h[0] - s0, h[1] - s0, h[2], h[3]))
        empty = ([], [], [], [])
        lows = [low[starts[i] : starts[i] + len(norms[i])] for i in range(n)]
        own, seen, people = [], [], []
        for i in range(n):
            layers = per[i]
            if layers is None:  # no hit: no issue, no actor
                own.append(([], [], [], [], []))
                seen.append([])
                people.append([])
                continue
            mentions, codes, actor_terms, holders, persons = self._actors(layers[ACTOR], date, norms[i])
            issues = self._issues(layers[ISSUE], lows[i], mentions, norms[i])
            own.append((*issues, mentions, codes, actor_terms))
            seen.append(holders)
            people.append(persons)
        if self.aliases or self.surnames:
            self._resolve_aliases(own, seen, norms, lows, people)
        # a sentence cut without end punctuation (page break) is continued by the next one; a headline is not
        frag = [
            i + 1 < n and bool(norms[i]) and norms[i][-1].isalnum() and bool(norms[i + 1]) for i in range(n)
        ]
        titled = bool((meta or {}).get("title"))
        if titled and n:
            frag[0] = False
        turns = Turns(norms, speaker, self.question, self.answer, self.max_chain)
        speakers = turns.speakers
        counts: dict = {}
        for o in own:
            for c in o[3]:
                counts[c] = counts.get(c, 0) + 1
        ranked = sorted(counts, key=lambda c: -counts[c])  # stable: ties keep the first mentioned first
        dominant = ranked[0] if ranked else None
        doc_pair = tuple(ranked[:2]) if len(ranked) >= 2 else None
        meta = meta or {}
        outside = None  # the sentences naming each state or body outside the actor file, counted once
        if doc_pair and self.attribution.third_parties is not None and meta.get("parse", True):
            # a state or body outside the actor file named in more sentences than the second actor is the
            # document's other side ("Pakistan, EU agree to ...", a Pakistan-Kyrgyzstan commission): "both
            # sides" and "bilateral" there are not the two actors (a speech, read lexically, is not searched)
            outside = third_counts(norms, self.attribution.third_parties)
            if outside and max(outside.values()) > counts[doc_pair[1]]:
                doc_pair = None
        # the publisher's home country (publisher name, then URL domain), else the dateline's ("ISLAMABAD:");
        # a dateline abroad ("WASHINGTON:" in a Pakistani paper) is the place of the report's offices
        place = dateline_country(norms[int(titled)] if n > titled else None, self.attribution, self.actors)
        home = publisher_code(meta, self.attribution.home_publishers, self.attribution.home_domains) or place
        if doc_pair and doc_pair[1] == home:
            doc_pair = (home, doc_pair[0])  # the pair acting together ("both sides agreed") is the home's act
        side = None
        if (
            doc_pair is None
            and home
            and self.attribution.third_parties is not None
            and meta.get("parse", True)
        ):
            # the home and a state or body outside the actor file as the two sides ("Pakistan, EU agree to
            # ..."): "both sides agreed" is the home's act, when no outside party is named more often (in a
            # report on Thailand and Cambodia "both sides" are those two)
            if outside is None:
                outside = third_counts(norms, self.attribution.third_parties)
            if outside and home in counts and counts[home] >= max(outside.values()):
                side = home
        recent: list = [None] * n  # holder of each sentence, for generic titles
        recent_source: list = [""] * n  # and how it was found
        opinion = str(meta.get("doc_type") or "").casefold() in self.attribution.opinion_doc_types
        readings, meeting_only = (
            self._parse(norms, own, lows, titled=titled, speaker=speaker)
            if meta.get("parse", True)
            else ({}, set())
        )
        # a speech ranges over many issues, and a transcript's questions set its topics (turns.py): only an
        # article or a statement lends its topic
        topic = (
            topic_of([o[0] for o in own], min_share=self.topic_share, headline=titled, news=speaker is None)
            if meta.get("parse", True) and not turns.transcript
            else None
        )
        ctx = DocContext(
            home=home,
            speaker=speaker,
            pair=doc_pair,
            side=side,
            place=place if place != home else None,
        )
        if readings:
            self._delegations(readings, own, lows, ctx)
        year = date.year if date is not None else None
        prev_quoted = False
        quoted = inside_quotes(norms)
        about = subject_actor(own[0][3] if titled and n else [], speaker, titled=titled)
        out: list = [None] * n
        prev_issues, prev_terms, chain, prev_holder = [], [], 0, None
        prev_aim = None  # (holder, the one actor it aimed at, whether for it) in the last sentence
        prev_named, prev_third = [], False  # the actors the last sentence named; whether it named a 3rd party
        named_pairs: dict = {}  # relation cue -> the pair it was named with ("the US-India joint statement")
        general: set = set()  # sentences whose only relation cues rate the ties in general (see bonds.py)
        order = list(range(n))
        for i in order:
            if titled and i == 0 and out[0] is not None:
                # the headline again, after the body has named the person it calls by one name ("Ahsan calls
                # for reset in US-Pakistan relations"); the body does not continue it either way
                prev_issues, prev_terms, chain, prev_holder, prev_quoted = [], [], 0, None, False
            text, slow = norms[i], lows[i]
            layers = per[i] or empty
            issues, terms, mentions, codes, actor_terms = own[i]
            extra_codes = []
            rated = None  # the subject a stative clause's predicate rates, when it was read as the holder
            misread = False  # a headline whose two actors the parser read as one noun phrase
            if frag[i]:
                nxt = own[i + 1]
                issues = list(dict.fromkeys([*issues, *nxt[0]]))
                terms = list(dict.fromkeys([*terms, *nxt[1]]))
                extra_codes = nxt[3]
            source = "matched" if issues else ""
            if issues:
                chain = 0
            elif prev_issues and chain < self.max_chain and self.opener and self.opener.match(slow):
                issues, terms, source = prev_issues, prev_terms, "inherited"
                chain += 1
            third = self.attribution.third_parties  # a question on a state outside the actor file
            others = (
                turns.transcript and not speakers[i] and third is not None and third.search(text) is not None
            )
            issues, terms, asked = turns.topic(i, issues, terms, codes, others=others)
            if asked:
                source = "inherited"  # a briefing's answer takes what was asked
            if not issues and not codes and not meta.get("parse", True):
                # a speech whose country speaks: a sentence on no issue naming no actor changes nothing
                prev_issues, prev_terms, prev_holder = [], [], None
                prev_named, prev_third = [], False
                continue
            headline = titled and i == 0
            stance_hits = [
                (s, e, payloads[p].item)
                for s, e, p, _ in longest_first(layers[STANCE])
                if headline or not in_name(text, s, e)
            ]
            cue_spans = [(s, e) for s, e, c in stance_hits if c.cls in _ACT_CLASSES]
            cue_starts = [s for s, _e in cue_spans]
            # an "ignore" phrase swallows relation cues too ("the forum brought together 60 countries")
            ignored = [(s, e) for s, e, c in stance_hits if c.cls == "ignore"]
            reading = meeting = None
            if i in readings:
                real = [m for m in mentions if m[2] is not None and self.rules.state_voice(slow, m)]
                if i in meeting_only:
                    meeting = self.reader.meeting_clause(readings[i], real)
                else:
                    # a quotation opened earlier, also mid-sentence ("X said, “We oppose it. ... We will raise
                    # it ..."), is still open: its "we" is the speaker's
                    reading = self.reader.read(
                        readings[i],
                        text,
                        real,
                        ctx,
                        year=year,
                        prev_quoted=prev_quoted or quoted[i],
                        people=people[i],
                    )
                    meeting = reading.clause if reading.meeting else None
                    prev_quoted = text[:1] in '"“' and not text.rstrip().endswith(('"', "”"))
                    if not headline and reading.nominal:
                        # "the suspect", "the press", "in May": a verb-only cue the parse reads as a noun
                        # is none, for the holder rules too (a headline's verbs are often read as nouns:
                        # "US, India share desire to ...")
                        stance_hits = [
                            h
                            for h in stance_hits
                            if not any(h[0] < b and a < h[1] for a, b in reading.nominal)
                        ]
                        cue_spans = [(s, e) for s, e, c in stance_hits if c.cls in _ACT_CLASSES]
                        cue_starts = [s for s, _e in cue_spans]
            if speaker and not speakers[i]:
                holder, hsource, subject_span = None, "", None  # a reporter's question states no position
            elif i > 0 and frag[i - 1] and prev_holder and (reading is None or not reading.decided):
                # the rest of a sentence cut by a page break; a line with a subject of its own is a sentence
                # under a heading ("Nicole D. Theriot, Nominee for ..." / "Nicole D. Theriot, a career ...")
                holder, hsource, subject_span = prev_holder, "carryover", None
            elif reading is not None and reading.implied and i > 0 and not speaker:
                # a summary bullet under a headline ("• Calls attack a violation of international law") says
                # what the headline's or the previous bullet's holder did
                holder, hsource, subject_span = before_bullets(recent, norms, i), "carryover", None
            elif (
                titled
                and i == 0
                and not speaker
                and (joint := joint_opener(text, [m for m in mentions if self.rules.state_voice(slow, m)]))
            ):
                # "Pakistan, US vow to strengthen ties": the two acting together, the home's act (the parser
                # reads the first name as a modifier)
                holder, hsource, subject_span = (home if home in joint else joint[0]), "joint", None
                misread = True
            elif (
                titled
                and i == 0
                and not speaker
                and reading is not None
                and reading.source == "thing"
                and (opener := headline_opener(text, mentions))
                and len(text[mentions[0][1] : reading.subject_at].split()) >= 2
            ):
                # "Pakistan assails 'unfair' US curbs, ...": the parser took a thing further on for the
                # subject; the headline opens with its actor ("Afghan refugees stuck ..." is that thing)
                holder, hsource, subject_span = opener, "subject", None
            elif reading is not None and reading.decided and not speaker:
                holder, hsource, subject_span = reading.holder, reading.source, None
            elif titled and i == 0 and speaker and names_own_act(slow, self.attribution.speaker_titles):
                holder, hsource, subject_span = speaker, "document", None  # "Statement by X on ..."
            elif titled and i == 0 and (reading is None or not reading.decided and not reading.verbless):
                # a headline naming no actor as subject, unless it opens with one the parser could not tie to
                # its verb ("Pakistan requests emergency OIC session on ...", read as one noun phrase)
                holder, hsource, subject_span = headline_opener(text, mentions), "subject", None
                if (
                    holder is None
                    and home
                    and not speaker
                    and office_opener(text, slow, self.rules.office, mentions)
                ):
                    holder, hsource = home, "office"  # "Army chief lauds ...": the home's officials
                if holder is None:
                    hsource = ""
            elif speaker and meta.get("parse", True):
                holder, hsource, subject_span = _speaker_turn(reading, speaker, text, mentions)
            else:
                context = next((h for h in reversed(recent[max(0, i - 3) : i]) if h), None) or dominant
                # "This factor has caused ...": the parse's subject is a thing, not the last holder
                carried = None if reading is not None and reading.pointed else prev_holder
                holder, hsource, subject_span = self.rules.holder(
                    text,
                    slow,
                    mentions,
                    cue_starts,
                    carried,
                    speakers[i],
                    context,
                    doc_pair or (side and (side,)),
                )
                if hsource == "joint" and doc_pair is None:
                    hsource = "subject"  # "both sides" of the one actor and an outside party: no pair acts
                taken = next((m for m in mentions if m[2] == holder), None)
                if (
                    hsource == "subject"
                    and reading is not None
                    and reading.thing_subject is not None
                    and taken is not None
                    and not reading.thing_subject[0] <= taken[0] < reading.thing_subject[1]
                ):
                    # the parse read a thing naming no actor as the subject ("A distance of 3,300 km
                    # separates Islamabad from Tel Aviv"): the actor the rules took is no subject
                    holder, hsource, subject_span = None, "thing", None
                owner = next((m for m in mentions if m[2] == holder and m[3]), None)
                if (
                    hsource == "possessive"
                    and owner is not None
                    and i in readings
                    and self.reader.owns_thing(readings[i], owner[1])
                ):
                    # the parse read no subject, and the possessive the rules took qualifies a thing of the
                    # actor ("Pakistan's shrimp exports have been banned since 2017"): not the actor's act
                    holder, hsource, subject_span = None, "thing", None
                if (
                    holder is None
                    and meeting is not None
                    and not opinion
                    and i > 0
                    and recent[i - 1]
                    and _in_zone(stance_hits, meeting, counted_only=True)
                ):
                    # "Detailed discussions were held on enhancing cooperation": what a meeting of the one the
                    # sentence before names took up; where or when it took place states no one's position
                    holder, hsource, subject_span = recent[i - 1], "carryover", None
            if (
                reading is not None
                and reading.stative
                and (
                    hsource in ("subject", "joint", "office")
                    # outside a quotation, whose "this is ..." is still the speaker's
                    or hsource == "carryover"
                    and reading.copular
                    and not quoted[i]
                    and not _QUOTE_MARK.search(text)
                )
                and not _in_zone(_outside(stance_hits, reading.rating), reading.clause, counted_only=True)
            ):
                # "The US remains Pakistan's largest export market": a description of the actor, with no
                # stance in its clause, states no position of it; nor does one that rates it ("Modi is a great
                # friend", "Trump is a man of peace": someone else's praise of it)
                if _in_zone(stance_hits, reading.rating, counted_only=True):
                    rated = holder
                holder, hsource, subject_span = None, "description", None
            if (
                opinion
                and reading is not None
                and reading.narrated
                and holder is not None
                and holder == reading.holder
                and hsource == reading.source
                and not self.attribution.official_acts.intersection(reading.verbs)
                and not self.attribution.reporting_verbs.intersection(reading.verbs)
                and (
                    not _in_zone(stance_hits, reading.clause, counted_only=True)
                    or self.attribution.inference_verbs.intersection(reading.verbs)
                )
            ):
                # a column's own sentence about an actor with no stance in its clause ("The US is addicted to
                # war", "Pakistan has rarely diverged from that trajectory") is the writer's analysis, and so
                # is the writer's inference, stance or not ("the US appears focused on partnering with ...")
                holder, hsource, subject_span = None, "analysis", None
            if (
                reading is not None
                and (reading.prescribed or opinion and reading.obliged)
                and hsource == "subject"
                and not quoted[i]
                and text[:1] not in '"“‘'
            ):
                # the writer's own advice to an actor ("Pakistan should avoid bilateral aid", "Islamabad
                # should not forget ..."): what the writer holds, not the actor ("the US must rely on
                # Pakistan" may be the actor's own need)
                holder, hsource, subject_span = None, "analysis", None
            if (
                reading is not None
                and reading.narrated
                and reading.dated
                and holder is not None
                and hsource in ("subject", "agent", "joint", "carryover")
                and not quoted[i]
                and text[:1] not in '"“‘'
                and not self.attribution.reporting_verbs.intersection(reading.verbs)
            ):
                # the writer's own account of the past ("In 2019, Washington booted Ankara out of ...", "X
                # took over the US mission in Pakistan in 2022"): history, not a position the actor holds now
                holder, hsource, subject_span = None, "history", None
            if (
                holder is None
                and hsource in ("", "description", "expletive", "thing")
                and i > 0
                and recent[i - 1]
                # a thing is the speaker's word, not the subject's whom a quotation names ("“Pakistan must
                # act. Its economy is at risk,” he added": no state's if he is no official)
                and (hsource != "thing" or recent_source[i - 1] != "subject")
                and (
                    text[:1] in '"“‘'
                    or quoted[i]
                    and (
                        first_person(slow)
                        or quote_goes_on(norms, quoted, i)
                        # a quotation attributed only where it closes, after many sentences; not after a
                        # sentence whose holder is its own subject ("“Israel dare not look at Pakistan.")
                        or recent_source[i - 1] != "subject"
                        and closes_on(
                            norms, lows, quoted, i, recent[i - 1], self.rules.speech, lambda k: own[k][2]
                        )
                    )
                )
            ):
                # a quotation the sentence does not attribute continues the last holder ("He thanked ... .
                # “We are committed to ...”), also when it describes another actor ("“The Indian authorities
                # are in the custom of imposing such curbs ...”") or a thing of one ("“Pakistan's exports
                # to the US have grown"), and so does the rest of a quotation opened earlier
                holder, hsource, subject_span = recent[i - 1], "carryover", None
            recent[i] = holder
            recent_source[i] = hsource
            ctx.prev_holder = None if headline else holder
            if holder:
                ctx.last_holder = holder
            targets = [c for c in dict.fromkeys([*codes, *extra_codes]) if c != holder]
            mode = ""
            all_hits = stance_hits
            if reading is not None:
                mode = reading.mode
                zone = (
                    reading.zone if _in_zone(stance_hits, reading.zone, counted_only=True) else reading.clause
                )
                if not misread:
                    stance_hits = _in_zone(stance_hits, zone, drop_all=mode in _NOT_NOW)
                stance_hits = _past_light_verbs(stance_hits, reading.light)
                # "X's appeal to Biden was rejected": a blow dealt by someone the sentence does not name,
                # not by the holder
                stance_hits = [
                    h
                    for h in stance_hits
                    if h[2].weight >= 0 or not any(h[0] < b and h[1] > a for a, b in reading.passive)
                ]
                # "... and India rejected the offer": a coordinated clause of another actor's act
                stance_hits = [
                    h
                    for h in stance_hits
                    if not any(
                        a <= h[0] and h[1] <= b
                        for a, b, codes in reading.others_clauses
                        if holder not in codes
                    )
                ]
                targets = list(dict.fromkeys([*(t for t in reading.targets if t != holder), *targets]))
                if quoted[i] or text[:1] in '"“‘' or hsource in ("reported", "document"):
                    # "Prime Minister Shehbaz Sharif, a very good man,": praise the speaker sets beside a name
                    # rates that actor, though the clause zone leaves the apposition out
                    praise = [
                        h
                        for h in all_hits
                        if h[2].cue in self.attribution.appraisal_cues
                        and h not in stance_hits
                        and any(c != holder and _in_spans(h, spans) for c, spans in reading.praised)
                    ]
                    stance_hits = sorted([*stance_hits, *praise], key=lambda h: h[0])
            approvals, blows = endorsed_blows(slow, stance_hits, all_hits, mentions, holder)
            if blows:
                # "hailed the FATF snub to Indian designs": the holder sides with the blow
                stance_hits = sorted(
                    [*(h for h in stance_hits if h not in approvals and h not in blows), *blows],
                    key=lambda h: h[0],
                )
            # "praised him": the person the pronoun stands for is the cue's nearest actor
            spoken_of = reading.pronoun_objects if reading is not None else ()
            # a negation an "ignore" phrase swallows ("not only", "does not change our ties") denies nothing
            negated = (
                [(a, b) for n, a, b in reading.negated if not any(s <= n < e for s, e in ignored)]
                if reading is not None
                else []
            )
            stance, stance_cues, target_stances = stance_of(
                slow,
                stance_hits,
                sorted([*mentions, *((s, e, c, False) for s, e, c in spoken_of)], key=lambda m: m[0])
                if spoken_of
                else mentions,
                holder,
                subject_span,
                self.rules.preps,
                reading.patients if reading is not None else (),
                self.attribution.go_between_cues,
                self.attribution.refusal_cues,
                appraisals=self.attribution.appraisal_cues,
                answered=reading.answered if reading is not None else (),
                pacts=self.attribution.pact_nouns,
                event_owners=reading.event_owners if reading is not None else (),
                barriers=reading.barriers if reading is not None else (),
                negated=negated,
                apposed=reading.praised if reading is not None else (),
                intercessions=self.attribution.intercession_verbs,
                requests=self.attribution.request_verbs,
            )
            opening = (
                _opening_act(stance_hits, reading, mentions) if stance_cues and reading is not None else None
            )
            if opening is not None:
                # every cue stands in a participle opening the sentence, the holder's other act ("Lauding the
                # navy's role, the prime minister said ... India"): aimed at the actors it names alone
                target_stances = [t for t in target_stances if t["target"] in opening] or [
                    {"target": t, "stance": stance, "cues": list(stance_cues)} for t in opening if t != holder
                ]
            elif reading is not None and stance_cues and not target_stances and holder:
                # the predicate's cues belong to its objects ("denounced the US imposition of ..."); in a
                # document whose speaker states them ("Pakistan is an important partner", a briefing), to the
                # actor its clause is about (the subject)
                objects = [t for t in reading.targets if t != holder]
                counted = [h for h in stance_hits if h[2].cls in _ACT_CLASSES]
                elsewhere = not _in_zone(counted, reading.zone, counted_only=True)
                for spans, aimed in reading.aside if elsewhere else ():
                    if not objects and _in_zone(counted, spans, counted_only=True) == counted:
                        # the cues stand in a participle of the holder's other act: aimed at its objects
                        objects = [t for t in aimed if t != holder]
                if not objects and speaker and holder == speaker and reading.holder not in (None, holder):
                    objects = [reading.holder]  # the actor the speaker's clause is about is its subject
                rates = reading.spoken_rating
                if (
                    not objects
                    and rates
                    and rates[0] != holder
                    and _in_zone(counted, rates[1], counted_only=True)
                ):
                    objects = [rates[0]]  # "'The field marshal is a great guy,' he said": the one it rates
                value = stance
                places = [c for c in reading.places if c != holder]
                if not objects and places and (stance > 0 or reading.violent):
                    # an act in a place concerns the place's actor: aid there is for it, condemning an
                    # attack there is solidarity with it
                    objects, value = places, stance if stance > 0 else _SOLIDARITY
                target_stances = [{"target": t, "stance": value, "cues": list(stance_cues)} for t in objects]
            about_actor = None
            if stance_cues and holder == speaker and set(codes) <= {holder} and not target_stances:
                # "Q ... the Pakistani elections ...? MR. KIRBY: We're concerned." is about Pakistan; the
                # speaker's statement on the floods in Pakistan ("We extend our deep condolences"), too
                about_actor = turns.asked_actor(stance) or (about if abs(stance) >= ANSWER_CLEAR else None)
            if (
                stance_cues
                and speaker
                and holder == speaker
                and reading is not None
                and not target_stances
                and abs(stance) >= ANSWER_CLEAR
            ):
                # a briefing's clear cue in a sentence naming one other actor outside brackets is about it
                # ("as the people of Pakistan are dealing with the flood, that they have ... aid"; a list of
                # economies in brackets is no topic)
                others = {
                    m[2]
                    for m in mentions
                    if m[2] not in (None, holder) and slow.count("(", 0, m[0]) <= slow.count(")", 0, m[0])
                }
                if len(others) == 1:
                    about_actor = others.pop()
            # "it took US intervention for both sides to agree": the sides are others than the holder
            enabler = reading is not None and reading.enabler
            # the document's pair, unless the sentence speaks of another (context.pair_elsewhere; looked up
            # only where a rule would use the pair) or names no one and the one before it named another
            third = self.attribution.third_parties
            pair_here = local_pair(
                doc_pair, holder, codes, prev_named, prev_third, home=ctx.home, prev_holder=prev_holder
            )
            if side is not None and not set(codes) - {holder, None}:
                pair_here = None  # "both sides" are the home and the outside party: no pair of actors
            if pair_here and holder in pair_here and self._appeals_to_both(slow, stance_hits):
                # "We urge both sides to ...": two sides the holder presses, not the holder and another
                pair_here = None
            if (
                stance > 0
                and not target_stances
                and not about_actor
                and not enabler
                and pair_here
                and holder in pair_here
                and set(codes) <= set(pair_here)
                and self._pair_words is not None
                and self._pair_words.search(slow)
                and not pair_elsewhere(text, codes, pair_here, third)
            ):
                # a cooperative act on the pair's own ties ("strengthen bilateral relations", "engagement
                # between both countries") by one of the document's two main actors, in a sentence naming no
                # other actor ("a bilateral matter between India and Pakistan"), is toward the other
                about_actor = pair_here[1] if holder == pair_here[0] else pair_here[0]
            if (
                not about_actor
                and not target_stances
                and abs(stance) >= ANSWER_CLEAR
                and holder
                and set(codes) <= {holder}
                and prev_aim
                and not (reading is not None and reading.named_object)
                and prev_aim[0] == holder
                and prev_aim[2] == (stance > 0)
                and recent[i - 1] == holder
            ):
                # the same holder goes on the same way about the actor its last sentence was aimed at, naming
                # no actor ("We stand with the people of Pakistan. We send our deepest condolences."), unless
                # its object names someone else ("thanked IsDB")
                about_actor = prev_aim[1]
            if not about_actor and not target_stances and rated not in (None, holder) and holder:
                about_actor = rated  # the one a quoted speaker rates ("Modi is a great friend of mine")
            if about_actor:
                targets = [*targets, about_actor]
                target_stances = [{"target": about_actor, "stance": stance, "cues": list(stance_cues)}]
            elif not target_stances:
                # "we commend both prime ministers for choosing the path of peace": each of the two
                target_stances = both_targets(
                    slow, holder, codes, stance, stance_cues, cue_spans, self._both, clear=ANSWER_CLEAR
                )
                targets = list(dict.fromkeys([*targets, *(d["target"] for d in target_stances)]))
            if not target_stances and stance > 0 and holder:
                # "expressed deep sorrow over the floods in Pakistan": sympathy with the state of the loss
                mourned = mourned_place(slow, stance_cues, mentions, holder, self.attribution.sympathy_cues)
                if mourned:
                    targets = list(dict.fromkeys([*targets, mourned]))
                    target_stances = [{"target": mourned, "stance": stance, "cues": list(stance_cues)}]
            # a historical or conditional sentence states no current relation either ("The dispute stemmed
            # from Washington's non-delivery of F-16s ... in 1989"); a hypothetical one may name a real pact
            # ("the agreement could lead to ...")
            rel_hits = [
                (s, e, payloads[p].item)
                for s, e, p, _ in longest_first(layers[RELATION])
                if (headline or not in_name(text, s, e))
                and mode not in ("historical", "conditional")
                and not any(a <= s and e <= b for a, b in ignored)
            ]
            # a state's rating of its own ties with another ("enduring Pakistan-US ties"): relation cues of
            # their own; the journalist's or a third party's rating is background
            ties = (
                []
                if mode in ("historical", "conditional") or not holder
                else rated_ties(
                    text,
                    slow,
                    self._bonds,
                    mentions,
                    holder,
                    rel_hits,
                    pair_words=self._pair_words,
                    headline=headline,
                )
            )
            if ties:
                rel_hits = sorted([*rel_hits, *ties], key=lambda h: h[0])
            tie_labels = {h[2][0].cue for h in ties}
            n_actors = len({*codes, *targets, holder} - {None})
            # "both countries", "the two sides" in a sentence held by one of the document's two main actors,
            # or by one that enabled their act ("it took US intervention for both sides to drop their guns")
            pair_phrase = bool(
                rel_hits
                and pair_here
                and (holder in pair_here or enabler)
                and self.rules.joint_subject is not None
                and self.rules.joint_subject.search(slow)
                and not pair_elsewhere(text, codes, pair_here, third)
            )
            relation, relation_cues, relation_pairs = relation_of(
                slow,
                rel_hits,
                stance_hits,
                max(n_actors, 2) if pair_phrase else n_actors,
                mentions,
                holder,
                named_pairs,
                self.attribution.pact_nouns,
                negated=negated,
            )
            if (
                pair_phrase
                and relation
                and (not relation_pairs or all(self.rules.joint_subject.fullmatch(c) for c in relation_cues))
            ):
                # "both sides" ties the document's pair, whatever other actor the sentence names ("It took
                # American intervention for both sides to drop their guns")
                relation_pairs = ["-".join(sorted(pair_here))]
            if enabler:
                relation_pairs = [p for p in relation_pairs if holder not in p.split("-")]
            aimed = {d["target"] for d in target_stances}
            pacts = [
                d
                for d in pact_stances(
                    slow, rel_hits, stance_hits, mentions, holder, self.attribution.pact_nouns, named_pairs
                )
                if d["target"] not in aimed and d["target"] != holder
            ]
            if pacts:
                # "disapproval of the joint statement" (the US-India one named before): against both parties
                target_stances = [*target_stances, *pacts]
                targets = list(dict.fromkeys([*targets, *(d["target"] for d in pacts)]))
            # "calling for the release of Imran Khan": pressure on the state that holds him; a cooperative
            # word toward it serves the demand ("ask that you engage with Pakistan to free Imran Khan")
            freed = release_demands(
                slow,
                holder if holder in self.actors.codes else None,
                self.actors.names,
                self.attribution.release_words,
                self.attribution.demanding_verbs,
                document=low,
            )
            freed = [
                d
                for d in freed
                if not any(t["target"] == d["target"] and t["stance"] < 0 for t in target_stances)
            ]
            if freed:
                aimed = {d["target"] for d in freed}
                target_stances = [*(t for t in target_stances if t["target"] not in aimed), *freed]
                stance_cues = [*stance_cues, "release demand"]
                targets = list(dict.fromkeys([*targets, *aimed]))
            reported_joint = reading is not None and holder is not None and holder in reading.joint
            if (hsource == "joint" or reported_joint) and stance_cues and relation >= 0:
                # two actors acting together agree: a joint statement or act is an agreement between them,
                # also as one of them reports it ("The US and Pakistan reaffirmed ..., the FO said")
                partner = next((m[2] for m in mentions if m[2] not in (None, holder)), None)
                if reported_joint:
                    partner = next(c for c in reading.joint if c != holder)
                if pair_here and holder in pair_here and self.rules.joint_subject is not None:
                    if self.rules.joint_subject.match(
                        slow[self.rules.clause_start(slow) :]
                    ) and not pair_elsewhere(text, codes, pair_here, third):
                        partner = pair_here[1] if holder == pair_here[0] else pair_here[0]
                        if partner not in targets:
                            targets = [*targets, partner]
                pair = "-".join(sorted((holder, partner))) if partner else None
                if pair:
                    n_rel = len(relation_cues)
                    relation = round((relation * n_rel + _JOINT_WEIGHT) / (n_rel + 1), 4)
                    relation_cues = [*relation_cues, "joint subject"]
                    relation_pairs = list(dict.fromkeys([*relation_pairs, pair]))
                    if stance > 0 and not any(d["target"] == partner for d in target_stances):
                        # "U.S, Pakistan reaffirm counterterrorism cooperation": each side is for the other
                        target_stances = [
                            *target_stances,
                            {"target": partner, "stance": stance, "cues": list(stance_cues)},
                        ]
            # a joint subject's act is the pair's agreement (above); its rating of their own ties ("the two
            # leaders expressed satisfaction over the positive trajectory of Pakistan-US ties") is each one's
            # stance toward the other
            if mode not in _NOT_NOW and (hsource != "joint" or tie_labels & set(relation_cues)):
                target_stances = ties_stance(holder, relation, relation_cues, relation_pairs, target_stances)
                targets = list(dict.fromkeys([*targets, *(d["target"] for d in target_stances)]))
            if reading is not None and holder and mode not in _NOT_NOW:
                # the holder credits another actor with a good part ("the US played a key role in the truce")
                # or with a verb of crediting ("the PM credited Trump for the ceasefire")
                aimed = {d["target"] for d in target_stances}
                credited = [c for c in reading.credits if c != holder and c not in aimed]
                named = [
                    c
                    for c in dict.fromkeys([*reading.credited, *reading.averted])
                    if c != holder and c not in aimed and c not in credited
                ]
                # a deed is credited or blamed by a speaker, not by the subject of a narrated act ("the two
                # nations fought ... before the US brokered a ceasefire")
                taken = {holder, *aimed, *credited, *named}
                deeds = [] if reading.narrated else [c for c in reading.deeds if c not in taken]
                taken.update(deeds)
                blamed = [] if reading.narrated else [c for c in reading.misdeeds if c not in taken]
                target_stances = [
                    *target_stances,
                    *({"target": c, "stance": _CREDIT, "cues": ["credits role"]} for c in credited),
                    *({"target": c, "stance": _CREDIT, "cues": ["credits"]} for c in named),
                    *({"target": c, "stance": _CREDIT, "cues": ["credits deed"]} for c in deeds),
                    *({"target": c, "stance": _BLAME, "cues": ["blames misdeed"]} for c in blamed),
                ]
                targets = list(dict.fromkeys([*targets, *credited, *named, *deeds, *blamed]))
            # ties rated in general ("relations between Pakistan and the US were good") are no stance on the
            # issue the document is about, nor on its neighbour's
            ties_only = bool(tie_labels) and bool(relation_cues) and set(relation_cues) <= tie_labels
            related = about_relationship(
                holder,
                [d for d in target_stances if not (ties_only and d["cues"] == relation_cues)],
                [] if ties_only else relation_pairs,
            )
            if ties_only and not related:
                general.add(i)
                if source == "inherited":
                    issues, terms, source = [], [], ""
            if not issues and topic and related:
                issues, terms, source = [topic], [], "topic"  # the relationship, in an article on one issue
            cues = list(dict.fromkeys([*stance_cues, *relation_cues]))
            clauses = self._clauses(slow, all_hits, mentions, holder)
            # tone only where a sentence can become evidence: an issue and a holder
            tone = float(self._tone(text)) if self._tone is not None and issues and holder else np.nan
            out[i] = SentenceTags(
                issues=issues,
                issue_source=source,
                issue_terms=terms,
                actors=codes,
                actor_terms=actor_terms,
                holder=holder,
                holder_source=hsource,
                targets=targets,
                stance=stance,
                stance_cues=stance_cues,
                target_stances=target_stances,
                relation=relation,
                relation_cues=relation_cues,
                relation_pairs=relation_pairs,
                clauses=clauses,
                cues=cues,
                tone=tone,
                mode=mode,
            )
            prev_issues, prev_terms, prev_holder = issues, terms, holder
            prev_named = list(dict.fromkeys(m[2] for m in mentions if m[2]))
            prev_third = third is not None and third.search(text) is not None
            aimed = {
                (d["target"], d["stance"] > 0)
                for d in target_stances
                if d["stance"] and d["target"] != holder
            }
            prev_aim = (holder, *aimed.pop()) if len(aimed) == 1 else None
            if titled and i == 0:
                prev_issues, prev_terms, prev_holder = [], [], None  # the body does not continue its headline
                prev_named, prev_third = [], False
                if len(order) == n and n > 1 and holder is None and hsource in ("person", ""):
                    order.append(0)  # a person the body may name: read once more at the end
        # the stance told apart from its issue
        for i, issues, terms in neighbour_issues(out, titled=titled, after=bool(speaker), general=general):
            tone = float(self._tone(norms[i])) if self._tone is not None else np.nan
            out[i] = out[i]._replace(issues=issues, issue_source="neighbour", issue_terms=terms, tone=tone)
        return out

    def _parse(self, norms, own, lows, *, titled=False, speaker=None):
        """Dependency parses of the sentences that can change a result, by index: a sentence naming an actor
        (its holder, targets and the names and roles later sentences refer to), one with a speech verb (its
        "he said" continues the last speaker), the headline ("DPM calls for peace in South Asia"), a summary
        bullet ("• Offers trade boost ...": its verb's holder is the headline's), one on a delegation (its
        leader and members) and, outside a speaker's document, one with a generic title ("the interior
        ministry", "officials"). Others naming neither on no issue keep the lexical rules, except that one
        opening on a meeting is parsed for its subject alone (the indices returned second: see
        ``Reader.meeting_clause``)."""
        # a generic title is parsed so that the document's context resolves it (the publisher's, the
        # dateline's, the actor last named for it), not the actor named most; a speaker's document keeps its
        # speaker
        office = None if speaker else self.rules.office
        speech, delegation, reporting, meeting = (
            self.rules.speech,
            self._delegation,
            self._reporting,
            self._meeting,
        )
        todo = [
            i
            for i, o in enumerate(own)
            if norms[i]
            and (
                o[3]
                or speech.search(lows[i]) is not None
                or reporting is not None
                and reporting.search(norms[i]) is not None
                or titled
                and i == 0
                # a summary bullet, whose verb may open it with the headline's holder implied
                or norms[i][:1] in SUMMARY_BULLETS
                or delegation is not None
                and delegation.search(lows[i]) is not None
                or office is not None
                and office.search(lows[i]) is not None
            )
        ]
        chosen = set(todo)
        meeting_only = {
            i
            for i in range(len(own))
            if norms[i] and i not in chosen and meeting is not None and meeting.match(norms[i]) is not None
        }
        todo = sorted(chosen | meeting_only)
        if not todo:
            return {}, set()
        texts = [norms[i] for i in todo]
        if titled and todo[0] == 0:
            # a headline in title case or capitals is parsed in the case of a sentence, without the source
            # that relays it ("…: report")
            cut = source_tail(texts[0], self.attribution.relays, self.attribution.news_outlets)
            texts[0] = headline_case(texts[0][:cut], [(m[0], m[1]) for m in own[0][2] if m[1] <= cut])
        docs = parse_many(texts)
        for k, i in enumerate(todo):
            if not (titled and i == 0):
                # "In 2012, USAID committed ...": an actor's name in capitals read as an adverb is read again
                spans = capital_names(texts[k], [(m[0], m[1]) for m in own[i][2]], dateline_end(texts[k]))
                docs[k] = reread_names(docs[k], texts[k], spans, parse_many)
        if titled and todo[0] == 0:
            # "PM Shehbaz thanks Trump ...": a headline's verb read as a plural noun is read again as a verb
            docs[0] = reread(docs[0], texts[0], self._verbs, parse_many)
        return dict(zip(todo, docs, strict=True)), meeting_only

    def _clauses(self, slow, stance_hits, mentions, holder):
        """Each contrasted clause's holder, stance and cues (empty when the sentence has no contrast)."""
        spans = self.rules.clauses(slow)
        if not spans:
            return []
        real = [m for m in mentions if m[2] is not None]
        out = []
        for k, (a, b) in enumerate(spans):
            who = self.rules.clause_holder(slow, a, b, real) or (holder if k == 0 else None) or holder
            hits = [h for h in stance_hits if a <= h[0] < b]
            st, cues, _ = stance_of(slow, hits, mentions, who, refusals=self.attribution.refusal_cues)
            out.append({"holder": who, "stance": st, "cues": cues, "start": a, "end": b})
        return out

    def _issues(self, hits, slow, mentions=(), text=None):
        if not hits:
            return [], []
        # an actor's name that only qualifies another actor ("a deal with India's arch-rival Pakistan") does
        # not put the sentence on that actor's issue, nor does one listed among other states ("thanked the
        # UAE, Qatar, China and the US for their support")
        bystanders = {m[0] for k, m in enumerate(mentions) if qualifier(slow, mentions, k)}
        if text is not None:
            bystanders |= listed_starts(text, mentions, self.attribution.third_parties)
        strong, weak = [], []
        for start, end, pid, _poss in longest_first(hits):
            if start in bystanders or in_office_name(slow, start, end, self.offices):
                continue
            p = self.matcher.payloads[pid]
            slug, pat = p.item
            rx = self.matcher.context.get(pat)
            if rx is not None and not rx.search(slow):
                continue
            (weak if pat.unless else strong).append((start, slug, p.label, pat.unless))
        have = {h[1] for h in strong}
        kept = sorted(strong + [w for w in weak if not have.intersection(w[3])])
        issues = list(dict.fromkeys(h[1] for h in kept))
        terms = list(dict.fromkeys(h[2] for h in kept))
        return issues, terms

    def _resolve_aliases(self, own, seen, norms, lows, people):
        """Add, in place, the mentions that need the document's earlier sentences: a ``doc_aliases`` phrase
        once its actor is named ("the Fund" after "IMF"), and an office holder's bare surname once the holder
        was named in full ("Ms Bruce" after "Tammy Bruce"). Their ``actor_terms`` label ends in " (named
        earlier)"; a surname is a person's mention (added to ``people``)."""
        named: set = set()
        learned: dict[str, str] = {}  # surname -> actor code
        for i in range(len(own)):
            issues, terms, mentions, codes, actor_terms = own[i]
            found = []
            for code, _phrases, rx in self.aliases:
                if code in named:
                    for m in rx.finditer(lows[i]):
                        found.append((m.start(), m.end(), code, m.group(0).endswith("'s"), m.group(0)))
            for surname, code in learned.items():
                for m in _surname_pattern(surname).finditer(norms[i]):
                    found.append((m.start(), m.end(), code, "'" in m.group(0), surname))
            extra = [f for f in found if all(f[1] <= a or f[0] >= b for a, b, *_ in mentions)]
            if extra:
                mentions = sorted([*mentions, *(f[:4] for f in extra)])
                codes = list(dict.fromkeys(m[2] for m in mentions))
                labels = [f"{f[2]}:{f[4].removesuffix(_POSS)} (named earlier)" for f in extra]
                own[i] = (issues, terms, mentions, codes, list(dict.fromkeys([*actor_terms, *labels])))
                people[i] = [*people[i], *((f[0], f[1]) for f in extra if f[4] in learned)]
            named.update(codes)
            for holder in seen[i]:
                code, surname = self.surnames.get(holder, (None, None))
                if code is not None:
                    learned[surname] = code

    def _appeals_to_both(self, slow, stance_hits) -> bool:
        """Whether a pressure cue's object is a joint phrase ("urged both sides to ...", "pressed the two
        countries to ..."): the holder presses two others."""
        joint = self.rules.joint_subject
        if joint is None:
            return False
        for _s, e, cue in stance_hits:
            if cue.cls == "pressure":
                gap = _APPEAL_GAP.match(slow, e)
                if joint.match(slow, gap.end() if gap else e):
                    return True
        return False

    def _delegations(self, readings, own, lows, ctx) -> None:
        """Learn for the whole document who leads or belongs to a state's delegation (see
        ``tagging/delegations.py``): an unqualified delegation is the publisher's home's, else the state the
        document's qualified delegations name most."""
        found, qualified = [], []
        for i, doc in readings.items():
            if self._delegation is None or self._delegation.search(lows[i]) is None:
                continue  # only a sentence naming a delegation can name its leader or members
            real = [m for m in own[i][2] if m[2] is not None and self.rules.state_voice(lows[i], m)]
            tok_code = token_codes(doc, real)
            members, states = delegation_members(
                doc,
                tok_code,
                self.attribution,
                lambda t, tc=tok_code: self.reader.person_names(t, tc),
                self.reader.non_state_word,
            )
            found += members
            qualified += states
        if not found:
            return
        # a paper leaves its home's delegation unqualified ("the delegation led by X" beside "the Indian
        # delegation"); with no home, the state the document's delegations are most often of
        owner = ctx.home or (max(qualified, key=qualified.count) if qualified else None)
        for names, code, civil in found:
            if civil:
                ctx.civilian(names)  # "a delegation of investors led by X": X speaks for no state
            else:
                ctx.delegate(names, code or owner, presumed=code is None)

    def _actors(self, hits, date, text=""):
        """(mentions, codes, actor_terms, office holders named, spans of the persons among them) of one
        sentence's actor hits (``text``: the sentence they were found in)."""
        if not hits:
            return [], [], [], [], []
        mentions, terms, holders, persons = [], [], [], []
        hits = longest_first(hits)
        for s, e, pid, poss in hits:
            p = self.matcher.payloads[pid]
            name = p.item
            if name.code is None:
                continue
            if name.title and other_body(text, s, e, [h for h in hits if h[0] != s]):
                continue
            label = p.label
            if name.terms:
                if date is None:
                    label += "?"
                elif not any(a <= date and (b is None or date <= b) for a, b in name.terms):
                    continue
            mentions.append((s, e, name.code, poss))
            terms.append(label)
            if name.holder:
                holders.append(name.holder)
                if " " in name.holder:  # a person's full name, not a body ("Taliban")
                    persons.append((s, e))
        codes = list(dict.fromkeys(m[2] for m in mentions))
        return mentions, codes, list(dict.fromkeys(terms)), holders, persons


TITLE_SENT_ID = -1  # sent_id (and para_id, start, end) of an article's headline row


def with_titles(sentences: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """``sentences`` with each article's headline as a row of its own before the article's first sentence
    (``sent_id`` = ``para_id`` = ``start`` = ``end`` = -1); a new frame with a fresh RangeIndex. Headlines
    state the event in news and are evidence like any sentence."""
    if articles is None or "title" not in articles.columns or sentences.empty:
        return sentences
    titles = articles.drop_duplicates("doc_id").set_index("doc_id")["title"]
    titles = titles[titles.map(lambda t: isinstance(t, str) and bool(t.strip()))]
    if titles.empty or (sentences["sent_id"] == TITLE_SENT_ID).any():
        return sentences
    doc = sentences["doc_id"].astype(str)
    first = ~doc.duplicated()
    heads = sentences.loc[first & doc.isin(titles.index)]
    if heads.empty:
        return sentences
    rows = pd.DataFrame({c: [None] * len(heads) for c in sentences.columns}, index=heads.index)
    rows["doc_id"] = heads["doc_id"].to_numpy()
    for c in ("para_id", "sent_id", "start", "end"):
        if c in rows:
            rows[c] = TITLE_SENT_ID
    rows["text"] = titles.reindex(heads["doc_id"].astype(str)).map(lambda t: " ".join(t.split())).to_numpy()
    pos = np.arange(len(sentences), dtype=float)
    order = np.concatenate([pos, np.flatnonzero(first.to_numpy() & doc.isin(titles.index).to_numpy()) - 0.5])
    both = pd.concat(
        [sentences, rows.astype({c: sentences[c].dtype for c in sentences.columns}, errors="ignore")]
    )
    both = both.iloc[np.argsort(order, kind="stable")]
    return both.reset_index(drop=True)


@functools.lru_cache(maxsize=4096)
def _surname_pattern(surname: str) -> re.Pattern:
    """An office holder's bare surname as a word, possessive or not."""
    return re.compile(r"\b" + re.escape(surname) + r"(?:'s|')?(?!\w)")


def _in_zone(hits, zone, *, drop_all=False, counted_only=False):
    """The stance hits a parse leaves to the holder: modifiers always; stance cues only on the words of
    ``zone`` (character spans: the predicate's, or the main clause's when the predicate carries no cue),
    none when the predicate is not a current position. ``counted_only``: just the zone's stance cues."""
    kept = []
    for h in hits:
        if h[2].cls not in _STANCE_CLASSES:
            if not counted_only:
                kept.append(h)
        elif not drop_all and (
            (h[2].cls == "offence" and not counted_only) or any(h[0] < b and h[1] > a for a, b in zone)
        ):
            kept.append(h)
    return kept


def _opening_act(hits, reading, mentions):
    """The actors named in the participle that opens the sentence ("Condemning the US strike, the minister
    said ...") when every act cue of ``hits`` stands in it, else None."""
    counted = [h for h in hits if h[2].cls in _ACT_CLASSES]
    if not counted or not reading.opening:
        return None
    words, (a, b) = reading.opening
    if _in_zone(counted, words, counted_only=True) != counted:
        return None
    return list(dict.fromkeys(m[2] for m in mentions if m[2] and a <= m[0] and m[1] <= b))


def _in_spans(hit, spans) -> bool:
    """Whether a stance hit lies within one of the character ``spans``."""
    return any(a <= hit[0] and hit[1] <= b for a, b in spans)


def _outside(hits, spans):
    """The hits that lie outside every one of ``spans`` (character spans)."""
    return [h for h in hits if not _in_spans(h, spans)]


_QUOTE_LABEL = re.compile(r"^([^:“”\"]{3,120}):\s*[“\"]")


def _past_light_verbs(hits, light):
    """The stance hits without those on a light verb (character spans ``light``) when its object's cues all
    have the other sign: "we share our concerns about ..." is concern, not sharing."""
    on_light = [h for h in hits if any(h[0] < b and h[1] > a for a, b in light)]
    rest = [h for h in hits if h[2].cls in _STANCE_CLASSES and h not in on_light]
    if on_light and rest and all((h[2].weight > 0) != (r[2].weight > 0) for h in on_light for r in rest):
        return [h for h in hits if h not in on_light]
    return hits


def _speaker_turn(reading, speaker, text="", mentions=()) -> tuple:
    """(holder, holder_source, subject_span) of a sentence a document's speaker says (a briefing's answer, a
    statement): the speaker's, whatever actor it speaks of ("On Pakistan, ...", "we'll let Pakistan speak to
    its policies"), unless it quotes another actor ("Pakistani Prime Minister Shehbaz Sharif: “I welcome
    ..."), reports another actor's words, or narrates a person or body the speaker does not speak for (a
    nominee's career)."""
    label = _QUOTE_LABEL.match(text)
    if label:
        quoted = next((m[2] for m in mentions if m[1] <= label.end(1) and m[2] not in (None, speaker)), None)
        if quoted:
            return quoted, "reported", None
    if reading is not None and reading.decided:
        if reading.source == "reported" and reading.holder and reading.holder != speaker:
            return reading.holder, "reported", None
        if reading.holder is None and reading.source in ("person", "non-state voice", "third party"):
            return None, reading.source, None
    return speaker, "document", None


def _doc_meta(row, actors: Actors, speaker) -> dict:
    """What the tagger needs to know of an article besides its date and speaker."""
    publisher, url = row.get("publisher"), row.get("url")
    country = row.get("country")
    by_country = bool(
        speaker and isinstance(country, str) and country.strip() and _country_speaks(row, actors)
    )
    return {
        "publisher": publisher if isinstance(publisher, str) else None,
        "url": url if isinstance(url, str) else None,
        "parse": not by_country,
        "doc_type": row.get("doc_type") if isinstance(row.get("doc_type"), str) else None,
    }


def _country_speaks(row, actors: Actors) -> bool:
    publisher, doc_type = row.get("publisher"), row.get("doc_type")
    return (isinstance(publisher, str) and publisher.strip().casefold() in actors.country_publishers) or (
        isinstance(doc_type, str) and doc_type.strip().casefold() in actors.country_doc_types
    )


def _doc_speaker(row, actors: Actors):
    code = publisher_code(row, actors.publishers, actors.url_domains)
    if code is not None:
        return code
    country = row.get("country")
    if isinstance(country, str) and country.strip():
        if _country_speaks(row, actors):
            code = country.strip().upper()
            return actors.iso3.get(code, code)
    return None


def _spec_token(spec: tuple) -> str | None:
    """A key for the data files of ``spec`` (paths with their size and mtime); None when ``spec`` holds loaded
    objects (those taggers are not memoised across calls)."""
    parts = []
    for item in spec[:4]:
        if item is None:
            parts.append("-")
        elif isinstance(item, (str, os.PathLike)):
            try:
                st = os.stat(item)
            except OSError:
                return None
            parts.append(f"{os.fspath(item)}:{st.st_size}:{st.st_mtime_ns}")
        else:
            return None
    return "|".join([*parts, f"tone={bool(spec[4])}"])


def _tagger(spec: tuple, token: str | None = None) -> DocumentTagger:
    """The tagger for ``spec`` = (taxonomy, actors, stance_lexicon, relations, tone), built once per process:
    forked workers inherit the parent's, each Dask worker builds its own."""
    key = token or _spec_token(spec)
    if key is not None and key in _TAGGERS:
        return _TAGGERS[key]
    taxonomy, actors, stance_lexicon, relations, tone = spec
    engine = DocumentTagger(
        load_taxonomy(taxonomy),
        load_actors(actors),
        load_stance_lexicon(stance_lexicon),
        load_relations(relations),
        tone=tone,
    )
    if key is not None:
        _TAGGERS.clear()  # one tagger at a time: a changed data file replaces the old one
        _TAGGERS[key] = engine
    return engine


def _tag_batch(batch, *, spec: tuple, token: str | None):
    """Tag a batch of documents, each (first row, sentence texts, date, speaker, meta)."""
    engine = _tagger(spec, token)
    return [(lo, engine.document(texts, date, speaker, meta)) for lo, texts, date, speaker, meta in batch]


def _chunks(docs, n_chunks):
    total = docs[-1][1] if docs else 0
    size = max(1, total // max(1, n_chunks))
    chunks, cur, cur_n = [], [], 0
    for d, (lo, hi, *_rest) in enumerate(docs):
        cur.append(d)
        cur_n += hi - lo
        if cur_n >= size:
            chunks.append(cur)
            cur, cur_n = [], 0
    if cur:
        chunks.append(cur)
    return chunks


def _split_input(corpus, articles):
    if hasattr(corpus, "sentences") and isinstance(corpus.sentences, pd.DataFrame):
        sentences = corpus.sentences
        if articles is None:
            articles = getattr(corpus, "articles", None)
    elif isinstance(corpus, pd.DataFrame):
        sentences = corpus
    else:
        raise TagError(f"tag() needs a Corpus or a sentences DataFrame, got {type(corpus).__name__}")
    missing = [c for c in _REQUIRED if c not in sentences.columns]
    if missing:
        raise TagError(f"the sentences frame lacks column(s) {missing}; it has {list(sentences.columns)}")
    if articles is not None and not isinstance(articles, pd.DataFrame):
        raise TagError(f"articles must be a DataFrame, got {type(articles).__name__}")
    if articles is not None and "doc_id" not in articles.columns:
        raise TagError("the articles frame lacks the column 'doc_id'")
    return sentences, articles


def _article_info(articles, doc_ids, actors):
    """Per doc_id: the article columns to join and (date, speaker)."""
    cols = {c: [None] * len(doc_ids) for c in ARTICLE_COLUMNS}
    info = {}
    if articles is None or articles.empty:
        frame = pd.DataFrame(cols, index=pd.Index(doc_ids, name="doc_id"))
        frame["date"] = pd.to_datetime(frame["date"])
        frame["year"] = pd.array([pd.NA] * len(frame), dtype="Int64")
        frame["doc_speaker"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        return frame, {d: (None, None, None) for d in doc_ids}
    arts = articles.drop_duplicates("doc_id").set_index("doc_id")
    frame = pd.DataFrame(index=pd.Index(doc_ids, name="doc_id"))
    for c in ARTICLE_COLUMNS:
        frame[c] = arts[c].reindex(doc_ids).to_numpy() if c in arts.columns else None
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    year = pd.array(pd.to_numeric(frame["year"], errors="coerce"), dtype="Int64")
    date_year = pd.array(frame["date"].dt.year, dtype="Int64")
    frame["year"] = year.fillna(date_year) if hasattr(year, "fillna") else year
    speakers = []
    for d, row in frame.iterrows():
        sp = _doc_speaker(row, actors)
        speakers.append(sp)
        ts = row["date"]
        info[d] = (None if pd.isna(ts) else ts.date(), sp, _doc_meta(row, actors, sp))
    frame["doc_speaker"] = pd.Series(speakers, index=frame.index, dtype=object)
    return frame, info


def tag(
    corpus,
    *,
    articles: pd.DataFrame | None = None,
    taxonomy=None,
    actor_file=None,
    stance_lexicon=None,
    relations=None,
    jobs: int | None = None,
    tone: bool = True,
    engine: EngineName = "local",
    scheduler=None,
    progress: bool | None = None,
    titles: bool = True,
    actors=None,
) -> pd.DataFrame:
    """Tag every sentence with issue areas, actors, the holder of the stated position, stance, relation
    cues and tone.

    ``corpus`` is a :class:`convergence.Corpus` or a sentences DataFrame (doc_id, para_id, sent_id, text;
    pass ``articles=`` for dates, speakers and the joined article columns). ``taxonomy``, ``actor_file``,
    ``stance_lexicon`` and ``relations`` take a path to a user's file (default: the shipped data;
    ``actors=`` is the old name of ``actor_file=``).
    ``jobs``: worker processes (default: 1 for small corpora, else up to 2; 0 = all cores).
    ``tone=False`` skips VADER (the ``tone`` column is then NaN). ``engine="dask"`` tags the documents on a
    Dask cluster (``scheduler``: its address or client; without one a temporary local cluster of ``jobs``
    workers), with the same result as the local engine. ``progress``: a progress bar on stderr (default: only
    on a terminal).

    Each article's headline is a row of its own before its first sentence (``is_title`` True, ``sent_id``
    -1; ``titles=False`` leaves headlines out).

    Returns a new frame: the sentence columns, ``is_title``, the article columns ``date, year, publisher,
    country, title, url, doc_type``, ``doc_speaker`` and the tag columns (docs/architecture.md, "Tagged
    sentences").
    Holder, stance and tone are computed only for sentences with an issue or an actor.
    """
    sentences, articles = _split_input(corpus, articles)
    if titles:
        sentences = with_titles(sentences, articles)
    if engine not in ENGINES:
        raise TagError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    actor_file = renamed(actors, actor_file, old="actors", new="actor_file", where="tag")
    spec = (taxonomy, actor_file, stance_lexicon, relations, bool(tone))
    token = _spec_token(spec)
    tagger = _tagger(spec, token)
    act = tagger.actors

    doc_col = sentences["doc_id"].astype(str).to_numpy()
    sent_col = pd.to_numeric(sentences["sent_id"], errors="coerce").fillna(-1).to_numpy()
    order = np.lexsort((sent_col, doc_col))
    texts = sentences["text"].to_numpy(dtype=object)[order]
    docs_sorted = doc_col[order]
    n = len(order)
    bounds = np.flatnonzero(docs_sorted[1:] != docs_sorted[:-1]) + 1 if n else np.array([], dtype=int)
    los = np.concatenate([[0], bounds]) if n else np.array([], dtype=int)
    his = np.concatenate([bounds, [n]]) if n else np.array([], dtype=int)
    doc_ids = [str(docs_sorted[lo]) for lo in los]
    frame, info = _article_info(articles, doc_ids, act)
    titled = set(sentences["doc_id"][sentences["sent_id"] == TITLE_SENT_ID].astype(str)) if titles else set()
    docs = [
        (int(lo), int(hi), *info[d][:2], {**(info[d][2] or {}), "title": d in titled})
        for lo, hi, d in zip(los, his, doc_ids, strict=True)
    ]

    if jobs is None:
        jobs = 1 if n < _SERIAL_BELOW and engine == "local" else min(2, os.cpu_count() or 1)
    elif jobs <= 0:
        jobs = os.cpu_count() or 1
    n_chunks = max(jobs * 8, n // _BATCH_SENTENCES) if (jobs > 1 or engine != "local") else 1
    chunks = _chunks(docs, n_chunks)
    batches = [
        [(docs[d][0], texts[docs[d][0] : docs[d][1]].tolist(), *docs[d][2:]) for d in c] for c in chunks
    ]
    done = map_batches(
        functools.partial(_tag_batch, spec=spec, token=token),
        batches,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        progress=progress,
        desc="tag",
        sizes=[sum(len(doc[1]) for doc in b) for b in batches],
        unit="sentences",
    )
    parts = [r for res in done for r in res]

    results = np.empty(n, dtype=object)
    for lo, res in parts:
        results[order[lo : lo + len(res)]] = _object_array(res)
    columns = list(zip(*(_UNTAGGED if r is None else r for r in results), strict=True))
    return tagged_table(sentences, columns or [() for _ in TAG_COLUMNS], frame.reindex(doc_col))


def _object_array(values) -> np.ndarray:
    """A 1-d object array of ``values`` (tuples and lists stay elements, never become a second axis)."""
    return pd.Series(values, dtype=object).to_numpy()


_NO_TAGS: list = []  # shared by every untagged cell (tagging never mutates a cell list)
_UNTAGGED = SentenceTags(
    *(_NO_TAGS, "", _NO_TAGS, _NO_TAGS, _NO_TAGS, None, "", _NO_TAGS, 0.0, _NO_TAGS, _NO_TAGS, 0.0),
    *(_NO_TAGS, _NO_TAGS, _NO_TAGS, _NO_TAGS, np.nan, ""),
)
_NUMERIC = ("stance", "relation", "tone")


def tagged_table(sentences: pd.DataFrame, columns: list, joined: pd.DataFrame) -> pd.DataFrame:
    """The output of :func:`tag`: ``sentences`` with the article columns of ``joined`` (one row per sentence,
    in the same order) and the tag columns, ``columns`` holding one sequence per TAG_COLUMNS entry. Each
    sequence is released from ``columns`` as soon as it is in the frame."""
    # a new frame (pandas copies on write: the caller's sentences are never changed, and nothing is copied)
    out = sentences.drop(
        columns=[c for c in [*ARTICLE_COLUMNS, "doc_speaker", *TAG_COLUMNS] if c in sentences]
    )
    out["date"] = pd.to_datetime(joined["date"].to_numpy())
    out["year"] = pd.array(joined["year"].to_numpy(), dtype="Int64")
    # text metadata stays object with None for missing, whatever pandas would infer from the values (pandas
    # >= 3 infers "str" and NaN, but not for a batch whose values are all missing), so the dtypes never
    # depend on the content; all the rows of one value share one string object
    for c in [*ARTICLE_COLUMNS[2:], "doc_speaker"]:
        codes, uniques = pd.factorize(joined[c], use_na_sentinel=True)
        values = np.append(np.asarray(uniques, dtype=object), None)[codes]  # code -1 (missing) -> None
        out[c] = pd.Series(values, index=out.index, dtype=object)
    out["is_title"] = pd.to_numeric(out["sent_id"], errors="coerce").to_numpy() == TITLE_SENT_ID
    for k, c in enumerate(TAG_COLUMNS):
        values, columns[k] = columns[k], None
        if c in _NUMERIC:
            out[c] = np.asarray(values, dtype=float)
        else:
            out[c] = pd.Series(_object_array(values), index=out.index, dtype=object)
        del values
    return out


__all__ = [
    "TAG_COLUMNS",
    "ARTICLE_COLUMNS",
    "TITLE_SENT_ID",
    "TagError",
    "TagDataError",
    "tag",
    "tagged_table",
    "with_titles",
]
