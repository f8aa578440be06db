"""Freed memory handed back to the system: long-lived report processes (the runner, kept kernels) would
otherwise keep the pages of every table they have let go of."""

from __future__ import annotations

import gc
import sys


def release_memory() -> None:
    """Collect garbage, then return free pages to the system: pyarrow's memory pool (when pyarrow is
    loaded; reading an Arrow file fills it) and glibc's heap (``malloc_trim``; Linux only)."""
    gc.collect()
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        try:
            arrow.default_memory_pool().release_unused()
        except Exception:  # noqa: BLE001 - an older pyarrow without it keeps its pool
            pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass
