"""Every table and column of the schema is described in docs/schema.md (datasette's rule for docs)."""

from __future__ import annotations

import re

import pytest
from store_helpers import REPO

from diplograph.store.schema import metadata

SCHEMA_DOC = REPO / "docs" / "schema.md"


def _section(table: str) -> str:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(table)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"docs/schema.md has no '## {table}' section"
    return match.group(1)


@pytest.mark.parametrize(
    ("table", "column"),
    [(name, column.name) for name, table in sorted(metadata.tables.items()) for column in table.columns]
    + [
        ("reports_fts", "report_id"),
        ("reports_fts", "title"),
        ("reports_fts", "body"),
        ("reports_fts", "document"),
    ],
)
def test_store_docs_every_column_is_described(table: str, column: str) -> None:
    rows = [line for line in _section(table).splitlines() if line.startswith(f"| `{column}` |")]
    assert rows, f"docs/schema.md does not describe {table}.{column}"
    assert all(len(row.split("|")) >= 5 and row.split("|")[3].strip() for row in rows)


def test_store_docs_describe_no_table_that_is_gone() -> None:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^## ([a-z_]+)\s*$", text, flags=re.M))
    assert documented - {"reports_fts"} == set(metadata.tables)
