"""The counted noun phrase after a number, decided with underthesea's words and POS tags.

:func:`partytext.extract.units.read_unit` reads syllables after a number up to a stop word
or punctuation; that reading runs on into verbs and clauses it does not know ("bản kê khai
2016 nêu", "23 ngàn tỷ lấy", "đại biểu chính thức thay mặt"). Here the sentence's tagged
words (``Document.tagged``, computed only for sentences that reach this point) decide where
the noun phrase ends:

* the head is the first word; a head that is a preposition, conjunction, adverb, pronoun
  or determiner means there is no counted noun at all ("3 hằng tháng" → no unit), and so
  does a verb followed by a preposition, an adverb or (for a one-syllable verb) anything
  but a noun ("2016 nêu trên", "23 ngàn tỷ lấy ở đâu"). Right after a number the tagger
  often calls a noun a verb ("8 quyết định chấm dứt", "800 trụ.", "5/10 cổ phiếu"), and a
  known unit noun ("tổ chức đảng") is a noun whatever its tag;
* after the head, nouns, classifiers, unit nouns and adjectives stay ("đại biểu chính
  thức", "hộ nghèo", "ha quế"), and the phrase stops before the first preposition,
  conjunction, adverb, pronoun, determiner, particle or punctuation;
* a verb after the head stays when it closes the phrase or a noun follows it (Vietnamese
  compounds: "khâu đột phá", "lượt tuần tra", "giấy chứng nhận đăng ký đầu tư"), and ends
  it when a preposition, adverb, adjective or another verb follows (a predicate: "đại biểu
  chính thức | thay mặt cho", "việc | đặt ... cơ bản" stays only while nouns follow);
* a few words stop it whatever their tag: qualifiers and comparisons ("chỉ tiêu | gần",
  "địa bàn | gần nhau"), "khác" (other), "nguyên" (former, before a title), "thuộc"
  ("đảng viên | thuộc diện Trung ương quản lý");
* a few verbs that name a category of party member or body stay ("chi bộ trực thuộc",
  "đảng viên dự bị", "đại biểu dự khuyết").

The tagger errs on rare words ("quế", "dự khuyết" tagged as numerals): a numeral tag only
stops the phrase on a word that is a number.
"""

from __future__ import annotations

import re

from ..nlp import Document, Token

_NOUN_TAGS = frozenset({"N", "Nc", "Nu", "A"})
# Tags that end a noun phrase (VLSP 2013: verb, preposition, conjunctions, adverb, pronoun,
# determiner, particle, interjection, punctuation).
BREAK_TAGS = frozenset({"V", "E", "C", "Cc", "R", "P", "L", "T", "I", "CH"})
# Words that end the phrase whatever their tag.
BREAK_WORDS = frozenset({"khác", "gần", "hơn", "nguyên", "nhau", "trên", "dưới", "khoảng", "nhất", "cùng", "mỗi",
                         "thuộc", "bao"})
# Verbs (as the tagger sees them) that name a category inside a unit.
# After a collective noun, some verbs name the team's job: "tổ công tác", "đoàn kiểm tra",
# "ban chỉ đạo", "tổ tự quản".
CATEGORY_VERBS = frozenset({"trực thuộc", "dự bị", "dự khuyết", "chuyên trách", "bán chuyên trách", "kiêm nhiệm",
                            "công tác", "kiểm tra", "giám sát", "thanh tra", "chỉ đạo", "tự quản", "thường trực",
                            "tham mưu", "giúp việc", "xung kích", "tình nguyện", "tập huấn", "bồi dưỡng", "tố cáo",
                            "khiếu nại", "phản ánh", "đột phá", "cấp", "tuần tra", "kiểm soát",
                            "kinh doanh", "đầu tư", "tiếp xúc", "sản xuất", "chữa cháy", "hợp tác",
                            "chiến lược", "trọng tâm", "đánh bạc", "giả mạo", "khuyến nông", "bê tông", "con riêng"})
# Verbs that, after the counted noun, say what it does or undergoes (a predicate, not a kind):
# "300 đại biểu | đại diện lãnh đạo các Ban", "22 người | chết và mất tích", "15-30 triệu người
# | sinh sống", "300 mét đường bê tông | trị giá", "7 trên 34 tỉnh | hoàn tất việc sắp xếp".
PREDICATE_VERBS = frozenset({"đại diện", "thay mặt", "tham gia", "tham dự", "chết", "tử vong", "mất tích",
                             "bị thương", "sinh sống", "cư trú", "hoàn tất", "hoàn thành", "trị giá", "thúc đẩy",
                             "đẩy mạnh", "tăng cường", "nâng cao", "bao gồm", "nhất trí", "khẳng định", "cam kết"})
