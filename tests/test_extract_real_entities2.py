"""Entities and events on real sentences (issue 13, second pass over corpora/gold-real).

Each test quotes the sentence it was built from and names its file under
../shared/corpora-raw; the sentences are short quotations, the texts are not copied.
"""

from __future__ import annotations

from partytext.extract.entities import find_entities
from partytext.extract.events import find_events_uncached
from partytext.nlp import analyze


def ents(sentence: str) -> list[tuple[str, str]]:
    doc = analyze(sentence)
    found = find_entities(doc)
    for e in found:
        assert sentence[e.start:e.end] == e.text
    return [(e.type, e.text) for e in found]


def events(sentence: str) -> list[tuple[str, int, str]]:
    return [(e.kind, e.ordinal, e.text) for e in find_events_uncached(sentence)]


# --- events -----------------------------------------------------------------------------------

def test_plenum_of_the_central_committee_with_lan_thu():
    # baomoi-news-magizbox/party_strong/21471880.txt
    s = "Tại Hội nghị Trung ương lần thứ 8 (từ ngày 10 đến 19-5-1941) đồng chí được bầu làm Tổng Bí thư của Đảng."
    assert events(s) == [("plenum", 8, "Hội nghị Trung ương lần thứ 8")]


def test_lower_case_congress_with_lan_thu_and_glued_tw4():
    # baomoi-news-magizbox/party_strong/21473767.txt
    s = "Xã đã thực hiện nghị quyết đại hội Đảng các cấp, nghị quyết đại hội Đảng bộ xã lần thứ 30."
    assert events(s) == [("congress", 30, "đại hội Đảng bộ xã lần thứ 30")]
    s = "theo tinh thần Nghị quyết TW4: “Một số vấn đề cấp bách về xây dựng Đảng hiện nay”."
    assert events(s) == [("plenum", 4, "Nghị quyết TW4")]
    # a lower-case "đại hội" without "lần thứ" is no numbered congress
    assert events("các đại hội chi bộ 2 năm qua đều thành công") == []


def test_congress_of_the_front_and_mass_organisations():
    # baomoi-2025-xahoi/53651627.json
    s = ("chỉ đạo quan trọng của Tổng Bí thư Tô Lâm tại Đại hội Đại biểu Đảng bộ Mặt trận Tổ quốc và các đoàn "
         "thể Trung ương lần thứ I, nhiệm kỳ 2025-2030")
    assert [(k, o) for k, o, _ in events(s)] == [("congress", 1)]
