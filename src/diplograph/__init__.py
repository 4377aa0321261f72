"""diplograph: a sourced, queryable record of diplomatic engagements, built from reports."""

from __future__ import annotations

__version__ = "0.1.0"
