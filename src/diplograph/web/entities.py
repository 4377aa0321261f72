"""The pages about people and standing mechanisms."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from diplograph import query
from diplograph.web import texts
from diplograph.web.data import MechanismList, MechanismPage, PeopleList, PersonPage
from diplograph.web.params import MAX_TEXT, CountryFilter, Limit, NameFilter, Offset
from diplograph.web.twin import Context, Pages

Ref = Annotated[
    str,
    Path(min_length=1, max_length=MAX_TEXT, description="An id, or a name in any spelling."),
]
STATEMENTS = 200  # a person's statements shown on their page
AGREED = 200  # items agreed shown on a mechanism's page
Counterparts = Annotated[int, Query(ge=0, le=200, description="How many counterparts to list.")]


def register(pages: Pages, ctx: Context) -> None:
    """Add the people and mechanism pages to the app."""

    @pages.page("/people", "people.html", tag="people", summary="People on file")
    def people(
        country: CountryFilter = None, name: NameFilter = None, limit: Limit = 50, offset: Offset = 0
    ) -> PeopleList:
        """People by name, with how many engagements they attended and when."""
        page = query.people(ctx.store, country=country, name=name, limit=limit, offset=offset)
        return PeopleList(people=page, country=country, name=name)

    @pages.page("/people/{ref}", "person.html", tag="people", summary="One person")
    def person(
        ref: Ref, limit: Limit = 50, offset: Offset = 0, counterparts: Counterparts = 20
    ) -> PersonPage:
        """A person's spellings, titles over time, engagements (paged), counterparts, sentences of the
        reports that name them, and their statements (the first 200, by report date).
        ``ref`` is an id or a name; several matches give 422."""
        # A busy person's profile aggregates thousands of engagements: kept per database version.
        with ctx.store.engine.connect() as conn:
            return ctx.memo.get(
                conn,
                f"person\x00{ref}\x00{limit}\x00{offset}\x00{counterparts}",
                lambda _: _person_page(ctx, ref, limit=limit, offset=offset, counterparts=counterparts),
            )

    @pages.page("/mechanisms", "mechanisms.html", tag="mechanisms", summary="Standing mechanisms")
    def mechanisms(country: CountryFilter = None, limit: Limit = 100, offset: Offset = 0) -> MechanismList:
        """Standing mechanisms with their held sessions and the plans not yet known to be held."""
        page = query.mechanisms(ctx.store, country=country, limit=limit, offset=offset)
        return MechanismList(mechanisms=page, country=country)

    @pages.page("/mechanisms/{ref}", "mechanism.html", tag="mechanisms", summary="One mechanism")
    def mechanism(ref: Ref, limit: Limit = 100, offset: Offset = 0) -> MechanismPage:
        """A mechanism session by session: date, place, co-chairs, sources, the plans that announced
        each session, and the items agreed about it (the first 200). ``ref`` is an id or a name."""
        thread = query.mechanism_thread(ctx.store, ref, limit=limit, offset=offset)
        agreed = query.commitments(ctx.store, mechanism=thread.mechanism.id, limit=AGREED)
        return MechanismPage(thread=thread, agreed=agreed.items)


def _person_page(ctx: Context, ref: str, *, limit: int, offset: int, counterparts: int) -> PersonPage:
    profile = query.person(ctx.store, ref, limit=limit, offset=offset, counterparts=counterparts)
    said = query.statements(ctx.store, person=profile.id, limit=STATEMENTS)
    return PersonPage(profile=profile, quotes=texts.quotes(ctx.store, profile.id), statements=said)
