"""VADER tone (compound score in [-1, 1]), a secondary feature next to the stance lexicon.

Uses the analyzer and lexicon shipped in the ``vaderSentiment`` package; needs no NLTK data.
"""

from __future__ import annotations

_ANALYZER = None


def analyzer():
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def tone(text: str) -> float:
    """VADER compound score of one sentence."""
    return float(analyzer().polarity_scores(text)["compound"])
