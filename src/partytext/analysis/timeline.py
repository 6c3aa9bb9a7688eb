"""Attention over time: matching articles per month or year, as rows and as a PNG chart.

Counts come from the archive's full-text index (:meth:`~partytext.archive.Archive.trend`);
periods without a match between the first and the last are filled with 0, so the series
and the chart show the gaps. Undated articles are not counted.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError, missing_extra
from .results import TrendPoint

log = logging.getLogger(__name__)

PERIODS = ("month", "year")


def _next(period: str) -> str:
    if len(period) == 4:
        return f"{int(period) + 1:04d}"
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def fill_gaps(counts: list[tuple[str, int]]) -> list[TrendPoint]:
    """Every period from the first to the last, with 0 where nothing matched."""
    if not counts:
        return []
    have = dict(counts)
    out, period, last = [], counts[0][0], counts[-1][0]
    while True:
        out.append(TrendPoint(period, int(have.get(period, 0))))
        if period >= last:
            return out
        period = _next(period)


def plot_png(points: list[TrendPoint], path: str | Path, *, title: str) -> Path:
    """Write ``points`` as a bar chart PNG (matplotlib's Agg canvas, no pyplot state)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise missing_extra("plot", "matplotlib") from exc
    path = Path(path)
    if not path.parent.exists():
        raise InputError(f"The folder {path.parent} does not exist: create it or choose another --plot path",
                         path=str(path))
    fig = Figure(figsize=(max(6.0, min(16.0, 0.35 * len(points) + 3)), 4), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if points:
        xs = list(range(len(points)))
        ax.bar(xs, [p.count for p in points], color="#b22222")
        step = max(1, len(points) // 24)
        ax.set_xticks(xs[::step], [p.period for p in points][::step], rotation=60, ha="right", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no dated article matches", ha="center", va="center", transform=ax.transAxes)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("articles")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    try:
        fig.savefig(path, format="png")
    except OSError as exc:
        raise InputError(f"Cannot write the chart {path}: {exc}", path=str(path)) from exc
    log.info("wrote %s", path)
    return path
