"""Briefing transcripts: which sentences the document's speaker says, and what each answer is about."""

from __future__ import annotations

import re

ANSWER_CLEAR = 0.35  # an answer naming no actor is about the asked one only with a clear cue ("concerned")


class Turns:
    """The turns of one document with a speaker (a briefing, a statement, a UN speech), read in order.

    ``speakers[i]`` is the document's speaker, or None for a reporter's question: a turn starts at a
    sentence matching ``question`` and lasts until one matching ``answer`` (a speaker label such as "MS.
    PSAKI:"); a sentence ending in "?" is a question too unless it carries the speaker's own label. In a
    *transcript* (a document with at least one reporter's question; not a speech with rhetorical questions)
    an answer is about what was asked: its first ``max_chain`` + 1 sentences take the question's issues when
    they name none (:meth:`topic`), and when the question named one actor besides the speaker, an answer's
    clear cue naming no actor is about that actor (:meth:`asked_actor`). A follow-up question that names
    nothing ("Q (Inaudible.)") keeps the topic."""

    def __init__(
        self,
        norms: list[str],
        speaker: str | None,
        question: re.Pattern | None,
        answer: re.Pattern | None,
        max_chain: int,
    ):
        n = len(norms)
        self.speaker = speaker
        self.speakers = [speaker] * n
        self.transcript = bool(speaker) and question is not None and any(question.match(t) for t in norms)
        self.max_chain = max_chain
        if speaker and question is not None:
            asking = False
            for i, t in enumerate(norms):
                labelled = answer is not None and answer.match(t) is not None
                if question.match(t):
                    asking = True
                elif labelled:
                    asking = False
                if asking or (t.endswith("?") and not labelled):
                    self.speakers[i] = None
        self._issues: list = []
        self._terms: list = []
        self._codes: list = []
        self.answering = False
        self._k = 0  # sentences into the current answer
        self._said: tuple = ()  # the issues and terms of the answer's last sentence that named one
        self._chain = 0  # answer sentences since then that took them

    def topic(
        self, i: int, issues: list, terms: list, codes: list, *, others: bool = False
    ) -> tuple[list, list, bool]:
        """(issues, terms, inherited) of sentence ``i`` once its turn is read: a question adds to the topic,
        an answer's first sentences naming no issue take it. A new question naming an issue, an actor or a
        state outside the actor file (``others``: "the Iraqi Prime Minister") starts a new topic."""
        if not self.transcript:
            return issues, terms, False
        if not self.speakers[i]:
            self._said = ()
            if self.answering and (issues or others or any(c != self.speaker for c in codes)):
                self._issues, self._terms, self._codes, self.answering = [], [], [], False
            self._issues = list(dict.fromkeys([*self._issues, *issues]))
            self._terms = list(dict.fromkeys([*self._terms, *terms]))
            self._codes = list(dict.fromkeys([*self._codes, *(c for c in codes if c != self.speaker)]))
            return issues, terms, False
        self._k = self._k + 1 if self.answering else 1
        self.answering = True
        if not issues and self._issues and self._k <= self.max_chain + 1:
            return self._issues, self._terms, True
        if issues:
            self._said, self._chain = (issues, terms), 0
        elif self._said and self._k > 1 and self._chain < self.max_chain:
            # an answer goes on about what it has been saying ("I would refer you to the Defense Department
            # on those discussions. Obviously, Pakistan remains a key partner in the region."), and about what
            # was asked ("Q ... the pullout from Afghanistan? ... they face terrorist threats too ... Pakistan
            # was also very helpful to us then")
            self._chain += 1
            said_issues, said_terms = self._said
            return (
                list(dict.fromkeys([*said_issues, *self._issues])),
                list(dict.fromkeys([*said_terms, *self._terms])),
                True,
            )
        return issues, terms, False

    def asked_actor(self, stance: float) -> str | None:
        """The one actor the question named, when the current answer sentence is about it: early in the
        answer, and ``stance`` a clear cue (|stance| >= ``ANSWER_CLEAR``)."""
        if (
            self.answering
            and abs(stance) >= ANSWER_CLEAR
            and len(self._codes) == 1
            and self._k <= self.max_chain + 1
        ):
            return self._codes[0]
        return None
