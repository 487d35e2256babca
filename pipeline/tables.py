"""Every [tool.notes] table, listed: pyproject.toml is read against exactly these (pipeline/config.py).

Each table is described where its options are used; it counts only once it
is named here, not because some module happened to import it.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import config
from pipeline.cadence.options import SECTION as CADENCE
from pipeline.email.options import SECTION as EMAIL
from pipeline.lint.policy import SECTION as LINT

TABLES = (LINT, CADENCE, EMAIL)


def load(root: Path) -> config.Config:
    """[tool.notes] from `root`/pyproject.toml, checked against every table."""
    return config.load(root, TABLES)
