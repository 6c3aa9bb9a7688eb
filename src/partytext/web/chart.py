"""The trend chart: matches per period as a small inline SVG bar chart, drawn on the server.

No JavaScript and no chart library: the page stays readable without scripts and needs
nothing from the network. Labels are escaped like every other text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 160
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 36, 22, 10
# At most this many periods are labelled on the x axis; the others are left bare.
MAX_LABELS = 12
MAX_BAR = 40  # a few periods still look like bars, not blocks


def fill_months(rows: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Monthly counts with the empty months between the first and last put back as 0
    (so gaps show as gaps). Rows that are not "YYYY-MM" are returned as they are."""
    if not rows or not all(len(p) == 7 and p[4] == "-" for p, _ in rows):
        return list(rows)
    counts = dict(rows)
    y, m = int(rows[0][0][:4]), int(rows[0][0][5:])
    last = rows[-1][0]
    out = []
    while True:
        period = f"{y:04d}-{m:02d}"
        out.append((period, counts.get(period, 0)))
        if period >= last:
            return out
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def trend_svg(rows: Sequence[tuple[str, int]], *, label: str = "") -> Markup:
    """An SVG bar chart of ``(period, count)`` rows; an empty Markup when there are none."""
    rows = list(rows)
    if not rows:
        return Markup("")
    top = max(c for _, c in rows) or 1
    plot_w = WIDTH - MARGIN_LEFT - 8
    plot_h = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = plot_w / len(rows)
    bar_w = max(1.0, min(step * 0.8, MAX_BAR))
    every = max(1, -(-len(rows) // MAX_LABELS))
    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP + plot_h}" x2="{WIDTH - 8}" y2="{MARGIN_TOP + plot_h}" class="axis"/>',
        f'<text x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + 8}" class="ylabel">{top}</text>',
        f'<text x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + plot_h}" class="ylabel">0</text>',
    ]
    for i, (period, count) in enumerate(rows):
        h = plot_h * count / top
        x = MARGIN_LEFT + i * step + (step - bar_w) / 2
        y = MARGIN_TOP + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar">'
                     f"<title>{escape(period)}: {count}</title></rect>")
        if i % every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 6}" class="xlabel">{escape(period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
