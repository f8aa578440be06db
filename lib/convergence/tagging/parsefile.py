"""The parse cache's file: one document's parses as token arrays and their strings (no pickle, no msgpack).

spaCy's ``DocBin`` holds the same arrays, but it gathers their strings by reading nine attributes of every
token in Python and packs the whole through msgpack, whose loader looks up its extension hooks among the
installed packages' entry points on every call: writing it added about 6% to the Dawn/APP sample's parse,
this file a third of that. Here the strings are those of the distinct values of each string column, found
with numpy, and the file is a small JSON header, the arrays' raw bytes and a zlib layer. The ``Doc``
objects are rebuilt as ``DocBin`` rebuilds them (``Doc(vocab, words=orths, spaces=...)`` then
``Doc.from_array``), so the tokens and their attributes are the same.
"""

from __future__ import annotations

import json
import zlib

import numpy as np

MAGIC = b"CVPARSE1\n"
# as DocBin orders them: ORTH, SPACY, then the rest by attribute id
_NAMES = ("ORTH", "SPACY", "TAG", "POS", "HEAD", "DEP", "LEMMA", "MORPH")
_STRING_COLUMNS = ("ORTH", "TAG", "DEP", "LEMMA", "MORPH")


def attributes():
    """The attribute ids of a cache file's token columns, in their order."""
    from spacy.attrs import IDS

    rest = sorted(IDS[n] for n in _NAMES[2:])
    return [IDS["ORTH"], IDS["SPACY"], *rest]


def dumps(docs) -> bytes:
    """The parses ``docs`` (one ``Doc`` per sentence) as the bytes of one cache file."""
    from spacy.attrs import IDS

    attrs = attributes()
    arrays = [d.to_array(attrs).reshape(len(d), len(attrs)) for d in docs]
    tokens = np.concatenate(arrays) if arrays else np.zeros((0, len(attrs)), dtype=np.uint64)
    columns = [attrs.index(IDS[n]) for n in _STRING_COLUMNS]
    header = {
        "attrs": attrs,
        "lengths": [len(d) for d in docs],
        # no values without a doc: the first doc's vocabulary is asked only when there is one
        "strings": [docs[0].vocab.strings[int(v)] for v in np.unique(tokens[:, columns]) if v],
    }
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    body = len(head).to_bytes(8, "little") + head + np.ascontiguousarray(tokens).tobytes()
    return MAGIC + zlib.compress(body, 1)


def loads(data: bytes, vocab) -> list:
    """The ``Doc`` objects of a cache file's bytes, on ``vocab``; ``ValueError`` for any other bytes."""
    from spacy.tokens import Doc

    if not data.startswith(MAGIC):
        raise ValueError("not a parse cache file")
    try:
        body = zlib.decompress(data[len(MAGIC) :])
        size = int.from_bytes(body[:8], "little")
        header = json.loads(body[8 : 8 + size].decode("utf-8"))
        attrs, lengths = header["attrs"], header["lengths"]
        tokens = np.frombuffer(body[8 + size :], dtype=np.uint64).reshape(-1, len(attrs))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"damaged parse cache file: {exc}") from None
    if attrs != attributes() or sum(lengths) != len(tokens):
        raise ValueError("parse cache file of another layout")
    for s in header["strings"]:
        vocab.strings.add(s)
    docs, start = [], 0
    for n in lengths:
        rows = tokens[start : start + n]
        start += n
        doc = Doc(vocab, words=rows[:, 0], spaces=rows[:, 1].astype(bool).tolist())
        docs.append(doc.from_array(attrs, rows.copy()))
    return docs
