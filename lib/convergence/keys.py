"""Sentence keys: a short hash of a sentence's normalised text, stable across re-segmentation and re-parsing.

Hand labels and corrections name sentences by this key, never by their text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def sentence_key(text: str) -> str:
    """First 16 hex chars of the sha1 of the normalised sentence.

    Normalisation: Unicode NFKC; invisible format characters (category Cf: soft hyphen, zero-width space,
    BOM) dropped; lower-cased; every run of non-alphanumeric characters replaced by one space; stripped.
    So the key survives changes of quotes, dashes, spacing and soft hyphens between two segmentations.
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_key needs a string, got {type(text).__name__}")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    norm = _NON_ALNUM.sub(" ", text.lower()).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


__all__ = ["sentence_key"]
