"""Safe HTML for article-derived text: escape everything, then add our own markup.

Article titles, texts, snippets and queries are untrusted (a crawled page can hold
``<script>``). Nothing here ever marks raw article text as safe: each piece of text is
escaped on its own and only markup built by this module (``<mark>``, ``<span>`` with
fixed class names and escaped attribute values) is put between the pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Highlight markers asked of the archive's snippet maker: two Unicode noncharacters, which
# no published text uses. Stray copies in an article cannot inject anything: they only
# ever become a balanced <mark>…</mark>, or are dropped.
MARK_OPEN = "\ufdd0"
MARK_CLOSE = "\ufdd1"
SNIPPET_MARKERS = (MARK_OPEN, MARK_CLOSE)


def snippet_html(snippet: str | None) -> Markup:
    """A snippet made with :data:`SNIPPET_MARKERS` as HTML: the text escaped, the matches
    in balanced ``<mark>`` elements."""
    out: list[str] = []
    depth = 0
    buf: list[str] = []
    for ch in snippet or "":
        if ch == MARK_OPEN or ch == MARK_CLOSE:
            out.append(escape("".join(buf)))
            buf = []
            if ch == MARK_OPEN and depth == 0:
                out.append("<mark>")
                depth = 1
            elif ch == MARK_CLOSE and depth == 1:
                out.append("</mark>")
                depth = 0
            continue
        buf.append(ch)
    out.append(escape("".join(buf)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Span:
    """A part of the article text to mark: ``text[start:end]`` gets a ``<span>`` of
    class ``ann ann-{kind}`` with the given attributes (``id``, ``title``...)."""

    start: int
    end: int
    kind: str
    attrs: Mapping[str, str] = field(default_factory=dict)


def _compatible(a: Span, b: Span) -> bool:
    """Disjoint, or one inside the other."""
    return (a.end <= b.start or b.end <= a.start or (a.start <= b.start and b.end <= a.end)
            or (b.start <= a.start and a.end <= b.end))


def nest(spans: Iterable[Span], lo: int = 0, hi: int | None = None) -> list[Span]:
    """The spans inside ``[lo, hi)`` that nest properly, in document order.

    Spans earlier in ``spans`` win: a span that crosses one already kept (or the
    window's edge) is left out, as are empty spans. Longer spans open first.
    """
    kept: list[Span] = []
    for s in spans:
        if s.end <= s.start or s.start < lo or (hi is not None and s.end > hi):
            continue
        if all(_compatible(s, k) for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: (s.start, -s.end))


def _open_tag(span: Span) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in span.attrs.items()
                    if name.replace("-", "").isalnum())
    return f'<span class="ann ann-{escape(span.kind)}"{attrs}>'


def annotate(text: str, spans: Iterable[Span], lo: int = 0, hi: int | None = None) -> Markup:
    """``text[lo:hi]`` as escaped HTML with the (properly nested) ``spans`` marked."""
    hi = len(text) if hi is None else hi
    out: list[str] = []
    stack: list[Span] = []
    cursor = lo

    def close_until(pos: int) -> None:
        nonlocal cursor
        while stack and stack[-1].end <= pos:
            top = stack.pop()
            out.append(escape(text[cursor:top.end]))
            out.append("</span>")
            cursor = top.end

    for s in nest(spans, lo, hi):
        close_until(s.start)
        out.append(escape(text[cursor:s.start]))
        out.append(_open_tag(s))
        cursor = s.start
        stack.append(s)
    close_until(hi)
    out.append(escape(text[cursor:hi]))
    return Markup("".join(out))
