"""Parses with thinc's own matrix products (blis) and with numpy's BLAS (convergence.tagging.blas): the same?

    .venv/bin/python bench/parse_ops.py                      # the Dawn/APP sample, every sentence
    .venv/bin/python bench/parse_ops.py --limit 3000         # its first 3,000 sentences
    .venv/bin/python bench/parse_ops.py --corpus ../shared/corpora/wh-briefings_pakistan_2021-2026.tgz

Parses each sentence of the corpus (as the tagger does: dateline blanked, one sentence per Doc) with the
model loaded both ways, in one BLAS thread, and prints the CPU seconds of each and the number of sentences
whose tokens differ in tag, part of speech, morphology, dependency, head or lemma (with the first few).
The corpus is read from ../shared/corpora at run time; nothing of it is written.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "dawn_app_2025_sample.jsonl.gz"


def _tokens(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_) for t in doc]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a corpus file or folder to read")
    ap.add_argument("--limit", type=int, default=0, help="parse only this many sentences (0: all)")
    ap.add_argument("--show", type=int, default=5, help="how many differing sentences to print")
    args = ap.parse_args(argv)

    import convergence as cv
    import spacy
    from convergence.tagging import blas, syntax

    corpus = cv.read_corpus([args.corpus], use_cache=False)
    texts = [syntax.blank_dateline(t) for t in corpus.sentences["text"].tolist() if t]
    if args.limit:
        texts = texts[: args.limit]
    print(f"{len(texts)} sentences from {args.corpus.name}")
    parsed = {}
    for label, load in (("blis", spacy.load), ("numpy BLAS", blas.load_model)):
        model = load(syntax.MODEL, exclude=["ner"])
        model.disable_pipe("lemmatizer")
        start = time.process_time()
        with blas.one_thread():
            parsed[label] = [_tokens(d) for d in model.pipe(texts, batch_size=128)]
        print(f"{label:10}  {time.process_time() - start:7.1f} s CPU")
    differ = [i for i, (a, b) in enumerate(zip(*parsed.values(), strict=True)) if a != b]
    print(f"sentences whose parse differs: {len(differ)} of {len(texts)}")
    for i in differ[: args.show]:
        print(f"  {i}: {texts[i][:120]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
