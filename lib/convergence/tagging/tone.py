"""VADER tone (compound score in [-1, 1]), a secondary feature next to the stance lexicon.

Uses the analyzer and lexicon shipped in the ``vaderSentiment`` package; needs no NLTK data. The analyzer
below gives the same scores as ``vaderSentiment``'s own; it only skips the character-by-character emoji
rewrite when a sentence has no emoji (most sentences), which is a large part of the cost on long sentences,
lower-cases the words once per sentence, and appends 0 at once for a word outside the lexicon (what the
parent's ``sentiment_valence`` does for it after more work). :meth:`compound` gives the compound score alone:
it scores only the lexicon words (every other word's valence is 0) and skips the positive/negative/neutral
shares, which the compound score does not use. tests/test_tag_tone.py checks the scores are identical.
"""

from __future__ import annotations

_ANALYZER = None


def _make():
    import string

    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        C_INCR,
        N_SCALAR,
        NEGATE,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
        SentiText,
        normalize,
    )

    punctuation = string.punctuation

    class _Analyzer(SentimentIntensityAnalyzer):
        def __init__(self):
            super().__init__()
            self._emoji_chars = frozenset(self.emojis)
            self._lexicon_words = frozenset(self.lexicon)
            self._negate = frozenset(NEGATE)
            # the first two words of every phrase _special_idioms_check looks up (a phrase of two or three
            # words can only be found where its first two words stand next to each other)
            phrases = [k.split(" ") for k in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in k]
            self._idiom_starts = frozenset((p[0], p[1]) for p in phrases)

        def polarity_scores(self, text):
            if not self._emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)
            # identical to the parent's body after its emoji loop (which leaves an emoji-free text as it is)
            text = text.strip()
            sentitext = SentiText(text)
            sentiments = []
            words = sentitext.words_and_emoticons
            self._low = (words, [str(w).lower() for w in words])
            lexicon = self.lexicon
            lows = self._low[1]
            for i, item in enumerate(words):
                low = lows[i]
                if low not in lexicon:  # the parent's sentiment_valence appends 0 for such a word
                    sentiments.append(0)
                    continue
                if low in BOOSTER_DICT:
                    sentiments.append(0)
                    continue
                if i < len(words) - 1 and low == "kind" and words[i + 1].lower() == "of":
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        def compound(self, text) -> float:
            """``polarity_scores(text)["compound"]``, computed with less work (the same arithmetic on the
            same values in the same order)."""
            if not text.isascii() and not self._emoji_chars.isdisjoint(text):  # no emoji is ASCII
                return self.polarity_scores(text)["compound"]
            text = text.strip()
            # SentiText(text): each word stripped of its outer punctuation unless 2 characters or fewer remain
            words = [w if len(x := w.strip(punctuation)) <= 2 else x for w in text.split()]
            if not words:
                return 0.0
            n_caps = sum(map(str.isupper, words))
            sentitext = SentiText.__new__(SentiText)
            sentitext.text, sentitext.words_and_emoticons = text, words
            sentitext.is_cap_diff = 0 < len(words) - n_caps < len(words)
            lows = [w.lower() for w in words]
            self._low = (words, lows)
            last = len(words) - 1
            sentiments: list = [0] * len(words)  # the parent appends 0 for every word it does not score
            found = self._lexicon_words.intersection(lows)
            for i in [i for i, low in enumerate(lows) if low in found] if found else ():
                low = lows[i]
                if low in BOOSTER_DICT:
                    continue
                if i < last and low == "kind" and lows[i + 1] == "of":
                    continue
                sentiments[i] = self._valence(words, lows, i, sentitext.is_cap_diff)
            if "but" in lows:
                sentiments = self._but_check(words, sentiments)
            # score_valence, compound only
            sum_s = float(sum(sentiments))
            amplifier = self._punctuation_emphasis(text)
            if sum_s > 0:
                sum_s += amplifier
            elif sum_s < 0:
                sum_s -= amplifier
            return round(normalize(sum_s), 4)

        def _valence(self, words, lows, i, is_cap_diff):
            """The parent's ``sentiment_valence`` for the lexicon word ``i``, on the lower-cased words (its
            negation checks written out on them, and its idiom check only where an idiom can stand)."""
            lexicon = self.lexicon
            low = lows[i]
            valence = lexicon[low]
            if low == "no" and i != len(words) - 1 and lows[i + 1] in lexicon:
                valence = 0.0
            if (
                (i > 0 and lows[i - 1] == "no")
                or (i > 1 and lows[i - 2] == "no")
                or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor"))
            ):
                valence = lexicon[low] * N_SCALAR
            if is_cap_diff and words[i].isupper():
                if valence > 0:
                    valence += C_INCR
                else:
                    valence -= C_INCR
            negate = self._negate
            for start_i in range(0, 3):
                j = i - (start_i + 1)
                if i > start_i and lows[j] not in lexicon:
                    s = 0.0  # scalar_inc_dec(words[j], valence, is_cap_diff)
                    if lows[j] in BOOSTER_DICT:
                        s = BOOSTER_DICT[lows[j]]
                        if valence < 0:
                            s *= -1
                        if words[j].isupper() and is_cap_diff:
                            if valence > 0:
                                s += C_INCR
                            else:
                                s -= C_INCR
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    # _negation_check(valence, words, start_i, i), on the lower-cased words
                    if start_i == 0:
                        w1 = lows[i - 1]
                        if w1 in negate or "n't" in w1:
                            valence = valence * N_SCALAR
                    elif start_i == 1:
                        w2, w1 = lows[i - 2], lows[i - 1]
                        if w2 == "never" and (w1 == "so" or w1 == "this"):
                            valence = valence * 1.25
                        elif w2 == "without" and w1 == "doubt":
                            pass
                        elif w2 in negate or "n't" in w2:
                            valence = valence * N_SCALAR
                    else:
                        w3, w2, w1 = lows[i - 3], lows[i - 2], lows[i - 1]
                        if w3 == "never" and (w2 == "so" or w2 == "this") or (w1 == "so" or w1 == "this"):
                            valence = valence * 1.25
                        elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                            pass
                        elif w3 in negate or "n't" in w3:
                            valence = valence * N_SCALAR
                        near = lows[i - 3 : i + 3]
                        if not self._idiom_starts.isdisjoint(zip(near, near[1:], strict=False)):
                            valence = self._special_idioms_check(valence, words, i)
            # _least_check
            if i > 1 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
                if lows[i - 2] != "at" and lows[i - 2] != "very":
                    valence = valence * N_SCALAR
            elif i > 0 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
                valence = valence * N_SCALAR
            return valence

        def _lower(self, words):
            cached = getattr(self, "_low", None)
            if cached is not None and cached[0] is words:
                return cached[1]
            return [str(w).lower() for w in words]

        # The two checks below are vaderSentiment's own, except that the lower-cased word list is computed
        # once per sentence instead of once per call (the parent rebuilds it for every lexicon word).
        def _negated(self, word):  # vaderSentiment's negated([word]) for one lower-cased word
            return word in self._negate or "n't" in word

        def _negation_check(self, valence, words_and_emoticons, start_i, i):
            w = self._lower(words_and_emoticons)
            negated = self._negated
            if start_i == 0:
                if negated(w[i - (start_i + 1)]):
                    valence = valence * N_SCALAR
            if start_i == 1:
                if w[i - 2] == "never" and (w[i - 1] == "so" or w[i - 1] == "this"):
                    valence = valence * 1.25
                elif w[i - 2] == "without" and w[i - 1] == "doubt":
                    valence = valence
                elif negated(w[i - (start_i + 1)]):
                    valence = valence * N_SCALAR
            if start_i == 2:
                if (
                    w[i - 3] == "never"
                    and (w[i - 2] == "so" or w[i - 2] == "this")
                    or (w[i - 1] == "so" or w[i - 1] == "this")
                ):
                    valence = valence * 1.25
                elif w[i - 3] == "without" and (w[i - 2] == "doubt" or w[i - 1] == "doubt"):
                    valence = valence
                elif negated(w[i - (start_i + 1)]):
                    valence = valence * N_SCALAR
            return valence

        def _special_idioms_check(self, valence, words_and_emoticons, i):
            w = self._lower(words_and_emoticons)
            onezero = f"{w[i - 1]} {w[i]}"
            twoonezero = f"{w[i - 2]} {w[i - 1]} {w[i]}"
            twoone = f"{w[i - 2]} {w[i - 1]}"
            threetwoone = f"{w[i - 3]} {w[i - 2]} {w[i - 1]}"
            threetwo = f"{w[i - 3]} {w[i - 2]}"
            for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                if seq in SPECIAL_CASES:
                    valence = SPECIAL_CASES[seq]
                    break
            if len(w) - 1 > i:
                zeroone = f"{w[i]} {w[i + 1]}"
                if zeroone in SPECIAL_CASES:
                    valence = SPECIAL_CASES[zeroone]
            if len(w) - 1 > i + 1:
                zeroonetwo = f"{w[i]} {w[i + 1]} {w[i + 2]}"
                if zeroonetwo in SPECIAL_CASES:
                    valence = SPECIAL_CASES[zeroonetwo]
            for n_gram in (threetwoone, threetwo, twoone):
                if n_gram in BOOSTER_DICT:
                    valence = valence + BOOSTER_DICT[n_gram]
            return valence

    return _Analyzer()


def analyzer():
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = _make()
    return _ANALYZER


def tone(text: str) -> float:
    """VADER compound score of one sentence."""
    return float(analyzer().compound(text))
