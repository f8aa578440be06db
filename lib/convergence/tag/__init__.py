"""Tagging: issue areas, actors, holders, stance, relation cues and tone per sentence.

Public: :func:`tag`, :func:`load_taxonomy`, :func:`load_actors` (also :func:`load_stance_lexicon`,
:func:`load_relations`). All data lives in editable files in ``convergence/data``.
"""

from __future__ import annotations

import sys as _sys
import types as _types

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


class _CallableModule(_types.ModuleType):
    """``convergence.tag`` is both this package and the function: once the package has been imported, the
    attribute ``convergence.tag`` is the package, so calling it runs :func:`tag`."""

    def __call__(self, *args, **kwargs):
        return tag(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
