"""Build the word space shipped for position scaling (lib/convergence/data/position_space.npz + .json).

    .venv/bin/python bench/build_position_space.py [--archive ../shared/corpora/UNGDC_1946-2024.tgz]
        [--vocab 15000] [--dims 200] [--min-df 20] [--seed 0] [--every 1] [--out lib/convergence/data]

Corpus: the UN General Debate Corpus (Jankin, Baturo & Dasandi; CC0 1.0), read from the archive at run time;
no text is stored, only word vectors. Every speech is split into sentences (a sentence ends at . ! or ?
followed by a capital, or at a paragraph break); a sentence is one document. Words are lower-case tokens of
two or more letters (inner hyphens kept: "self-determination"), English stop words (scikit-learn's list)
left out; the ``--vocab`` words found in most sentences (each in at least ``--min-df``) form the
vocabulary. The sentence x word matrix is weighted by TF-IDF (sublinear tf, l2-normalised rows) and reduced
with scikit-learn's ``TruncatedSVD`` (randomized, ``--dims`` components): this is latent semantic analysis
at the sentence level, the space Latent Semantic Scaling works in (Watanabe 2021). A word's vector is its
row of V·Σ, normalised to unit length and stored as float16, with its sentence frequency.

Output, written atomically: ``position_space.npz`` (arrays ``vocab`` (unicode), ``vectors`` (float16,
vocab x dims), ``df`` (int32), no pickles) and ``position_space.json`` (corpus sha256, parameters, counts,
library versions, seconds). Re-running with the same archive and options gives the same vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
OUT = ROOT / "lib" / "convergence" / "data"
SPEECH = re.compile(r"(?:^|/)([A-Z]{2,3}|EU)_(\d{1,3})_(\d{4})\.txt$")
#: Token pattern shared with convergence.measure.positions (lower-cased text).
TOKEN_PATTERN = r"(?u)\b[a-z][a-z]+(?:-[a-z]+)*\b"
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“(]?[A-Z])|\n\s*\n")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sentences(archive: Path):
    """Yield the sentences of every speech file in the archive (archive order)."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            name = member.name
            if not member.isfile() or not SPEECH.search(name) or Path(name).name.startswith("._"):
                continue
            text = tar.extractfile(member).read().decode("utf-8-sig", errors="replace")
            text = text.replace("¬", "").replace("\r", "\n").replace("\x0c", "\n")
            for sent in SENTENCE_END.split(text):
                sent = " ".join(sent.split())
                if len(sent) >= 20:
                    yield sent


def build(
    archive: Path, *, vocab: int, dims: int, min_df: int, seed: int, every: int = 1
) -> tuple[dict, dict]:
    import scipy
    import sklearn
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

    t0 = time.perf_counter()
    docs = list(sentences(archive))[::every]
    t1 = time.perf_counter()
    print(f"{len(docs):,} sentences read in {t1 - t0:.0f} s", flush=True)
    counter = CountVectorizer(
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(ENGLISH_STOP_WORDS),
        min_df=min_df,
        max_features=vocab,
        dtype=np.float32,
    )
    counts = counter.fit_transform(docs)
    del docs
    words = counter.get_feature_names_out()
    df = np.asarray((counts > 0).sum(axis=0)).ravel().astype(np.int32)
    t2 = time.perf_counter()
    print(
        f"matrix {counts.shape[0]:,} x {counts.shape[1]:,}, {counts.nnz:,} non-zeros, {t2 - t1:.0f} s",
        flush=True,
    )
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32)
    svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=5, random_state=seed)
    svd.fit(tfidf)
    t3 = time.perf_counter()
    print(f"SVD {dims} components in {t3 - t2:.0f} s", flush=True)
    vectors = svd.components_.T * svd.singular_values_[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    arrays = {"vocab": np.asarray(words, dtype=str), "vectors": vectors.astype(np.float16), "df": df}
    meta = {
        "what": "word vectors for Latent Semantic Scaling of position dimensions "
        "(convergence.measure.positions)",
        "corpus": {
            "name": "UN General Debate Corpus 1946-2024 (Jankin, Baturo & Dasandi), CC0 1.0",
            "file": archive.name,
            "sha256": sha256(archive),
            "sentences": int(counts.shape[0]),
        },
        "method": "sentence x word TF-IDF (sublinear tf, l2 rows) -> TruncatedSVD (randomized); "
        "word = row of V*Sigma, unit length, float16",
        "parameters": {
            "vocab": vocab,
            "dims": dims,
            "min_df": min_df,
            "seed": seed,
            "n_iter": 5,
            "every": every,
            "token_pattern": TOKEN_PATTERN,
            "stop_words": "sklearn ENGLISH_STOP_WORDS",
            "sentence_split": SENTENCE_END.pattern,
        },
        "vocabulary": int(len(words)),
        "explained_variance": float(svd.explained_variance_ratio_.sum()),
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "seconds": round(time.perf_counter() - t0, 1),
    }
    return arrays, meta


def _atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=ARCHIVE, help="the UNGDC .tgz archive")
    ap.add_argument("--vocab", type=int, default=15000, help="vocabulary size (most frequent words)")
    ap.add_argument("--dims", type=int, default=200, help="SVD components")
    ap.add_argument(
        "--min-df", type=int, default=20, help="a word must occur in at least this many sentences"
    )
    ap.add_argument("--seed", type=int, default=0, help="random state of the randomized SVD")
    ap.add_argument("--every", type=int, default=1, help="keep every k-th sentence (1: all)")
    ap.add_argument("--out", type=Path, default=OUT, help="folder for position_space.npz and .json")
    args = ap.parse_args(argv)
    if not args.archive.is_file():
        print(f"cannot build the space: {args.archive} not found", file=sys.stderr)
        return 1
    arrays, meta = build(
        args.archive, vocab=args.vocab, dims=args.dims, min_df=args.min_df, seed=args.seed, every=args.every
    )
    args.out.mkdir(parents=True, exist_ok=True)
    npz = args.out / "position_space.npz"

    def write_npz(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **arrays)

    _atomic(npz, write_npz)
    meta["npz_bytes"] = npz.stat().st_size
    meta["npz_sha256"] = sha256(npz)
    _atomic(
        args.out / "position_space.json",
        lambda tmp: Path(tmp).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8"),
    )
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
