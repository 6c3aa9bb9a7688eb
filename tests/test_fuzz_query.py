"""Hypothesis over the archive query parser: any text gives a Query or a QueryError; the FTS5
expression built from it holds only syllables, quotes and operators; and searching an
archive with it finds exactly what a brute-force scan finds."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partytext.archive import open_archive
from partytext.archive.query import QueryError, brute_force_match, parse
from partytext.records import Record
from partytext.sources.text import article_from_text

WORDS = ["đảng", "dang", "viên", "vien", "Uỷ", "ủy", "ban", "hoà", "hòa", "tổ", "dân", "phố", "5", "000", "OR", "AND",
         "-", '"', "“", "”", "*", "(", ")", ":", "NEAR", "'", ";", "--", "\u0301", "TP.HCM", "5.000", "_"]
QUERIES = st.one_of(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), st.text(max_size=40))
# What an FTS5 expression from partytext may contain: column filters, quoted syllables, operators.
SAFE_FTS = re.compile(r'^(?:[()]|\s|AND|OR|NOT|[cf] : "[^\W_]+(?: [^\W_]+)*")*$')

DOCS = ["Đảng bộ\n\nĐảng bộ có 5.000 đảng viên.", "Uỷ ban\n\nỦy ban nhân dân TP.HCM hoà giải.",
        "Tổ dân phố\n\nTổ dân phố 5 có 12 hộ.", "Dang vien\n\nVien chuc va dan pho."]


@settings(max_examples=1000, deadline=None)
@given(QUERIES)
def test_parse_gives_a_query_or_a_query_error(text):
    try:
        q = parse(text)
    except QueryError as exc:
        assert str(exc)
        return
    assert q.groups and all(p.words for g in q.groups for p in g)
    assert SAFE_FTS.match(q.fts5({"canonical": "c", "folded": "f"})), q


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_search_finds_what_a_scan_finds(tmp_path_factory, text):
    db = tmp_path_factory.getbasetemp() / "query-fuzz.db"
    with open_archive(str(db)) as arc:
        if not arc.count():
            for i, t in enumerate(DOCS):
                arc.add(Record(article=article_from_text(t), source=str(i)))
        try:
            q = parse(text)
        except QueryError:
            return
        expected = {str(i) for i, t in enumerate(DOCS) if brute_force_match(q, article_from_text(t).text)}
        assert {h.source for h in arc.search(text, limit=50).hits} == expected
