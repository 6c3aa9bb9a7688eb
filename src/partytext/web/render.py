"""Jinja2 rendering for the pages: one environment, autoescaped, with display filters.

Every value reaches a template as plain text and is escaped there; the only Markup a
template receives is built by :mod:`partytext.web.highlight` and :mod:`partytext.web.chart`,
which escape each piece of article text themselves.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request

from ..version import __version__

# An ISO date or date-time at the start of a "published" value.
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

FIGURE_KINDS_VI = {
    "count": "số lượng",
    "percent": "tỉ lệ %",
    "money": "tiền",
    "duration": "thời gian",
    "ratio": "tỉ số",
    "other": "khác",
}
QUALIFIERS_VI = {
    "more_than": "hơn",
    "less_than": "dưới",
    "nearly": "gần",
    "about": "khoảng",
    "at_least": "ít nhất",
    "at_most": "nhiều nhất",
}
CHANGES_VI = {"increase": "tăng", "decrease": "giảm"}


def vn_date(value: str | None) -> str:
    """"2024-03-05T08:00:00+07:00" -> "05/03/2024" (day first, as Vietnamese readers write it)."""
    if not value:
        return ""
    m = ISO_DATE.match(str(value))
    if not m:
        return str(value)
    y, mo, d = m.groups()
    return "/".join(p for p in (d, mo, y) if p)


def vn_number(value: Any) -> str:
    """5000 -> "5.000", 71.29 -> "71,29" (Vietnamese separators)."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        text = f"{int(number):,}"
    else:
        text = f"{number:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def figure_number(value: Any, high: Any = None, kind: str | None = None) -> str:
    """A figure's value as Vietnamese readers write it: "5.000", "3–5", "71,29%"."""
    number = vn_number(value) + (f"–{vn_number(high)}" if high is not None else "")
    return number + "%" if kind == "percent" else number


def figure_value(figure: Any) -> str:
    """:func:`figure_number` of a Figure or of a figure dict from the archive."""
    get = figure.get if isinstance(figure, dict) else (lambda name: getattr(figure, name, None))
    return figure_number(get("value"), get("high"), get("kind"))


def query_url(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` (updated by ``changes``) as a query string; empty values dropped."""
    merged = {**params, **changes}
    pairs = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return path + ("?" + urlencode(pairs) if pairs else "")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("partytext.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(vn_date=vn_date, vn_number=vn_number, kind_vi=lambda k: FIGURE_KINDS_VI.get(k, k or ""),
                       qualifier_vi=lambda q: QUALIFIERS_VI.get(q, q or ""),
                       change_vi=lambda c: CHANGES_VI.get(c, c or ""))
    env.globals.update(query_url=query_url, figure_value=figure_value, version=__version__)
    return env


ENV = _environment()


def render(request: Request, name: str, context: dict[str, Any]) -> str:
    """The template ``name`` rendered with ``context`` (plus ``request``)."""
    return ENV.get_template(name).render(request=request, **context)
