"""robots.txt rules (RFC 9309): groups by user agent, Allow/Disallow with the longest match,
``*`` and ``$`` wildcards, Crawl-delay and Sitemap lines. Pure parsing; :mod:`partytext.fetch`
downloads the file.

>>> rules = parse_robots("User-agent: *\\nDisallow: /private/\\nCrawl-delay: 2\\nSitemap: /s.xml")
>>> rules.allowed("/private/x"), rules.allowed("/news/1"), rules.crawl_delay
(False, True, 2.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

AGENT = "partytext"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules that apply to one user agent. ``allow_all``/``deny_all`` stand for a
    missing file (4xx: crawl freely) and an unreachable one (5xx, timeout: do not crawl)."""

    rules: tuple[tuple[bool, str], ...] = ()  # (allowed, path pattern)
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    deny_all: bool = False

    def allowed(self, url_or_path: str) -> bool:
        if self.deny_all:
            return False
        parts = urlsplit(url_or_path)
        path = (parts.path or "/") + (("?" + parts.query) if parts.query else "")
        path = _normalise(path)
        if path == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for allow, pattern in self.rules:
            if not pattern:
                continue  # an empty Disallow allows everything
            if _match(pattern, path):
                key = (len(pattern), allow)  # longest match; Allow wins a tie
                if best is None or key > best:
                    best = key
        return True if best is None else best[1]


def _normalise(path: str) -> str:
    return unquote(path)


def _match(pattern: str, path: str) -> bool:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = "".join(".*" if ch == "*" else re.escape(ch) for ch in _normalise(body))
    return re.match(regex + ("$" if anchored else ""), path) is not None


def parse_robots(text: str, agent: str = AGENT) -> RobotsRules:
    """The rules for ``agent``: its own group(s) if any name it, else the ``*`` group."""
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    sitemaps: list[str] = []
    current: tuple[list[str], list[tuple[str, str]]] | None = None
    last_was_agent = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (s.strip() for s in line.split(":", 1))
        key = key.lower()
        if key == "sitemap":
            if value:
                sitemaps.append(value)
            continue
        if key == "user-agent":
            if current is None or not last_was_agent:
                current = ([], [])
                groups.append(current)
            current[0].append(value.lower())
            last_was_agent = True
            continue
        last_was_agent = False
        if current is not None and key in ("allow", "disallow", "crawl-delay"):
            current[1].append((key, value))
    agent = agent.lower()
    mine = [g for g in groups if any(a != "*" and a in agent for a in g[0])]
    chosen = mine or [g for g in groups if "*" in g[0]]
    rules: list[tuple[bool, str]] = []
    delay: float | None = None
    for _, lines in chosen:
        for key, value in lines:
            if key == "crawl-delay":
                try:
                    delay = max(delay or 0.0, float(value))
                except ValueError:
                    pass
            else:
                rules.append((key == "allow", value))
    return RobotsRules(rules=tuple(rules), crawl_delay=delay, sitemaps=tuple(sitemaps))


ALLOW_ALL = RobotsRules()
DENY_ALL = RobotsRules(deny_all=True)
