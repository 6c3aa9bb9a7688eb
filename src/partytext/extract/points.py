"""Enumerated points: "Một là, ... Hai là, ...", "Thứ nhất, ... Thứ hai là ...", "1. 2.",
"a) b)", "(1) (2)" and dash bullets, on their own lines or run on inside one paragraph.

Markers are found first; a list is a run of markers whose ordinals go 1, 2, 3...; an item's
text runs from after its marker to the next marker of its list, and never past the end of
its paragraph, so photo captions and page leftovers after the list stay out. A list whose
markers all stand in one sentence ("Một là Chính phủ nghiên cứu ..., và 2 là tiết kiệm chi
..."; "vì thứ nhất ...; thứ hai, ...") ends with that sentence.

Weak markers — "Một là" without a comma after a sentence end, a lower-case "thứ nhất" inside
a sentence — count only when a list forms (the next ordinal follows). In a run-on dash list
("... Bà Rịa-Vũng Tàu - Công ty TNHH Korea Tech ... USD. - Công ty TNHH Dịch vụ ..."), the
first dash has no sentence end before it; it is taken when the words after it open the
list's other items the same way ("Công ty"), so a dash inside a name stays a dash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import Document
from ..records import Article, Point
from . import register

WORD_ORDINALS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
THU_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}

# Where a marker may stand: the start of a line, after a sentence end or a colon or
# semicolon, or after ", và" / "," inside a run-on list.
_BOUNDARY = r"(?:^|(?<=[.:;!?…])\s+|(?<=[.:;!?…][\"”])\s+|,\s+(?:và\s+)?|\s+và\s+)"

# "Một là," / "một là:" / "2 là," — a word or digit, "là", then a comma or colon. Without
# the punctuation ("Một là chi bộ ...") only a capitalised word after a colon or at a line
# start, or a digit after "và", counts (checked in _markers).
WORD_MARKER = re.compile(
    r"(?=[\s,]|^)"  # a fast first check: every boundary opens with a space, a comma or a line start
    r"(?P<pre>" + _BOUNDARY + r")(?P<m>(?P<w>(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|\d{1,2})\s+là(?P<p>\s*[,:])?)\s*",
    re.MULTILINE,
)
# "Thứ nhất," / "Thứ hai là" / "Thứ ba là:" (not "Thứ Hai, 12/05/2025", a weekday).
THU_MARKER = re.compile(
    r"(?=[\sTt]|^)"  # a fast first check, as above
    r"(?:^|(?<=[.:;!?…])\s+|(?<=[.:;!?…][\"”])\s+|(?<=\w)\s+(?=Thứ\s))"
    r"(?P<m>(?P<t>[Tt]hứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))(?:\s*,\s*là\b\s*[,:]?|\s*,|\s+là\s*[,:]?|\s*:))"
    r"(?!\s*\d)\s*",
    re.MULTILINE,
)
# A lower-case "thứ nhất" / "thứ hai" inside a sentence, after a comma or semicolon or after
# "vì", "là", "rằng", "gồm" ("vì thứ nhất độc tính ...; thứ hai, tính hàn ..."); not after a
# noun ("lần thứ nhất", "tầng thứ hai", "đứng thứ nhất"). Weak: kept only inside a list.
THU_INLINE = re.compile(
    r"(?:(?<=[,;])[ \t]+|(?<=\s)(?:vì|là|rằng|gồm)[ \t]+)"
    r"(?P<m>(?P<t>thứ[ \t]+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))(?:\s*,|\s+là\b\s*[,:]?|\s*:)?)"
    r"(?![ \t]*\d)(?=[ \t]+[^\W\d_])\s*"
)
# "1. ", "2) ", "(3) ", "4- " at the start of a line or run on after a sentence end or a colon
# ("... như sau: 1. Rà soát. 2. Củng cố."; "... chủ trì kỳ họp. 1- Xem xét, thi hành kỷ luật ...");
# "a) " at a line start or after ":" / ";" / ".".
NUM_MARKER = re.compile(
    r"(?:^[ \t]*|(?<=[:;.!?])[ \t]+)(?P<m>(?P<n>\d{1,2})(?:[.)](?!\d)|-(?=[ \t]))|\((?P<n2>\d{1,2})\))[ \t]+(?=[^\W\d_])",
    re.MULTILINE,
)
LETTER_MARKER = re.compile(r"(?:^[ \t]*|(?<=[:;.])\s+)(?P<m>(?P<l>[a-hđ])\))[ \t]+", re.MULTILINE)
# Dash bullets at a line start, or run on after a sentence end (". - Công ty ..."); a dash
# between two names ("Bà Rịa - Vũng Tàu") has no sentence end before it. "+" marks the
# sub-items of a dash item ("- Phó Chủ tịch UBND tỉnh có các vi phạm sau: + Ký các văn bản
# ..."): they are words of that item, not points of their own (docs/gold.md, Points).
DASH_MARKER = re.compile(r"(?:^[ \t]*|(?<=[.;:!?])[ \t]+)(?P<m>[-–•])[ \t]+(?=\S)", re.MULTILINE)

# Photo captions and credits glued into an item.
CAPTION = re.compile(r"\(?(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh)\s*:")
SENTENCE_END = re.compile(r"[.!?…][\"”]?\s")


@dataclass
class _Marker:
    family: str
    ordinal: int
    start: int  # start of the marker
    body: int  # start of the item text
    weak: bool = False  # needs a list around it to count


def _markers(text: str) -> list[_Marker]:
    found: list[_Marker] = []
    for m in WORD_MARKER.finditer(text):
        weak = False
        if not m["p"]:
            before = text[max(0, m.start("m") - 8): m.start("m")].rstrip()
            capital_after_colon = m["w"][0].isupper() and (not before or before.endswith((":", "\n")) or "\n" in m["pre"])
            digit_after_and = m["w"].isdigit() and m["pre"].rstrip().endswith("và")
            # "... để huy động vốn. Một là Chính phủ nghiên cứu ...": counts if a list follows;
            # so does "..., hai là không đủ thông tin, ba là ..." after a "Một là"
            weak = not m["w"].isdigit() and (m["w"][0].isupper() and before.endswith((".", "!", "?", "…"))
                                             or m["w"].islower() and before.endswith(","))
            if not (capital_after_colon or digit_after_and or weak):
                continue
        w = m["w"].lower()
        ordinal = int(w) if w.isdigit() else WORD_ORDINALS[w]
        found.append(_Marker("word", ordinal, m.start("m"), m.end(), weak))
    for m in THU_MARKER.finditer(text):
        ordinal = THU_ORDINALS[m["t"].split()[1].lower()]
        found.append(_Marker("word", ordinal, m.start("m"), m.end()))
    thu_starts = {k.start for k in found}
    for m in THU_INLINE.finditer(text):
        if m.start("m") not in thu_starts:
            found.append(_Marker("word", THU_ORDINALS[m["t"].split()[1]], m.start("m"), m.end(), True))
    for m in NUM_MARKER.finditer(text):
        found.append(_Marker("num", int(m["n"] or m["n2"]), m.start("m"), m.end()))
    for m in LETTER_MARKER.finditer(text):
        found.append(_Marker("letter", ord(m["l"]) - ord("a") + 1 if m["l"] != "đ" else 5, m.start("m"), m.end()))
    dashes = [m for m in DASH_MARKER.finditer(text)]
    found.sort(key=lambda k: k.start)
    taken = {k.start for k in found}
    for m in dashes:
        if m.start("m") not in taken:
            found.append(_Marker("dash", 0, m.start("m"), m.end()))
    found.sort(key=lambda k: k.start)
    return found


def _lists(text: str, markers: list[_Marker]) -> list[list[_Marker]]:
    """Group markers into lists whose ordinals count 1, 2, 3..."""
    lists: list[list[_Marker]] = []
    open_lists: dict[str, list[_Marker]] = {}
    previous: _Marker | None = None
    for k in markers:
        before, previous = previous, k
        if k.family == "dash":
            cur = open_lists.get("dash")
            # consecutive dashes: no blank line between, and no other marker between (the dashes
            # under "1- …" and those under "2- …" are two lists)
            if cur and "\n\n" not in text[cur[-1].start:k.start].strip("\n") and before is cur[-1]:
                k.ordinal = len(cur) + 1
                cur.append(k)
            else:
                k.ordinal = 1
                cur = [k]
                open_lists["dash"] = cur
                lists.append(cur)
            continue
        cur = open_lists.get(k.family)
        near = not k.weak or (cur and k.start - cur[-1].start < 400 and "\n" not in text[cur[-1].start:k.start])
        if cur and k.ordinal == cur[-1].ordinal + 1 and near:
            cur.append(k)
        elif k.ordinal == 1:
            if k.weak and cur and not cur[0].weak and "\n" not in text[cur[-1].start:k.start]:
                continue  # "Thứ nhất, ... 2 văn bản, một là của ...": a weak "một là" inside an item opens no list
            cur = [k]
            open_lists[k.family] = cur
            lists.append(cur)
    return [lst for lst in lists if len(lst) >= 2 and (not lst[0].weak or _confirmed(lst))
            and not (lst[0].family == "dash" and _interview(text, lst))]


def _interview(text: str, lst: list[_Marker]) -> bool:
    """Dashes that open the turns of an interview ("- Thưa bà, ... ?"), not a list: a third of
    the turns or more are a question (their first sentence, or the turn, ends with "?")."""
    ends = [k.start for k in lst[1:]] + [_paragraph_end(text, lst[-1].body)]
    questions = 0
    for n, (k, end) in enumerate(zip(lst, ends)):
        stop = re.search(r"[.!?…]", text[k.body:end])
        asks = bool(stop and stop.group() == "?")
        # a turn before the next dash may be several sentences that end with the question
        questions += asks or (n + 1 < len(lst) and text[k.body:end].rstrip().endswith("?"))
    return questions * 3 >= len(lst)


def _confirmed(lst: list[_Marker]) -> bool:
    """A list opened by a weak marker stands when a marker of its own follows it."""
    return any(not k.weak for k in lst[1:]) or len(lst) >= 3


# A dash with spaces around it, inside a line: a candidate first bullet of a run-on list.
_INNER_DASH = re.compile(r"[ \t](?P<m>[-–])[ \t]+(?=\S)")


def _run_on_first_dash(text: str, lst: list[_Marker]) -> _Marker | None:
    """The dash that opens a run-on dash list without a sentence end before it.

    "8 dự án vào Bà Rịa-Vũng Tàu - Công ty TNHH Korea Tech ... USD. - Công ty TNHH Dịch vụ ...":
    the list's items open with "Công ty", so the dash before "Công ty TNHH Korea Tech" is the
    first bullet; "Bà Rịa - Vũng Tàu" is not (its words do not open an item).
    """
    first = lst[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    if not text[line_start:first.start].strip():
        return None  # the list starts its line: nothing run on before it
    opener = re.match(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", text[first.body:])
    if not opener:
        return None
    item_opens = [text[k.body:k.body + len(opener.group())] for k in lst]
    if sum(o == opener.group() for o in item_opens) * 2 < len(lst):
        return None  # the items do not open alike
    window = text[max(line_start, first.start - 600):first.start]
    offset = max(line_start, first.start - 600)
    candidates = [m for m in _INNER_DASH.finditer(window)
                  if text.startswith(opener.group(), offset + m.end())]
    if not candidates:
        return None
    m = candidates[-1]
    between = text[offset + m.end():first.start]
    if not re.search(r"[.;!?][\"”]?\s*$", between):
        return None  # the item before the first confirmed bullet must end a sentence
    return _Marker("dash", 1, offset + m.start("m"), offset + m.end())


def _run_on_dashes_after_colon(text: str, markers: list[_Marker]) -> list[_Marker]:
    """The later bullets of a dash list run on after a colon, with no sentence end before them:
    "3 vị khách mời: - Ông Lê Doãn Hợp -- Nguyên Bộ trưởng ... - Ông Nguyễn Thanh Lâm -- ...".
    A later dash counts when the words after it open the first item alike ("Ông"); a double
    dash ("--") is an apposition, not a bullet."""
    taken = {k.start for k in markers}
    extra: list[_Marker] = []
    for k in markers:
        if k.family != "dash" or not text[:k.start].rstrip().endswith(":"):
            continue
        opener = re.match(r"[^\W\d_]+", text[k.body:])
        if not opener:
            continue
        later = re.compile(rf"(?<=[^\s\-–])[ \t]+(?P<m>[-–])[ \t]+(?={re.escape(opener.group())}\b)")
        for m in later.finditer(text, k.body, _paragraph_end(text, k.body)):
            if m.start("m") not in taken:
                taken.add(m.start("m"))
                extra.append(_Marker("dash", 0, m.start("m"), m.end()))
    return sorted(markers + extra, key=lambda k: k.start)


def _complete_dash_lists(text: str, lists: list[list[_Marker]]) -> None:
    for lst in lists:
        if lst[0].family != "dash":
            continue
        head = _run_on_first_dash(text, lst)
        if head is not None:
            lst.insert(0, head)
            for i, k in enumerate(lst, 1):
                k.ordinal = i


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _drop_name_caption(text: str, start: int, end: int) -> int:
    """Drop a photo caption without "Ảnh:" glued at the end of an item: a last sentence
    made of a name and titles ("Tiến sĩ Lê Doãn Hợp, Nguyên Bộ trưởng Bộ TT&TT.")."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, start, end)]
    if not ends:
        return end
    last_start = ends[-1] if ends[-1] < end - 1 else (ends[-2] if len(ends) > 1 else None)
    if last_start is None:
        return end
    tail = text[last_start:end].strip()
    words = re.findall(r"[^\W\d_][\w&]*", tail)
    # a byline at the end of the paragraph: "... 2.200 tỷ đồng. Thái Minh"
    if 1 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not tail.endswith((".", "!", "?", ":", ";")) \
            and not text[end:end + 2].strip(" \t"):
        return last_start
    if 4 <= len(words) <= 25 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return last_start
    return end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut captions, then trailing separators (";", ",", "và") and spaces."""
    cap = CAPTION.search(text, start, end)
    if cap and cap.start() > start:
        end = cap.start()
        # A caption sentence glued before "Ảnh:" ("Đồng chí A phát biểu. Ảnh: TL") goes too.
        before = text[start:end].rstrip()
        if before.endswith((".", "!", "?")):
            ends = [m.end() for m in SENTENCE_END.finditer(text, start, start + len(before) - 1)]
            if ends:
                end = ends[-1]
    end = _drop_name_caption(text, start, end)
    seg = text[start:end]
    stripped = re.sub(r"(?:[\s;,]|\bvà)+$", "", seg)
    end = start + len(stripped)
    while start < end and text[start].isspace():
        start += 1
    return start, end


# The end mark of an article and its byline: "./." and what follows are not the last item.
END_MARK = re.compile(r"\s\./\.|\.\s*/\s*\.")


def _last_item_end(doc: Document, k: _Marker, end: int, longest: int) -> int:
    """Where the last item of a list ends when its paragraph runs on.

    Pages that lost their line breaks put the rest of the article after the last item.
    The item then ends at the sentence where it reaches twice the length of the longest
    item before it (and never past an end mark "./.").
    """
    text = doc.text
    mark = END_MARK.search(text, k.body, end)
    if mark:
        end = mark.start() + 1
    limit = k.body + max(2 * longest, 300)
    if end <= limit:
        return end
    for sent in doc.sentences:
        if sent.end > k.body and sent.end >= limit and sent.end <= end:
            return sent.end
    stop = SENTENCE_END.search(text, limit, end)
    return stop.start() + 1 if stop else end


def _one_sentence(doc: Document, lst: list[_Marker]) -> bool:
    """Whether every marker of a list stands in one sentence (an inline list)."""
    first = doc.sentence_of(lst[0].start)
    return first is not None and all(doc.sentence_of(k.start) == first for k in lst[1:])


def _heading(doc: Document, first: _Marker) -> str | None:
    """The sentence that announces the list: up to the first marker, or the one before it."""
    text = doc.text
    sent = doc.sentence_of(first.start)
    if sent is not None:
        s = doc.sentences[sent]
        head = text[s.start:first.start].strip(" ,;")
        if len(head) > 3:
            return head
        if sent > 0:
            prev = doc.sentences[sent - 1]
            return prev.text.strip()
    return None


def find_points(doc: Document) -> list[Point]:
    text = doc.text
    points: list[Point] = []
    markers = _run_on_dashes_after_colon(text, _markers(text))
    lists = _lists(text, markers)
    _complete_dash_lists(text, lists)
    # A dash after a sentence end opens something new (an interview turn) even outside a list.
    dashes = [k.start for k in markers if k.family == "dash"]
    # Where each list begins: its first marker, or the sentence that announces it.
    list_starts = []
    for lst in lists:
        sent = doc.sentence_of(lst[0].start)
        list_starts.append(doc.sentences[sent].start if sent is not None else lst[0].start)
    for li, lst in enumerate(lists):
        heading = _heading(doc, lst[0])
        lengths: list[int] = []
        one_sentence_items = True
        for i, k in enumerate(lst):
            end = _paragraph_end(text, k.body)
            if i + 1 < len(lst):
                end = min(end, lst[i + 1].start)
            later = [s for s in list_starts if s > k.body] + [l[0].start for l in lists if l[0].start > k.body]
            if k.family != "dash":
                later += [d for d in dashes if d > k.body]
                if i + 1 < len(lst) and "\n" not in text[k.body:end]:
                    later = []  # run on in one paragraph, "1- … - … 2- …": the dash list nests in item 1
            if later:
                end = min(end, min(later))
            if i + 1 == len(lst) and _one_sentence(doc, lst):
                end = min(end, doc.sentences[doc.sentence_of(k.start)].end)
            elif i + 1 == len(lst) and lengths and k.family == "dash" and one_sentence_items \
                    and text[text.rfind("\n", 0, k.start) + 1:k.start].strip():
                # a run-on dash list of one-sentence items: the last item is one sentence too
                stop = SENTENCE_END.search(text, k.body, end)
                end = stop.start() + 1 if stop else end
            elif i + 1 == len(lst) and lengths:
                end = _last_item_end(doc, k, end, max(lengths))
            start, end = _trim(text, k.body, end)
            if end <= start:
                continue
            lengths.append(end - start)
            one_sentence_items = one_sentence_items and not SENTENCE_END.search(text, start, max(start, end - 1))
            marker = text[k.start:k.body].strip()
            points.append(Point(ordinal=k.ordinal, marker=marker, text=text[start:end], start=start, end=end,
                                list=li, heading=heading))
    return points


@register("points")
def points(doc: Document, article: Article) -> list[Point]:
    return find_points(doc)