# Nouns that, before a verb, open a clause of their own: "5 đoàn kiểm tra | việc thực hiện".
NOMINALISERS = frozenset({"việc", "sự"})
# Words the tagger calls particles or adverbs that modify the noun before them as adjectives:
# "nhóm giải pháp chính" (main; not "chính là"), "đảng viên mới" (new; "mới điều tra" is "only
# then" and ends the phrase).
_MAIN_NEW = frozenset({"chính", "mới"})
# Sentence-final particles: "một cuộc | thôi thì".
_PARTICLES = frozenset({"thôi", "rồi", "nhé", "ạ"})
# Capitalised nouns a verb may take inside a unit ("Ban cán sự Đảng bộ"); any other capitalised
# word after a verb is its object ("22 cá nhân | vi phạm Quy định của Ban Thường vụ").
_CAPITAL_COMMON = frozenset({"Đảng", "Đảng bộ", "Đoàn", "Hội", "Công đoàn"})
# After a verb, these end the phrase without making the verb a predicate: "khâu đột phá và",
# "lớp tập huấn." (a verb followed by its object or a preposition is a predicate: "thay mặt cho").
_MODIFIER_END_TAGS = frozenset({"CH", "C", "Cc"})
_NUMBER_WORD = re.compile(r"^(?:\d[\d.,]*|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ)$",
                          re.IGNORECASE)


def _breaks(word: str, pos: str | None, nxt: Token | None, first: bool, prev: Token | None = None,
            after: Token | None = None) -> bool:
    """Whether ``word`` (tag ``pos``) ends the noun phrase; ``nxt`` and ``after`` are the two
    words after it, ``prev`` the one before."""
    low = word.lower()
    next_pos = None if nxt is None else nxt.pos
    next_low = "" if nxt is None else nxt.text.lower()
    if low in CATEGORY_VERBS or (word[:1].isupper() and not first):
        return False  # a name after a title ("ủy viên Bộ Chính trị"): read_unit decided
    if low in BREAK_WORDS or low.split()[0] in _PARTICLES:
        return True
    if first:
        return _head_breaks(low, pos, nxt, next_pos)
    if low in PREDICATE_VERBS or (low in NOMINALISERS and next_pos == "V" and next_low not in BREAK_WORDS):
        return True
    if low in _MAIN_NEW:
        return next_low == "là" if low == "chính" else next_pos not in (None, "CH", "C", "Cc")
    if low == "trong" and next_low == "nước" or low == "có" and next_low == "công":
        return False  # "dự án trong nước" (domestic), "hộ gia đình có công"
    if low == "ở" and prev is not None and prev.text.lower() in ("nhà", "đất"):
        return next_pos in ("Np", "N", "Nc") and next_low not in ("đô thị", "nông thôn", "xã hội")  # "nhà ở"
    if pos == "A" and next_low in ("nhất", "hơn"):
        return True  # a comparison: "hai mạng xã hội | lớn nhất thế giới"
    if pos == "Nc" and next_pos == "Np":
        return True  # a person or place by name: "hai vợ chồng | ông Phúc"
    if pos == "V" and prev is not None and prev.text.lower() in ("đất",) and next_pos in ("N", "Nc"):
        return False  # land by its use: "m2 đất trồng quế"
    if pos == "V" and nxt is not None and nxt.text[:1].isupper() and nxt.text not in _CAPITAL_COMMON:
        return True  # a verb and its object: "cá nhân | vi phạm Quy định"
    if pos == "V":
        # a verb modifies the noun at the end of the phrase ("khâu đột phá và ...", "hộ vay.");
        # one of two or more syllables also before a noun ("lượt tuần tra", "giấy chứng nhận");
        # a one-syllable verb before its object ("làm trưởng thôn", "viết đơn") or any verb
        # before a preposition, adverb or verb ("thay mặt cho", "tham gia đánh bạc") is a predicate
        if next_pos is None or next_pos in _MODIFIER_END_TAGS:
            return False
        return " " not in word or next_pos not in ("N", "Nc")
    return _tag_breaks(low, pos)


def _tag_breaks(low: str, pos: str | None) -> bool:
    if pos in BREAK_TAGS:
        return True
    return pos == "M" and bool(_NUMBER_WORD.match(low))


def _head_breaks(low: str, pos: str | None, nxt: Token | None, next_pos: str | None) -> bool:
    """Whether the first word after a number is no counted noun."""
    if pos == "V":
        # right after a number the tagger often calls a noun a verb ("8 quyết định chấm dứt",
        # "800 trụ.", "5/10 cổ phiếu"): the head is a verb only when what follows it is not
        # a noun ("2016 nêu trên", "23 ngàn tỷ lấy ở đâu", "thay mặt cho")
        if " " in low:
            return next_pos in _PREDICATE_NEXT
        return next_pos not in _NOUN_NEXT or (nxt is not None and nxt.text.lower() in BREAK_WORDS)
    return _tag_breaks(low, pos)


