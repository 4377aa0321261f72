"""Query results as text for a terminal: aligned tables and short profiles (the CLI's default view)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.query.results import (
    Attendee,
    EngagementRecord,
    MechanismSummary,
    MechanismThread,
    Page,
    PersonProfile,
    PersonSummary,
    SearchResult,
)

WIDTH = 48  # longest cell before it is cut with an ellipsis


def _cut(text: str, width: int = WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    cells = [[_cut(cell) for cell in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def footer(page: Page[Any], noun: str) -> str:
    """'3 of 120 engagements (from 41; --offset 43 for more)' under a page."""
    if not page.items:
        return f"no {noun}\n" if page.total == 0 else f"no {noun} at offset {page.offset} (of {page.total})\n"
    first, last = page.offset + 1, page.offset + len(page.items)
    more = f"; --offset {last} for more" if page.more else ""
    return f"{first}-{last} of {page.total} {noun}{more}\n"


def attendee(person: Attendee) -> str:
    details = ", ".join(x for x in (person.country, person.title) if x)
    return f"{person.name} ({details})" if details else person.name


def _where(record: EngagementRecord) -> str:
    return ", ".join(x for x in (record.location, record.location_country) if x)


def _mechanism(record: EngagementRecord) -> str:
    if record.mechanism is None:
        return ""
    return f"{record.mechanism} #{record.ordinal}" if record.ordinal is not None else record.mechanism


def engagements(page: Page[EngagementRecord]) -> str:
    """The engagements table with a paging footer."""
    rows = [
        (
            r.date or "?",
            r.kind,
            r.status,
            _where(r),
            _mechanism(r),
            "; ".join(p.name for p in r.attendees),
            str(r.source_count),
        )
        for r in page.items
    ]
    header = ("date", "kind", "status", "where", "mechanism", "participants", "sources")
    return (grid(header, rows) if rows else "") + footer(page, "engagements")


def people(page: Page[PersonSummary]) -> str:
    rows = [
        (p.name, p.country or "", str(p.engagements), p.first or "", p.last or "", p.id) for p in page.items
    ]
    header = ("name", "country", "engagements", "first", "last", "id")
    return (grid(header, rows) if rows else "") + footer(page, "people")


def engagement_lines(record: EngagementRecord, *, indent: str = "  ") -> list[str]:
    """One engagement as a few lines: what, when, where, who, and each source's quote."""
    head = " · ".join(x for x in (record.date or "undated", record.kind, record.status, _where(record)) if x)
    lines = [f"{indent}{head}"]
    if record.mechanism:
        lines.append(f"{indent}  {_mechanism(record)}")
    if record.attendees:
        lines.append(f"{indent}  with " + "; ".join(attendee(p) for p in record.attendees))
    for conflict in record.conflicts:
        lines.append(f"{indent}  sources disagree: {conflict}")
    for source in record.sources:
        origin = ", ".join(x for x in (source.publisher, source.published) if x)
        lines.append(
            f'{indent}  [{source.doc}{" · " + origin if origin else ""}] "{_cut(source.quote, 100)}"'
        )
    return lines


def person(profile: PersonProfile) -> str:
    lines = [f"{profile.name} ({profile.country or 'country unknown'})  id {profile.id}"]
    if profile.official and profile.official != profile.name:
        lines.append(f"  known as {profile.official}")
    if profile.aliases:
        lines.append("  also written: " + "; ".join(profile.aliases))
    lines.append(f"Titles ({len(profile.titles)})")
    for title in profile.titles:
        when = title.first if title.first == title.last else f"{title.first or '?'} to {title.last or '?'}"
        lines.append(f"  {title.title}  [{when or 'undated'}; {title.sources} report(s)]")
    lines.append(f"Counterparts ({len(profile.counterparts)})")
    for other in profile.counterparts:
        met = f"{other.first or '?'} to {other.last or '?'}"
        lines.append(f"  {other.name} ({other.country or '?'})  {other.engagements}x, {met}")
    lines.append(f"Engagements ({profile.engagements.total})")
    for record in profile.engagements.items:
        lines += engagement_lines(record)
    return "\n".join(lines) + "\n" + footer(profile.engagements, "engagements")


def mechanisms(page: Page[MechanismSummary]) -> str:
    rows = [
        (
            m.name,
            "-".join(m.countries),
            str(m.held),
            str(m.planned),
            "" if m.last_ordinal is None else str(m.last_ordinal),
            m.last or "",
        )
        for m in page.items
    ]
    header = ("mechanism", "countries", "held", "planned", "last session", "last date")
    return (grid(header, rows) if rows else "") + footer(page, "mechanisms")


def thread(result: MechanismThread) -> str:
    mechanism = result.mechanism
    lines = [f"{mechanism.name} ({'-'.join(mechanism.countries) or 'countries unknown'})  id {mechanism.id}"]
    if mechanism.aliases:
        lines.append("  also written: " + "; ".join(mechanism.aliases))
    lines.append(f"  {mechanism.held} session(s) held, {mechanism.planned} planned and not yet known held")
    for session in result.sessions.items:
        number = f"#{session.ordinal}" if session.ordinal is not None else "#?"
        state = (
            "held"
            if session.engagement.status == "held"
            else ("planned, held" if session.held else "planned")
        )
        lines.append(f"{number} ({state})")
        lines += engagement_lines(session.engagement)
        for plan in session.announced:
            docs = "".join(f" [{source.doc}]" for source in plan.sources)
            lines.append(f"    announced ({plan.kind}): {plan.date or 'undated'}{docs}")
    return "\n".join(lines) + "\n" + footer(result.sessions, "sessions")


def search(result: SearchResult) -> str:
    lines = [f"Reports matching {result.query!r}"]
    for hit in result.reports.items:
        lines.append(f"  {hit.doc} · {hit.published or 'undated'} · {hit.title or ''}".rstrip(" ·"))
        lines.append(f"    {_cut(hit.snippet, 120)}")
    lines.append(footer(result.reports, "reports").rstrip("\n"))
    lines.append(f"Engagements in these reports ({len(result.engagements)})")
    for record in result.engagements:
        lines += engagement_lines(record)
    lines.append(f"People ({len(result.people)})")
    lines += [f"  {p.name} ({p.country or '?'})  {p.engagements} engagement(s)" for p in result.people]
    return "\n".join(lines) + "\n"
