"""Sentence bounds around a position, as the facts rules read them: a sentence ends at a line
break or at ``.``, ``!``, ``?``, ``…`` followed by a space and a capital, a quote or a bracket
(so "5.000" and "TP. Pleiku" end nothing)."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZĐÀ-Ỹ\"“(])|\n")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence of ``text`` that holds offset ``pos``."""
    start = 0
    for m in SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = SENTENCE_END.search(text, pos)
    return start, (m.start() if m else len(text))
