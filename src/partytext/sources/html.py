"""HTML pages to articles. (Foundation version: title, lead and paragraphs from the
markup; the crawler work replaces this with site profiles and a generic extractor.)"""

from __future__ import annotations

from bs4 import BeautifulSoup

from ..errors import ExtractionError
from ..normalize import nfc
from ..records import Article


def article_from_html(html: str | bytes, *, url: str | None = None) -> Article:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "aside", "form"]):
        tag.decompose()
    h1 = soup.find("h1")
    title = (h1.get_text(" ", strip=True) if h1 else None) or (
        soup.title.get_text(" ", strip=True) if soup.title else None
    )
    paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ExtractionError(f"No article text found in {url or 'the HTML input'}", url=url)
    parts = [nfc(title)] if title else []
    parts += [nfc(p) for p in paragraphs]
    lead = nfc(paragraphs[0]) if len(paragraphs) > 1 else None
    return Article(text="\n\n".join(parts), title=nfc(title) if title else None, lead=lead, url=url)
