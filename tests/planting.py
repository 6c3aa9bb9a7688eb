"""Planted re-posts, for evaluating near-duplicate detection on real articles.

A syndicated copy of a party news article usually differs from the original in a few
places. :func:`repost` makes such a copy of a plain-text article (corpus convention: line 1
title, line 2 lead, then body) with four edits, each recorded in the returned notes:

1. the title is reworded (its two halves swapped at a colon or comma, or a lead-in
   phrase added and its last word dropped);
2. the byline is changed (a short last line replaced, or a new byline added);
3. a photo caption is added after the lead;
4. one body sentence is replaced by ``donor`` (a sentence from another article).

Evaluation-only, so it lives with the tests rather than in the installed package. Used by
``scripts/eval_duplicates.py`` and the analysis tests; deterministic for a given
``random.Random``.
"""

from __future__ import annotations

import random
import re

from partytext.normalize import nfc

#: Lead-ins an editor puts before a re-posted title.
TITLE_LEAD_INS = ("Tin tổng hợp", "Thời sự", "Tin trong nước", "Xây dựng Đảng", "Tin địa phương")

#: Bylines of the copy (invented names and agencies).
BYLINES = ("Minh Anh (TTXVN)", "Theo Báo Nhân Dân", "Ngọc Hà - Thu Trang", "PV (tổng hợp)", "Quang Huy")

#: Captions of a photo the copy adds.
CAPTIONS = ("Quang cảnh hội nghị. (Ảnh: Ngọc Hà)", "Các đại biểu dự buổi làm việc. Ảnh: Minh Anh",
            "Đồng chí Bí thư phát biểu tại hội nghị. Ảnh: TTXVN", "Toàn cảnh buổi lễ. Ảnh: Quang Huy")

#: A sentence ends at ., ! or ? followed by a space and an upper-case letter or a quote.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(]?[A-ZĐÀ-Ỹ])")

#: A short last line that reads like a byline ("Nguyễn Văn A", "PV", "Theo TTXVN").
BYLINE_LINE = re.compile(r"^[^.!?]{1,40}$")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def reword_title(title: str, rng: random.Random) -> str:
    for sep in (": ", ", "):
        if sep in title:
            head, tail = title.split(sep, 1)
            return f"{tail.strip()} - {head.strip()}"
    words = title.split()
    if len(words) > 3:
        words = words[:-1]
    return f"{rng.choice(TITLE_LEAD_INS)}: {' '.join(words)}"


def repost(text: str, rng: random.Random, donor: str) -> tuple[str, list[str]]:
    """A near-copy of ``text`` and the list of edits made (see the module docstring)."""
    lines = [ln for ln in nfc(text).replace("\r\n", "\n").split("\n") if ln.strip()]
    notes = []
    title = reword_title(lines[0], rng) if lines else "Tin"
    notes.append("title")
    body = lines[1:]
    if len(body) >= 2 and BYLINE_LINE.match(body[-1].strip()):
        body[-1] = rng.choice(BYLINES)
        notes.append("byline replaced")
    else:
        body.append(rng.choice(BYLINES))
        notes.append("byline added")
    body.insert(min(1, len(body)), rng.choice(CAPTIONS))
    notes.append("caption")
    # the longest paragraph after the caption holds the sentence to change
    candidates = [i for i in range(2, len(body) - 1)] or [i for i in range(len(body) - 1)]
    if candidates:
        k = max(candidates, key=lambda i: len(body[i]))
        sents = sentences(body[k])
        j = rng.randrange(len(sents))
        sents[j] = donor.strip()
        body[k] = " ".join(sents)
        notes.append("sentence")
    return "\n".join([title, *body]) + "\n", notes
