"""A readable terminal summary of one extraction, for people checking what diplograph found."""

from __future__ import annotations

from diplograph.model import Engagement, Extraction, Figure, Participant, Person

__all__ = ["format_value", "render"]

_INDENT = "  "
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def render(extraction: Extraction) -> str:
    """The whole report: a header, then engagements, figures and people, each numbered."""
    blocks = [
        _header(extraction),
        _section("Engagements", [_engagement(e) for e in extraction.engagements]),
        _section("Figures", [_figure(f) for f in extraction.figures]),
        _section("People", [_person(p) for p in extraction.people]),
    ]
    if extraction.warnings:
        blocks.append(_section("Warnings", list(extraction.warnings)))
    return "\n".join(blocks) + "\n"


def _header(extraction: Extraction) -> str:
    article = extraction.article
    lines = [f"== {article.doc}"]
    if article.title:
        lines.append(f"{_INDENT}{article.title}")
    published = str(article.published) if article.published else "unknown"
    facts = [f"published {published} ({article.published_basis})"]
    if article.source:
        facts.append(f"source {article.source}")
    if article.dateline and article.dateline.place:
        facts.append(f"dateline {article.dateline.place}")
    lines.append(_INDENT + " · ".join(facts))
    if article.url:
        lines.append(f"{_INDENT}{article.url}")
    return "\n".join(lines)


def _section(name: str, items: list[str]) -> str:
    if not items:
        return f"{_INDENT}{name}: none"
    body = [f"{_INDENT}{name} ({len(items)})"]
    for number, item in enumerate(items, start=1):
        first, *rest = item.split("\n")
        body.append(f"{_INDENT * 2}{number}. {first}")
        body.extend(f"{_INDENT * 3} {line}" for line in rest)
    return "\n".join(body)


def _engagement(engagement: Engagement) -> str:
    when = f"{engagement.date} ({engagement.date_basis})" if engagement.date else "date unknown"
    where = ", ".join(p for p in (engagement.location, engagement.location_country) if p) or "place unknown"
    lines = [f"{engagement.kind} · {engagement.status} · {when} · {where}"]
    if engagement.mechanism:
        ordinal = f" #{engagement.ordinal}" if engagement.ordinal is not None else ""
        lines.append(f"{engagement.mechanism}{ordinal}")
    if engagement.participants:
        lines.append("with " + "; ".join(_participant(p) for p in engagement.participants))
    lines.append(f'"{_clip(engagement.evidence.quote)}"')
    return "\n".join(lines)


def _participant(participant: Participant) -> str:
    details = ", ".join(p for p in (participant.country, participant.title) if p)
    text = f"{participant.name} ({details})" if details else participant.name
    return f"{text} [optional]" if participant.optional else text


def _figure(figure: Figure) -> str:
    details = [p for p in (figure.period, _change(figure.change_pct)) if p]
    suffix = f" ({', '.join(details)})" if details else ""
    return f"{figure.indicator}: {format_value(figure.value)} {figure.unit}{suffix}"


def _change(change_pct: float | None) -> str | None:
    return None if change_pct is None else f"{change_pct:+g}%"


def format_value(value: float) -> str:
    """168.5e9 -> "168.5 billion": large round numbers as a reader of the report would say them."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _person(person: Person) -> str:
    text = f"{person.name} ({person.country})" if person.country else person.name
    if person.titles:
        text += " — " + "; ".join(person.titles)
    aliases = [a for a in person.aliases if a != person.name]
    if aliases:
        text += f" [also: {', '.join(aliases)}]"
    return text


def _clip(quote: str, limit: int = 100) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
