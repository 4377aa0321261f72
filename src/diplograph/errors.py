"""Errors diplograph raises on purpose, so callers can tell bad input from bugs.

DiplographError
 ├── IngestError        a file or stream could not be read as a report (names the file and why)
 ├── ExtractionError    a report was read but the extractor failed on it
 ├── StoreError         the database refused or lost a write
 └── ConfigError        a setting or command-line option is wrong
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base of every error diplograph raises on purpose."""


class IngestError(DiplographError):
    """A source could not be read as a report; the message names the source and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        """Rebuild from (source, problem), so the error crosses process boundaries intact."""
        return (type(self), (self.source, self.problem))


class ExtractionError(DiplographError):
    """The extractor failed on a report it could read."""


class StoreError(DiplographError):
    """The database refused or lost a write."""


class ConfigError(DiplographError):
    """A setting or an option has a value diplograph cannot use."""
