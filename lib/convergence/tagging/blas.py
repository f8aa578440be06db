"""The parser's matrix products through numpy's BLAS, one thread per process: the same parses, sooner.

spaCy's CPU models multiply through thinc's ``NumpyOps.gemm`` (the ``blis`` library). On this project's
machines numpy's OpenBLAS does the same single-precision products about 2.5 times faster, which makes the
parse about a quarter cheaper; the parses of the labelled and sample corpora are identical either way
(bench/parse_ops.py compares every token's tag, part of speech, dependency, head and lemma). OpenBLAS would
start a thread per core in each worker process, and those threads spin while they wait; the parse runs with
one thread (:func:`one_thread`), since the engine already runs one worker per core.
"""

from __future__ import annotations

import contextlib

import numpy as np

_OPS = None
_CONTROLLER = None


def blas_ops():
    """A thinc ``NumpyOps`` whose ``gemm`` is numpy's ``matmul`` (created once per process)."""
    global _OPS
    if _OPS is None:
        from thinc.api import NumpyOps

        class BlasOps(NumpyOps):
            name = "numpy_blas"

            def gemm(self, x, y, out=None, trans1=False, trans2=False):
                a = x.T if trans1 else x
                b = y.T if trans2 else y
                if out is None:
                    return np.matmul(a, b)
                np.matmul(a, b, out=out)
                return out

        _OPS = BlasOps()
    return _OPS


def load_model(name: str, **options):
    """``spacy.load(name, **options)`` with its layers built on :func:`blas_ops` (thinc's current ops are
    restored afterwards)."""
    import spacy
    from thinc.api import get_current_ops, set_current_ops

    previous = get_current_ops()
    set_current_ops(blas_ops())
    try:
        return spacy.load(name, **options)
    finally:
        set_current_ops(previous)


def one_thread():
    """A context in which BLAS libraries use one thread (their settings are restored on exit)."""
    global _CONTROLLER
    try:
        if _CONTROLLER is None:
            from threadpoolctl import ThreadpoolController

            _CONTROLLER = ThreadpoolController()
        return _CONTROLLER.limit(limits=1, user_api="blas")
    except Exception:  # no threadpoolctl or an unknown BLAS: run as configured
        return contextlib.nullcontext()
