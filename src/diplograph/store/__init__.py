"""The knowledge base: reports and what they say, resolved across reports, on SQLite or PostgreSQL."""

from __future__ import annotations
