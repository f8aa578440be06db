"""The tone analyzer gives exactly vaderSentiment's scores."""

from convergence.paths import project_root
from convergence.tagging.tone import analyzer, tone
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def test_same_scores_as_vader_sentiment():
    reference = SentimentIntensityAnalyzer()
    texts = [
        p.strip()
        for f in sorted((project_root() / "seeds").glob("*.txt"))
        for p in f.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if p.strip()
    ]
    texts += [
        "We are NOT happy about this at all!!!",
        "The deal is kind of good, but the terms are terrible.",
        "Great news 😁 for both sides",
        "It isn't a good deal, and we never so strongly disagreed; no good or bad outcome.",
        "Without doubt the talks were not without merit, nor was the outcome bad.",
        "  padded text with no sentiment  ",
        "",
        "No, no good or nor bad: NOT at least GREAT, at least bad, very least good.",
        "It was kind of a SO good outcome, sort of bad, the shit, yeah right but fine ?? !",
        "Hardly a good deal; EXTREMELY bad, never so good, without doubt good, rarely bad.",
        "! ?? :) :-( good",
    ]
    assert len(texts) > 40
    for t in texts:
        assert analyzer().polarity_scores(t) == reference.polarity_scores(t), t
        assert analyzer().compound(t) == reference.polarity_scores(t)["compound"], t
    assert tone("This is a wonderful, friendly agreement.") > 0.5
