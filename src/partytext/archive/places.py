"""The province filter of search, figures and facts: which articles name a place in a
province, under its legacy (63) or 2025 (34) name. The search layer calls it through the
facts hook of :func:`partytext.archive.search.make_filters`; it opens no archive, so the
search modules can import it without depending on the facts pivot.
"""

from __future__ import annotations

from typing import Any

from ..errors import QueryError
from ..facts import gazetteer
from . import schema as S
from .provinces import resolve_province

#: The administrative maps a filter or a facts table can use.
ADMIN = ("2025", "legacy")


def province_filter(name: str, admin: str | None = None) -> tuple[str, str, tuple[str, ...], tuple[str, ...]] | None:
    """How a province filter matches, or None for an unknown name: ``(column, place names,
    article names)``-style tuple ``(spelling, places column, names in that column, names of
    the articles' own province column)``.

    ``admin=None`` matches the name as written: a legacy name ("Yên Bái") finds the articles
    that name a place in that old province; ``admin="2025"`` matches the 2025 province, its
    legacy provinces included ("Lào Cai" finds old Yên Bái too); ``admin="legacy"`` insists
    on a legacy name.
    """
    if admin not in (None, *ADMIN):
        raise QueryError(f"Unknown admin {admin!r}: use one of {', '.join(ADMIN)}")
    g = gazetteer()
    real = g.resolve(name)
    if real is None:
        return None
    if admin == "2025":
        current = g.to_2025(real)
        legacy = g.legacy_of_2025(current)
        column, names = "province", (current,)
    elif real in g.legacy:
        legacy = [real]
        column, names = "province_legacy", (real,)
    elif admin == "legacy":
        return None
    else:  # a 2025-only name ("Huế" after its legacy name) means the 2025 unit
        legacy = g.legacy_of_2025(real)
        column, names = "province", (real,)
    article_names = {resolve_province(n) for n in (*legacy, *names)} - {None}
    if "Huế" in article_names:
        article_names.add("Thừa Thiên Huế")
    spelling = resolve_province(real) or real
    return spelling, column, names, tuple(sorted(article_names))


def province_sql(alias: str, places: tuple) -> tuple[str, list[Any]]:
    """The SQL condition of a :func:`province_filter` result: the article's own province
    column, or a place it names (``places`` table, record version 2)."""
    _, column, names, article_names = places
    a_marks = ", ".join("?" * len(article_names)) or "NULL"
    p_marks = ", ".join("?" * len(names))
    sql = (f"({alias}.province IN ({a_marks}) OR EXISTS (SELECT 1 FROM places p WHERE p.article_id = {alias}.id"
           f" AND p.{S.q(column)} IN ({p_marks})))")
    return sql, [*article_names, *names]
