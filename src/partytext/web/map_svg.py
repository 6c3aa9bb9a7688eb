"""A map of Vietnam's provinces drawn on the server as SVG: one marker per province at the
gazetteer's coordinates (``vietnamadminunits``), sized by a value. No tiles, no script,
nothing from the network; names and values are escaped like every other text.

The 2025 map has 34 markers, the legacy map 63. Provinces without a value are drawn as
small grey dots, so the country's shape is always there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..facts import gazetteer

WIDTH, HEIGHT = 380, 640
PAD = 24
# The frame: Vietnam's mainland and near islands (Phú Quốc, Côn Đảo) fit inside.
LAT_MIN, LAT_MAX = 8.2, 23.5
LON_MIN, LON_MAX = 102.0, 110.0
MIN_R, MAX_R = 4.0, 20.0


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in the SVG of a point; longitudes shrink by cos(mid latitude)."""
    k = math.cos(math.radians((LAT_MIN + LAT_MAX) / 2))
    sx = (WIDTH - 2 * PAD) / ((LON_MAX - LON_MIN) * k)
    sy = (HEIGHT - 2 * PAD) / (LAT_MAX - LAT_MIN)
    s = min(sx, sy)
    return PAD + (lon - LON_MIN) * k * s, PAD + (LAT_MAX - lat) * s


def provinces(admin: str) -> dict[str, tuple[float, float]]:
    """Province name -> (lat, lon) on the ``admin`` map ("2025" or "legacy")."""
    g = gazetteer()
    table = g.current if admin == "2025" else g.legacy
    return {name: (p.lat, p.lon) for name, p in table.items()}


def map_svg(values: Mapping[str, float], *, admin: str = "2025", label: str = "",
            fmt=lambda v: f"{v:g}") -> Markup:
    """The SVG map with a marker per province of ``admin``; ``values`` maps province names
    (as the facts table writes them) to the value a marker's size shows."""
    top = max((v for v in values.values() if v), default=0) or 1
    parts = [f'<svg class="facts-map" id="facts-map" data-admin="{escape(admin)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" class="sea"/>']
    for name, (lat, lon) in sorted(provinces(admin).items(), key=lambda kv: -kv[1][0]):
        x, y = project(lat, lon)
        value = values.get(name)
        if value:
            r = MIN_R + (MAX_R - MIN_R) * math.sqrt(value / top)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="marker has-value" '
                         f'data-province="{escape(name)}" data-value="{escape(str(value))}">'
                         f"<title>{escape(name)}: {escape(fmt(value))}</title></circle>")
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="marker" data-province="{escape(name)}">'
                         f"<title>{escape(name)}</title></circle>")
    parts.append("</svg>")
    return Markup("".join(parts))
