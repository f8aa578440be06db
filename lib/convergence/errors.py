"""The base class of every error the project raises for bad input, so callers can catch them all at once."""

from __future__ import annotations


class ConvergenceError(Exception):
    """Bad input or a failed step; the message is one line saying what was tried and why it failed."""


__all__ = ["ConvergenceError"]