_NOUN_NEXT = frozenset({"N", "Nc", "Nu", "Np", "CH", None})
_PREDICATE_NEXT = frozenset({"E", "R", "P", "T"})


def noun_phrase_end(doc: Document, start: int, end: int, kept: int = 0) -> int | None:
    """Where the noun phrase read in ``[start, end)`` really ends, by the POS tags of its words.

    ``kept`` is how many characters from ``start`` are a known unit noun that stays whatever
    its tags. Returns ``end`` or less, or None when the first word is not a noun (no unit).
    """
    sent = doc.sentence_of(start)
    if sent is None:
        return end
    keep_to = start + kept
    first = True
    tagged = doc.tagged(sent)
    for k, tok in enumerate(tagged):
        if tok.end <= start:
            continue
        if tok.start >= end:
            break
        if tok.start < keep_to or tok.start < start:  # a known unit noun, or a word glued to the number
            first = False
            continue
        if tok.end > end:
            # the reading stopped inside this word ("vừa qua", "nước ngoài"): a noun goes on
            if first and _breaks(tok.text, tok.pos, None, True):
                return None
            if tok.pos in _NOUN_TAGS and " " in tok.text and tok.text[0].islower() and doc.text[end:tok.end].islower():
                return tok.end  # not into a name: "3 trọng tâm | APEC"
            if not first and (tok.pos in BREAK_TAGS or tok.pos == "V" or tok.text.split()[0].lower() in BREAK_WORDS | _PARTICLES):
                return _trim(doc.text, start, tok.start)  # "Phó Chủ tịch | bao gồm"
            break
        nxt = tagged[k + 1] if k + 1 < len(tagged) else None
        after = tagged[k + 2] if k + 2 < len(tagged) else None
        prev = tagged[k - 1] if k and not first else None
        if _breaks(tok.text, tok.pos, nxt, first, prev, after):
            if first:
                return None
            return _trim(doc.text, start, tok.start)
        first = False
    else:
        return end
    return end if first else _noun_goes_on(tagged, k, end)


def _noun_goes_on(tagged: tuple, k: int, end: int) -> int:
    """``end``, or the end of the word at ``tagged[k]`` when that word starts right there and
    is a noun read_unit stopped at for its first syllable ("dự án | trong nước")."""
    tok = tagged[k]
    if end <= tok.start <= end + 1 and tok.pos in _NOUN_TAGS and " " in tok.text and tok.text[0].islower():
        return tok.end
    return end


def _trim(text: str, start: int, end: int) -> int | None:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–"):
        end -= 1
    return end if end > start else None


def measured_thing(doc: Document, start: int, end: int, kept: int = 0) -> int | None:
    """The end of "ha quế", "m2 đất", "km đường": a measure and the noun it measures.

    ``[start, end)`` is the reading after the number; its first ``kept`` characters are the
    measure ("ha"). None when no noun follows the measure.
    """
    got = noun_phrase_end(doc, start, end, kept)
    return got if got is not None and got > start + kept else None


# Nouns that "trên"/"dưới" put something on or under: "đi trên 2 tuyến đường" (on two
# roads), "trên 2 nền tảng" (on two platforms), unlike "trên 700 kg" (more than).
LOCATIVE_HEADS = frozenset("""
tuyến đường phố quốc lộ tỉnh lộ cầu sông kênh tầng nền tảng mạng trang báo tờ kênh sóng trận
mặt trận lĩnh vực địa bàn phương diện khía cạnh bình diện hình thức cơ sở
""".split())
# Words before "trên" that make it a quantity again: "có trên 20 tuyến đường".
QUANTITY_BEFORE = frozenset("có là gồm đạt với chiếm còn lên tới đến được tổng cộng khoảng chỉ".split())


def is_locative(doc: Document, qualifier_start: int, unit: str) -> bool:
    """Whether "trên"/"dưới" at ``qualifier_start`` means on/under, not more/less than.

    It does when the counted noun is a place or medium things are on ("tuyến", "nền tảng",
    "địa bàn") and the word before it is not a verb of quantity ("có", "đạt", "gồm").
    """
    word = doc.text[qualifier_start:qualifier_start + 4].lower()
    if word not in ("trên", "dưới") or unit.split()[0].lower() not in LOCATIVE_HEADS:
        return False
    prev = doc.tagged_before(qualifier_start)
    return prev is None or (prev.text.lower() not in QUANTITY_BEFORE and prev.pos != "M")


def one_is_a_word(doc: Document, start: int, length: int = 3) -> bool:
    """Whether the number word at ``start`` ("một", "năm"...) is a syllable of a longer word
    ("một số", "một cách", "một lúc", "năm tháng"), by underthesea's word segmentation: then
    it is no number."""
    sent = doc.sentence_of(start)
    if sent is None:
        return False
    for tok in doc.words(sent):
        if tok.start <= start < tok.end:
            return tok.end - tok.start > length
        if tok.start > start:
            break
    return False
