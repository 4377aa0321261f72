"""The thread pages: commitment topics on file, and one topic's path across reports with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from diplograph import query
from diplograph.web.data import ThreadPage, TopicList
from diplograph.web.params import MAX_TEXT, Limit, Offset
from diplograph.web.twin import Context, Pages

TopicText = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_TEXT,
        description="Words of a topic, mechanism or initiative (railway, 3+3).",
    ),
]


def register(pages: Pages, ctx: Context) -> None:
    """Add the thread pages to the app."""

    @pages.page("/threads", "threads.html", tag="threads", summary="Commitment topics")
    def threads(limit: Limit = 100, offset: Offset = 0) -> TopicList:
        """Topics of what the sides agreed or pledged, most reported first, with the furthest stage."""
        return TopicList(topics=query.topics(ctx.store, limit=limit, offset=offset))

    @pages.page("/threads/{text}", "thread.html", tag="threads", summary="One topic across reports")
    def thread(text: TopicText) -> ThreadPage:
        """Every topic whose key, name, mechanism or initiative holds ``text``, each as its steps
        (proposed, agreed, under way, done, reaffirmed) in date order, with the reports and quotes
        that moved it. No matching topic gives 404."""
        return ThreadPage(text=text, threads=query.thread(ctx.store, text))
