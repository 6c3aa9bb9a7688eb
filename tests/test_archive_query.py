"""The query language: parsing, modes, and the errors bad queries get."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partytext.archive.query import CANONICAL, FOLDED, Phrase, brute_force_match, fast_fold, parse
from partytext.normalize import fold
from partytext.errors import QueryError


def words(*phrases: str, mode: str = CANONICAL) -> tuple[Phrase, ...]:
    return tuple(Phrase(tuple(p.split()), mode) for p in phrases)


def test_phrases_words_or_and_exclusion():
    q = parse('"tổ chức cơ sở đảng" kỷ luật OR "khiển trách" -"tham nhũng" -tiêu')
    assert q.mode == CANONICAL
    assert q.groups == (words("tổ chức cơ sở đảng"), words("kỷ"), words("luật", "khiển trách"))
    # a phrase that mixes marked and unmarked syllables is excluded in its folded form
    assert q.excluded == (*words("tham nhung", mode=FOLDED), *words("tiêu"))


def test_mode_is_decided_word_by_word():
    assert parse("dang vien").mode == FOLDED
    assert parse("Dang vien").groups == tuple((p,) for p in words("dang", "vien", mode=FOLDED))  # lower case
    q = parse("đang vien")
    assert q.mode == CANONICAL  # the query as a whole has a mark
    assert q.groups == ((Phrase(("đang",), CANONICAL),), (Phrase(("vien",), FOLDED),))


def test_mixed_phrase_is_folded_with_its_marked_runs_as_written():
    q = parse('"kỷ luật dang vien"')
    assert q.groups == ((Phrase(("ky", "luat", "dang", "vien"), FOLDED),), (Phrase(("kỷ", "luật"), CANONICAL),))
    q = parse('"kỷ luật dang vien" OR "khiển trách"')  # an alternative: the folded phrase only
    assert q.groups == ((Phrase(("ky", "luat", "dang", "vien"), FOLDED), Phrase(("khiển", "trách"), CANONICAL)),)


def test_old_tone_placement_and_case_are_canonicalised():
    assert parse('"Uỷ ban"').groups == parse('"ủy ban"').groups == (words("uy ban", mode=FOLDED), words("ủy"))
    assert parse('"Uỷ bản"').groups == parse('"ủy bản"').groups == (words("ủy bản"),)
    assert parse("hoà bình").groups == parse("hòa bình").groups


def test_nfd_query_equals_nfc():
    text = '"Ủy ban kiểm tra" -đảng'
    assert parse(unicodedata.normalize("NFD", text)) == parse(text)


def test_punctuation_splits_syllables():
    assert parse("TP.HCM").groups == (words("tp hcm", mode=FOLDED),)
    assert parse('"5.000 đảng viên"').groups == (words("5 000 dang vien", mode=FOLDED), words("đảng viên"))
    assert parse("21-NQ/TW").groups == (words("21 nq tw", mode=FOLDED),)


@pytest.mark.parametrize("bad, fragment", [
    ("", "Empty query"),
    ("   ", "Empty query"),
    ('"tổ chức', "Unbalanced quotes"),
    ('a "b" "c', "Unbalanced quotes"),
    ("đảng*", "Unsupported character"),
    ("(đảng OR dân)", "Unsupported character"),
    ("title:đảng", "Unsupported character"),
    ("NEAR(a b)", "Unsupported character"),
    ("-đảng", "only excludes"),
    ("OR đảng", "OR needs a term"),
    ("đảng OR", "OR needs a term"),
    ("đảng OR OR dân", "OR needs a term"),
    ('"..."', "no letters or digits"),
    ("-", "no letters or digits"),
])
def test_bad_queries_raise_query_error(bad, fragment):
    with pytest.raises(QueryError) as err:
        parse(bad)
    assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_reserved_characters_are_fine_inside_quotes():
    assert parse('"đảng (bộ)"').groups == (words("đảng bộ"),)


@pytest.mark.parametrize("query, text, expected", [
    ('"đảng viên"', "Có 5 Đảng viên mới.", True),
    ('"đảng viên"', "đảng, viên chức", True),  # punctuation does not break a phrase
    ('"dang vien"', "hơn 5.000 đảng viên", True),
    ('"dang vien"', "đang viên", True),
    ('"đảng viên"', "đang viên", False),
    ("đảng", "dang dở", False),
    ("dang", "Đảng bộ", True),
    ('"học sinh"', "khoa học sinh học", True),  # syllables, not words (documented)
    ('"tổ dân"', "tổ dân phố", True),
    ('"dân phố"', "tổ dân phố", True),
    ('"dân tổ"', "tổ dân phố", False),
    ("ủy -hòa", "Uỷ ban hoà giải", False),
    ("ủy OR hòa", "hoà giải", True),
    # issue 17: each word exact when it has marks, folded when it has none
    ("kỷ luật dang vien", "Thi hành kỷ luật đảng viên vi phạm", True),
    ("kỷ luật dang vien", "Thi hành kỷ luật đang viên", True),
    ("kỷ luật dang vien", "ky luat dang vien", False),  # "kỷ" and "luật" exactly
    ('"kỷ luật dang vien"', "Thi hành kỷ luật đảng viên vi phạm", True),
    ('"kỷ luật dang vien"', "kỷ luật, đảng viên", True),  # punctuation does not break a phrase
    ('"kỷ luật dang vien"', "ky luat dang vien", False),
    ("đảng dang", "Đảng viên đang công tác", True),
    ("đảng dang", "đang công tác", False),
])
def test_brute_force_reference(query, text, expected):
    assert brute_force_match(parse(query), text) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1FFF), max_size=60))
def test_fast_fold_is_exactly_normalize_fold(text):
    assert fast_fold(text) == fold(text)
    assert fast_fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFD", text))


@pytest.mark.parametrize("at", [0, 30, 300, 390, 1500, 3000])
@pytest.mark.parametrize("query, shown", [("đảng", "«đảng»"), ('"Uỷ ban kiểm tra"', "«Uỷ ban kiểm tra»"),
                                          ('"uy ban"', "«Uỷ ban»"), ("kỷ luật dang vien", "«kỷ» «luật» «đảng» «viên»")])
def test_snippets_show_the_first_match_wherever_it_is(at, query, shown):
    from partytext.archive import snippets

    filler = "Hội nghị bàn về công tác cán bộ và chuyển đổi số. " * 80
    text = filler[:at] + " Thi hành kỷ luật đảng viên, Uỷ ban kiểm tra đề nghị. " + filler[at:]
    snippet = snippets.make_snippet(parse(query), text)
    assert shown in snippet
    assert snippet.startswith("…") == (at > 60)


@pytest.mark.parametrize("title, text, site, expected", [
    ("Tỉnh ủy Thanh Hoá họp", "", None, "Thanh Hóa"),  # old tone placement
    ("Họp bàn", "Vì hòa bình, hợp tác", None, None),  # peace, not the province
    ("Hợp tác Thái Bình Dương", "", None, None),  # the Pacific
    ("Hội nghị", "Đảng bộ tỉnh Đắk Lắk", None, "Đắk Lắk"),
    ("Hội nghị", "không có tên tỉnh", "baogialai.com.vn", "Gia Lai"),
])
def test_province_of(title, text, site, expected):
    from partytext.archive.provinces import province_of

    assert province_of(title, None, text, site) == expected
