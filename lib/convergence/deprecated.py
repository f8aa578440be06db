"""Keyword names that were renamed: the old name still works for a while and warns with the new one."""

from __future__ import annotations

import warnings


def renamed(old_value, new_value, *, old: str, new: str, where: str):
    """The value of the option now called ``new``, given under its old name ``old`` or its new one.

    The old name emits a :class:`DeprecationWarning` naming the new one; both names at once is a
    :class:`TypeError`, as for any keyword given twice.
    """
    if old_value is None:
        return new_value
    if new_value is not None:
        raise TypeError(f"{where}() got both {old}= and {new}=; {old}= is the old name of {new}=")
    warnings.warn(f"{where}(): {old}= is deprecated; use {new}=", DeprecationWarning, stacklevel=3)
    return old_value


__all__ = ["renamed"]
