"""A document's topic issue, lent to its sentences about a relationship itself ("calls for a reset")."""

from __future__ import annotations

from .turns import ANSWER_CLEAR  # a clear cue


def topic_of(issue_lists, *, min_share: float | None, headline: bool, news: bool = False) -> str | None:
    """The issue a document is about: the one most of its sentences match (own terms only), when it holds at
    least ``min_share`` of the sentences that match any issue and more than one of them (a headline's issue
    breaks ties); in a ``news`` article (no speaker), short of that share, the headline's only issue when more
    sentences match it than any other. None when no issue dominates, as in a speech or a briefing ranging over
    many."""
    if not min_share:
        return None
    counts: dict[str, int] = {}
    matched = 0
    for issues in issue_lists:
        if issues:
            matched += 1
        for slug in dict.fromkeys(issues):
            counts[slug] = counts.get(slug, 0) + 1
    if not counts:
        return None
    first = list(issue_lists[0]) if headline and issue_lists else []
    best = max(counts, key=lambda s: (counts[s], s in first))
    if counts[best] < 2:
        return None
    if counts[best] < min_share * matched:
        # no issue holds the share: in a news article a headline on one issue, which more sentences match than
        # any other, still names the event the article reports
        ahead = all(counts[best] > n for slug, n in counts.items() if slug != best)
        return best if news and ahead and set(first) == {best} else None
    return best


def about_relationship(holder, target_stances, relation_pairs) -> bool:
    """A sentence in which a state acts on or speaks of another actor with a stance cue ("Naqvi strengthens
    Pak-US ties", "Pakistan wants a reset in relations with the US") or acts with it ("Both sides reached a
    deal"): what it says concerns the relationship, so the issue the document is about. The journalist's
    background on the relationship, which no one holds ("their oft-strained relations"), does not count."""
    if not holder:
        return False
    return bool(relation_pairs) or any(
        d.get("target") not in (None, holder) and abs(d.get("stance") or 0) >= ANSWER_CLEAR
        for d in target_stances
    )


def subject_actor(headline_codes, speaker, *, titled: bool) -> str | None:
    """The actor a speaker's document is about: the one actor its title names besides the speaker ("Statement
    by the Press Secretary on the Floods in Pakistan"). None without a speaker or a title, or when the title
    names several."""
    if not speaker or not titled:
        return None
    others = [c for c in dict.fromkeys(headline_codes) if c and c != speaker]
    return others[0] if len(others) == 1 else None


def neighbour_issues(
    tags: list, *, titled: bool, after: bool = True, general=()
) -> list[tuple[int, list, list]]:
    """(index, issues, terms) for each sentence that states a relationship but names no issue and whose
    neighbour, held by the same actor, names one in its own terms: one statement told in two sentences ("The
    minister thanked friendly states for their support during the standoff with India. 'We are also grateful
    to the US for its role,' he said."; a briefing's "Pakistan remains a close partner. They still face a
    terrorist threat on that border."). The sentence before is read first, then, with ``after`` (a speaker's
    document, whose answer gives a claim and then its grounds), the one after; a headline lends nothing to
    the body and takes nothing from it but its lead's: in a speaker's document, and in any document in place
    of the document's topic lent to it (the headline states the event its lead reports). The sentences in
    ``general`` (indices) speak of the relationship in general and take no issue."""
    out = []
    n = len(tags)
    for i, t in enumerate(tags):
        lent = titled and i == 0 and t is not None and t.issue_source == "topic"
        if t is None or t.issues and not lent or i in general:
            continue
        if not about_relationship(t.holder, t.target_stances, t.relation_pairs):
            continue
        for j in (i - 1, i + 1) if after or lent else (i - 1,):
            if not 0 <= j < n or tags[j] is None or (titled and (i == 0 and j != 1 or i > 0 and j == 0)):
                continue
            u = tags[j]
            if u.issue_source == "matched" and u.holder == t.holder:
                out.append((i, list(u.issues), list(u.issue_terms)))
                break
    return out
