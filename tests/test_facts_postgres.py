"""Facts on PostgreSQL: the same pivot and province filter as on SQLite."""

from __future__ import annotations

from pg_server import postgres_server, postgres_url  # noqa: F401

import partytext as pt
from partytext.archive import open_archive

TEXTS = (
    "Năm 2017, Đảng bộ tỉnh Yên Bái có 60.000 đảng viên.",
    "Năm 2017, Đảng bộ tỉnh Lào Cai có 55.000 đảng viên.",
    "Năm 2025, Đảng bộ tỉnh Lào Cai có 120.000 đảng viên.",
)


def test_facts_and_province_filter_on_postgres(postgres_url):
    records = [pt.extract(t) for t in TEXTS]
    with open_archive(postgres_url) as arc:
        arc.add_many(records)
        got = {(r["province"], r["year"]): r["value"] for r in pt.facts(arc, metric="party_members")}
        assert got == {("Lào Cai", "2017"): 115000, ("Lào Cai", "2025"): 120000}
        legacy = {(r["province"], r["year"]): r["value"] for r in pt.facts(arc, admin="legacy")}
        assert legacy[("Yên Bái", "2017")] == 60000
        back = arc.get(records[0].article.id)
        assert back.figures[0].place["province_legacy"] == "Yên Bái" and back.places
        assert {h.id for h in arc.search("đảng viên", province="Lào Cai", admin="2025")} == {
            r.article.id for r in records}
        assert {h.id for h in arc.search("đảng viên", province="Yên Bái")} == {records[0].article.id}
