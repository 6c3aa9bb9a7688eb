"""robots.txt rules (RFC 9309), parsed by protego, the parser of scrapy: groups by user agent,
Allow/Disallow with the longest match, ``*`` and ``$`` wildcards, Crawl-delay and Sitemap
lines. Pure parsing; :mod:`partytext.crawl.fetch` downloads the file and decides what an
unreachable file means (the host waits; see :class:`partytext.errors.RobotsUnavailableError`).

A group applies when its user-agent token appears in our User-Agent at a token boundary
(``partytext`` and ``partytext/0.1 (+https://…)`` name us; ``text`` or ``art`` do not), the
longest such token wins, and ``*`` applies only when no group names us.

>>> rules = parse_robots("User-agent: *\\nDisallow: /private/\\nCrawl-delay: 2\\nSitemap: /s.xml")
>>> rules.allowed("/private/x"), rules.allowed("/news/1"), rules.crawl_delay
(False, True, 2.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

# The product token a robots.txt group names us by; the fetcher passes its whole User-Agent.
AGENT = "partytext"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one robots.txt for one user agent; ``parser`` None allows everything
    (a missing file: 4xx, RFC 9309 §2.3.1.3)."""

    parser: Protego | None = None
    agent: str = AGENT
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()

    def allowed(self, url_or_path: str) -> bool:
        if self.parser is None:
            return True
        parts = urlsplit(url_or_path)
        if (parts.path or "/") == "/robots.txt":
            return True
        path = (parts.path or "/") + (("?" + parts.query) if parts.query else "")
        return bool(self.parser.can_fetch(path, self.agent))


def parse_robots(text: str, agent: str = AGENT) -> RobotsRules:
    """The rules that apply to ``agent`` (a product token or a whole User-Agent header)."""
    parser = Protego.parse(text)
    delay = parser.crawl_delay(agent)
    return RobotsRules(parser=parser, agent=agent, crawl_delay=float(delay) if delay is not None else None,
                       sitemaps=tuple(parser.sitemaps))


ALLOW_ALL = RobotsRules()
