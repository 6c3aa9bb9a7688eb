"""Facts: every party figure tied to its owner, place and time (record version 2).

:func:`annotate` takes a :class:`~partytext.records.Record` whose figures, dates, periods
and entities are extracted and returns it with

* ``places``: every province and district the article names (see :mod:`.places`);
* on each figure that counts party members or organisations (see :mod:`.metrics`): its
  ``metric``, ``owner`` (:mod:`.owner`), ``place`` and ``as_of`` / ``as_of_from``
  (:mod:`.asof`). Other figures keep these null.

A figure's place comes from its owner, else from its sentence, else from the article (the
province its title names, else the only province it names, else the site's). A national
owner ("Ủy ban Kiểm tra Trung ương", "cả nước") has no place. Pure functions, no I/O
beyond reading the gazetteer package once; registered as the pipeline step ``"facts"``.
"""

from __future__ import annotations

import dataclasses
import logging

from ..records import Record
from .asof import as_of, times_of
from .gazetteer import Gazetteer, gazetteer
from .metrics import figure_metric, unit_metric
from .owner import NATIONAL, candidates, is_generic, owner_level, owner_span
from .places import Resolver, place_dict
from .sentences import sentence_bounds

log = logging.getLogger(__name__)

__all__ = ["FACT_COLUMNS", "Gazetteer", "annotate", "fact_columns", "figure_metric", "gazetteer", "owner_level",
           "unit_metric"]

#: A figure's facts as flat columns (CSV output): see :func:`fact_columns`.
FACT_COLUMNS = ("metric", "owner", "province", "province_legacy", "district_legacy", "as_of", "as_of_from")


def fact_columns(figure) -> dict[str, str | None]:
    """A figure's facts flattened for a table: the owner's text, the place's units."""
    place = figure.place or {}
    return {"metric": figure.metric, "owner": figure.owner["text"] if figure.owner else None,
            "province": place.get("province"), "province_legacy": place.get("province_legacy"),
            "district_legacy": place.get("district_legacy"), "as_of": figure.as_of, "as_of_from": figure.as_of_from}


def annotate(record: Record) -> Record:
    """``record`` with its places and the facts of its party figures."""
    art = record.article
    text = art.text
    resolver = Resolver(text, art.site, art.published)
    places = tuple(resolver.places())
    record = dataclasses.replace(record, places=places)
    main = resolver.main_province(art.title, art.lead)
    spans = candidates(record)
    times = times_of(record)
    g = gazetteer()
    figures = []
    for figure in record.figures:
        whole = figures[figure.part_of].metric if figure.part_of is not None and figure.part_of < len(figures) else None
        metric = figure_metric(figure, text, whole)
        if metric is None:
            figures.append(figure)
            continue
        span = owner_span(record, figure.start, spans)
        if span and is_generic(text[span[0]:span[1]]):
            # "cấp ủy các cấp": in an article about one province, its levels (the owner
            # carried from before); in a national one, no one body
            earlier = [sp for sp in spans if sp[1] <= span[0] and not is_generic(text[sp[0]:sp[1]])]
            span = earlier[-1] if main and earlier else None
        owner = {"text": text[span[0]:span[1]], "start": span[0], "end": span[1]} if span else None
        place = None
        if owner is None or not NATIONAL.search(owner["text"]):
            place = _place(places, figure, owner, text) or (g.place(main) if main else None)
        when, source = as_of(record, figure.start, times)
        figures.append(dataclasses.replace(figure, metric=metric, owner=owner, place=place,
                                           as_of=when, as_of_from=source))
    return dataclasses.replace(record, figures=tuple(figures))


def _place(places, figure, owner, text) -> dict | None:
    """The place of the owner, else the province all the places of the figure's sentence lie in."""
    if owner is not None:
        inside = [p for p in places if owner["start"] <= p.start and p.end <= owner["end"]]
        if inside:
            return place_dict(inside[-1])
    lo, hi = sentence_bounds(text, figure.start)
    in_sentence = [p for p in places if lo <= p.start < hi]
    if len({p.province_legacy for p in in_sentence}) == 1:
        return place_dict(in_sentence[0]) | {"district_legacy": None, "code": gazetteer().legacy[
            in_sentence[0].province_legacy].code}
    return None
