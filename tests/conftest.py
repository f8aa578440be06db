"""Every test session keeps its caches (parses, tagged tables, dependency parses) in a temporary folder,
never in the user's ~/.cache/convergence; subprocesses (the CLI, report workers) inherit it."""

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    before = os.environ.get("CONVERGENCE_CACHE")
    os.environ["CONVERGENCE_CACHE"] = str(tmp_path_factory.mktemp("convergence-cache"))
    yield
    if before is None:
        os.environ.pop("CONVERGENCE_CACHE", None)
    else:
        os.environ["CONVERGENCE_CACHE"] = before
