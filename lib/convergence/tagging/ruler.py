"""The model's attribute ruler run on a batch of parses at once, with array comparisons: the same token
attributes as spaCy's ``attribute_ruler`` pipe, a fraction of its cost.

spaCy's ruler runs its ``Matcher`` token by token, evaluating every pattern's predicates in Python; on short
sentences it costs about a third of the parse. Its patterns (``en_core_web_sm``: a tag map and exceptions on
the word, the tag and the dependency) are fixed sequences of tokens with equality, ``IN``, ``NOT_IN`` and
``REGEX`` tests, so each test is one comparison over the array of all tokens of the batch. The attributes
are then set exactly as the ruler sets them: all matches found first on the parser's output, then applied
pattern by pattern (a later pattern wins), left to right. :func:`fast_ruler` returns None for a ruler whose
patterns use anything else, and the model's own pipe runs instead.
"""

from __future__ import annotations

import re

import numpy as np

_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")


_ANCHOR_ORDER = (1, 0, 2, 3)  # a pattern is looked up by its word if it tests one, else its tag, ...


class FastRuler:
    """Applies an ``AttributeRuler``'s patterns to parsed ``Doc`` objects (see the module docstring).

    Each pattern is found from one of its equality tests (its anchor: the word, else the tag, the
    dependency or the space flag): the tokens holding the anchor's value are its only possible matches,
    and its other tests are checked on those alone. A pattern without an equality test is tested on every
    token."""

    def __init__(self, ruler):
        from spacy.strings import get_string_id

        self.vocab = ruler.vocab
        self.n_rules = len(ruler.patterns)
        self.attrs = [ruler.attrs[i] for i in range(self.n_rules)]
        self.indices = [ruler.indices[i] for i in range(self.n_rules)]
        self.anchored: list[dict] = [{} for _ in _COLUMNS]  # column -> value -> [(rule, k, width, tests)]
        self.unanchored: list = []  # (rule, width, tests)
        self.regex_cache: dict = {}
        for i, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = []  # (k, column, op, argument)
                for k, spec in enumerate(pattern):
                    for key, value in spec.items():
                        if key not in _COLUMNS:
                            raise ValueError(f"attribute {key!r}")
                        col = _COLUMNS.index(key)
                        if isinstance(value, bool):
                            tests.append((k, col, "eq", int(value)))
                        elif isinstance(value, str):
                            tests.append((k, col, "eq", get_string_id(value)))
                        elif isinstance(value, dict) and value:
                            for op, arg in value.items():
                                if op in ("IN", "NOT_IN") and isinstance(arg, list) and key != "IS_SPACE":
                                    tests.append((k, col, op, frozenset(get_string_id(v) for v in arg)))
                                elif op == "REGEX" and isinstance(arg, str) and key == "LOWER":
                                    tests.append((k, col, op, re.compile(arg)))
                                else:
                                    raise ValueError(f"test {op!r}")
                        else:
                            raise ValueError(f"value {value!r}")
                width = len(pattern)
                if not width:
                    raise ValueError("empty pattern")
                anchor = next(
                    (t for col in _ANCHOR_ORDER for t in tests if t[1] == col and t[2] == "eq"), None
                )
                if anchor is None:
                    self.unanchored.append((i, width, tests))
                else:
                    rest = [t for t in tests if t is not anchor]
                    self.anchored[anchor[1]].setdefault(anchor[3], []).append((i, anchor[0], width, rest))

    def _test(self, values: np.ndarray, op: str, arg) -> np.ndarray:
        """Which of ``values`` (string ids of one column) pass one test."""
        if op == "eq":
            return values == np.uint64(arg)
        if op in ("IN", "NOT_IN"):
            inside = np.fromiter((v in arg for v in values.tolist()), dtype=bool, count=len(values))
            return inside if op == "IN" else ~inside
        strings = self.vocab.strings  # REGEX: searched in the word's text (cached per word)
        out = np.empty(len(values), dtype=bool)
        for j, h in enumerate(values.tolist()):
            key = (arg.pattern, h)
            hit = self.regex_cache.get(key)
            if hit is None:
                hit = self.regex_cache[key] = bool(arg.search(strings[h]))
            out[j] = hit
        return out

    def _keep(self, arr, doc_of, starts, width, tests) -> np.ndarray:
        """The start positions of ``starts`` at which a pattern of ``width`` tokens passes ``tests``."""
        n = len(arr)
        starts = starts[(starts >= 0) & (starts + width <= n)]
        if width > 1 and len(starts):
            starts = starts[doc_of[starts] == doc_of[starts + width - 1]]  # within one sentence
        for k, col, op, arg in tests:
            if not len(starts):
                break
            starts = starts[self._test(arr[starts + k, col], op, arg)]
        return starts

    def __call__(self, docs: list) -> list:
        """Set the ruler's attributes on ``docs`` (parsed, not yet ruled); returns them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        docs = list(docs)
        lengths = [len(d) for d in docs]
        n = sum(lengths)
        if not n:
            return docs
        arr = np.concatenate(
            [d.to_array([TAG, LOWER, DEP, IS_SPACE]).astype(np.uint64).reshape(len(d), 4) for d in docs]
        )
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        offset = np.concatenate([[0], np.cumsum(lengths)])
        found: list = [None] * self.n_rules
        for col, table in enumerate(self.anchored):
            if not table:
                continue
            values = arr[:, col]
            order = np.argsort(values, kind="stable")
            ordered = values[order]
            uniq, first = np.unique(ordered, return_index=True)
            bounds = [*first.tolist(), n]
            for j, value in enumerate(uniq.tolist()):
                entries = table.get(value)
                if not entries:
                    continue
                positions = order[bounds[j] : bounds[j + 1]]
                for i, k, width, tests in entries:
                    starts = self._keep(arr, doc_of, positions - k, width, tests)
                    if len(starts):
                        found[i] = (found[i] or set()) | {(int(g), width) for g in starts.tolist()}
        everywhere = np.arange(n)
        for i, width, tests in self.unanchored:
            starts = self._keep(arr, doc_of, everywhere, width, tests)
            if len(starts):
                found[i] = (found[i] or set()) | {(int(g), width) for g in starts.tolist()}
        # every match is found before any attribute changes; then pattern by pattern, left to right
        for i, matches in enumerate(found):
            if not matches:
                continue
            attrs, index = self.attrs[i], self.indices[i]
            for g, width in sorted(matches):
                d = int(doc_of[g])
                first = g - int(offset[d])
                token = first + index if index >= 0 else first + width + index
                if not first <= token < first + width:
                    raise ValueError(f"index {index} outside a match of {width} token(s)")
                set_token_attrs(docs[d][token], attrs)
        return docs


def fast_ruler(model):
    """A :class:`FastRuler` for the model's ``attribute_ruler`` (None when the model has none or its
    patterns use a test this module does not implement)."""
    if "attribute_ruler" not in model.component_names:
        return None
    try:
        return FastRuler(model.get_pipe("attribute_ruler"))
    except (ValueError, TypeError, KeyError):
        return None
