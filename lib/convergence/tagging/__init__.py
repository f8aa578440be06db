"""Tagging: issue areas, actors, holders, stance, relation cues and tone per sentence.

Public: :func:`tag`, :func:`load_taxonomy`, :func:`load_actors` (also :func:`load_stance_lexicon`,
:func:`load_relations`). All data lives in editable files in ``convergence/data``.
"""

from __future__ import annotations

from .core import ARTICLE_COLUMNS, TAG_COLUMNS, TagError, tag
from .lexicon import (
    Actors,
    StanceLexicon,
    TagDataError,
    Taxonomy,
    load_actors,
    load_relations,
    load_stance_lexicon,
    load_taxonomy,
)
from .matcher import normalize

__all__ = [
    "ARTICLE_COLUMNS",
    "TAG_COLUMNS",
    "Actors",
    "StanceLexicon",
    "TagDataError",
    "TagError",
    "Taxonomy",
    "load_actors",
    "load_relations",
    "load_stance_lexicon",
    "load_taxonomy",
    "normalize",
    "tag",
]
