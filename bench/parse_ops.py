"""The tagger's parses (numpy's BLAS, the attribute ruler on arrays) against spaCy's own pipeline: the same?

    .venv/bin/python bench/parse_ops.py                      # the Dawn/APP sample, every sentence
    .venv/bin/python bench/parse_ops.py --limit 3000         # its first 3,000 sentences
    .venv/bin/python bench/parse_ops.py --corpus ../shared/corpora/wh-briefings_pakistan_2021-2026.tgz

Reference: the model loaded by ``spacy.load`` (thinc's blis products, spaCy's ``attribute_ruler`` pipe).
Tagger: ``convergence.tagging.syntax.parse_many`` (``tagging/blas.py``, ``tagging/ruler.py``), called per
document as the tagger calls it, with the parse cache off. Both parse every sentence of the corpus (one
sentence per Doc, without its dateline: the tagger's first token, the dateline's blank, is left out of the
comparison) in one BLAS thread. Prints the CPU seconds of each and the number of
sentences whose tokens differ in tag, part of speech, morphology, dependency, head or lemma (the first few
are shown). The corpus is read from ../shared/corpora at run time; nothing of it is written.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "dawn_app_2025_sample.jsonl.gz"


def _tokens(doc, skip: int = 0) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i - skip, t.lemma_) for t in doc[skip:]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a corpus file or folder to read")
    ap.add_argument("--limit", type=int, default=0, help="parse only this many sentences (0: all)")
    ap.add_argument("--show", type=int, default=5, help="how many differing sentences to print")
    args = ap.parse_args(argv)
    os.environ["CONVERGENCE_PARSE_CACHE"] = "0"

    import convergence as cv
    import spacy
    from convergence.tagging import blas, syntax

    corpus = cv.read_corpus([args.corpus], use_cache=False)
    sentences = corpus.sentences
    if args.limit:
        sentences = sentences.iloc[: args.limit]
    texts = sentences["text"].tolist()
    documents = [group["text"].tolist() for _doc, group in sentences.groupby("doc_id", sort=False)]
    texts = [t for doc in documents for t in doc]
    print(f"{len(texts)} sentences in {len(documents)} documents of {args.corpus.name}")

    reference = spacy.load(syntax.MODEL, exclude=["ner"])
    reference.disable_pipe("lemmatizer")
    start = time.process_time()
    with blas.one_thread():
        words = [t[syntax.dateline_end(t) :] for t in texts]
        ref = [_tokens(d) for d in reference.pipe(words, batch_size=128)]
    print(f"spaCy's pipeline   {time.process_time() - start:7.1f} s CPU")

    syntax.nlp()
    start = time.process_time()
    ours = [
        _tokens(d, 1 if syntax.dateline_end(t) else 0)
        for doc in documents
        for t, d in zip(doc, syntax.parse_many(doc), strict=True)
    ]
    print(f"the tagger's parse {time.process_time() - start:7.1f} s CPU")

    differ = [i for i, (a, b) in enumerate(zip(ref, ours, strict=True)) if a != b]
    print(f"sentences whose parse differs: {len(differ)} of {len(texts)}")
    for i in differ[: args.show]:
        print(f"  {i}: {texts[i][:120]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
