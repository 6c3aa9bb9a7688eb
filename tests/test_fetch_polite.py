"""The polite fetcher against local servers: robots, delays, retries, a hung response,
redirects, size cap, conditional GET. Waits are recorded through an injected sleep, never timed."""

from __future__ import annotations

import time

import pytest

from partytext.errors import FetchError, ResponseTooLargeError, RobotsDisallowedError, RobotsUnavailableError
from partytext.crawl.fetch import USER_AGENT, Fetcher
from partytext.crawl.robots import parse_robots

from test_crawl_site import Site


@pytest.fixture()
def site():
    s = Site()
    yield s
    s.close()


class Clock:
    """A fake clock whose sleep advances it, so waits are exact and instant."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def serve(site, path, status=200, headers=None, body=b"ok"):
    site.server.pages[path] = (status, headers or {"Content-Type": "text/plain"}, body)


def test_robots_disallow_is_never_requested(site):
    with Fetcher(delay=0) as f:
        with pytest.raises(RobotsDisallowedError):
            f.get(site.base + "/private/secret.html")
        assert f.get(site.base + "/tin/bai-1.html").status == 200
    assert "/private/secret.html" not in site.log
    assert site.log.count("/robots.txt") == 1


def test_user_agent_names_the_tool(site):
    seen = []
    site.server.hooks["/ua"] = lambda h: seen.append(h.headers["User-Agent"])
    serve(site, "/ua")
    Fetcher(delay=0).get(site.base + "/ua")
    assert seen == [USER_AGENT] and "partytext" in USER_AGENT and "+https://" in USER_AGENT


def test_delay_between_requests_honours_crawl_delay(site):
    serve(site, "/robots.txt", body=b"User-agent: *\nCrawl-delay: 3\n")
    clock = Clock()
    f = Fetcher(delay=1.0, sleep=clock.sleep, clock=clock)
    for i in range(3):
        serve(site, f"/p{i}")
        f.get(site.base + f"/p{i}")
    assert len(clock.sleeps) == 3  # robots.txt, then three pages: a wait before each page
    assert all(s == pytest.approx(3.0) for s in clock.sleeps)


def test_default_delay_is_at_least_one_second():
    assert Fetcher().delay >= 1.0


def test_retries_honour_retry_after_then_succeed(site):
    calls = []

    def flaky(handler):
        calls.append(1)
        if len(calls) <= 2:
            handler.send_response(503 if len(calls) == 1 else 429)
            handler.send_header("Retry-After", "7")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return True
        return None

    site.server.hooks["/flaky"] = flaky
    serve(site, "/flaky", body=b"finally")
    clock = Clock()
    f = Fetcher(delay=0, sleep=clock.sleep, clock=clock, max_retry_wait=5)
    assert f.get(site.base + "/flaky").content == b"finally"
    retry_waits = [w for w in clock.sleeps if w > 0.01]  # the site's Crawl-delay is 0.01
    assert retry_waits == [5, 5]  # Retry-After 7, capped at max_retry_wait
    assert f.stats.retries == 2


def test_gives_up_after_retries(site):
    serve(site, "/down", status=500)
    clock = Clock()
    f = Fetcher(delay=0, retries=2, backoff=0.5, sleep=clock.sleep, clock=clock)
    with pytest.raises(FetchError) as err:
        f.get(site.base + "/down")
    assert err.value.status == 500
    assert [w for w in clock.sleeps if w > 0.01] == [0.5, 1.0]  # exponential backoff
    assert site.log.count("/down") == 3


def test_hung_response_times_out(site):
    site.server.hooks["/hang"] = lambda h: (time.sleep(2), True)[1]
    f = Fetcher(delay=0, timeout=0.2, retries=1, backoff=0)
    with pytest.raises(FetchError) as err:
        f.get(site.base + "/hang")
    assert "did not answer" in str(err.value)
    assert site.log.count("/hang") == 2


def test_redirects_are_followed_and_checked(site):
    serve(site, "/old", status=301, headers={"Location": "/tin/bai-1.html"})
    serve(site, "/to-private", status=302, headers={"Location": "/private/secret.html"})
    serve(site, "/loop", status=302, headers={"Location": "/loop2"})
    serve(site, "/loop2", status=302, headers={"Location": "/loop"})
    serve(site, "/away", status=302, headers={"Location": "http://example.com/x"})
    f = Fetcher(delay=0, allowed_hosts={"127.0.0.1"})
    page = f.get(site.base + "/old")
    assert page.url == site.base + "/tin/bai-1.html" and page.redirects == (site.base + "/old",)
    with pytest.raises(RobotsDisallowedError):
        f.get(site.base + "/to-private")
    with pytest.raises(FetchError, match="redirects"):
        f.get(site.base + "/loop")
    with pytest.raises(FetchError, match="off the crawled site"):
        f.get(site.base + "/away")
    assert "/private/secret.html" not in site.log


def test_size_cap(site):
    serve(site, "/big", body=b"x" * 5000)
    with pytest.raises(ResponseTooLargeError):
        Fetcher(delay=0, max_bytes=1000).get(site.base + "/big")


def test_only_http_urls():
    with pytest.raises(FetchError, match="Only http"):
        Fetcher(delay=0).get("file:///etc/passwd")


def test_conditional_get_uses_the_cache(site, tmp_path):
    seen = []

    def etagged(handler):
        seen.append(handler.headers.get("If-None-Match"))
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.send_header("ETag", '"v1"')
            handler.end_headers()
            return True
        return None

    site.server.hooks["/e"] = etagged
    serve(site, "/e", headers={"Content-Type": "text/html", "ETag": '"v1"'}, body=b"<p>body</p>")
    first = Fetcher(delay=0, cache_dir=tmp_path).get(site.base + "/e")
    f2 = Fetcher(delay=0, cache_dir=tmp_path)  # a new run, same cache
    second = f2.get(site.base + "/e")
    assert seen == [None, '"v1"']
    assert not first.from_cache and second.from_cache and second.content == b"<p>body</p>"
    assert f2.stats.not_modified == 1


def test_unreachable_robots_means_wait_not_disallow(site):
    """A 503 on robots.txt fetches nothing of the host, but is not a disallow: the host is
    asked again after the backoff (doubling), robots_retries times, then given up for the run."""
    serve(site, "/robots.txt", status=503)
    clock = Clock()
    f = Fetcher(delay=0, retries=0, robots_retries=2, robots_backoff=10, sleep=clock.sleep, clock=clock)
    with pytest.raises(RobotsUnavailableError) as first:
        f.get(site.base + "/tin/bai-1.html")
    assert first.value.retry_in == pytest.approx(10)
    with pytest.raises(RobotsUnavailableError) as waiting:  # inside the backoff: robots.txt not asked
        f.get(site.base + "/tin/bai-2.html")
    assert site.log.count("/robots.txt") == 1 and 0 < waiting.value.retry_in <= 10
    clock.now += 10
    with pytest.raises(RobotsUnavailableError) as second:
        f.get(site.base + "/tin/bai-1.html")
    assert second.value.retry_in == pytest.approx(20) and site.log.count("/robots.txt") == 2
    clock.now += 20
    with pytest.raises(RobotsUnavailableError) as last:
        f.get(site.base + "/tin/bai-1.html")
    assert last.value.retry_in is None and site.log.count("/robots.txt") == 3
    assert not any(p.startswith("/tin/") for p in site.log)
    serve(site, "/robots.txt", body=b"User-agent: *\nDisallow: /private/\n")  # the site recovers
    f2 = Fetcher(delay=0, retries=0)  # the next run
    assert f2.get(site.base + "/tin/bai-1.html").status == 200
    with pytest.raises(RobotsDisallowedError):
        f2.get(site.base + "/private/x.html")


def test_robots_recovers_within_the_run(site):
    serve(site, "/robots.txt", status=503)
    clock = Clock()
    f = Fetcher(delay=0, retries=0, robots_backoff=5, sleep=clock.sleep, clock=clock)
    with pytest.raises(RobotsUnavailableError):
        f.get(site.base + "/tin/bai-1.html")
    serve(site, "/robots.txt", body=b"User-agent: *\nDisallow:\n")
    clock.now += 5
    assert f.get(site.base + "/tin/bai-1.html").status == 200


@pytest.mark.parametrize("robots,path,allowed", [
    ("User-agent: *\nDisallow: /private/", "/private/a", False),
    ("User-agent: *\nDisallow: /private/\nAllow: /private/open", "/private/open/a", True),
    ("User-agent: *\nDisallow: /*?print=", "/a?print=1", False),
    ("User-agent: *\nDisallow: /*.pdf$", "/a.pdf", False),
    ("User-agent: *\nDisallow: /*.pdf$", "/a.pdf.html", True),
    ("User-agent: partytext\nDisallow: /\n\nUser-agent: *\nDisallow:", "/a", False),
    ("User-agent: otherbot\nDisallow: /", "/a", True),
    ("User-agent: *\nDisallow:", "/a", True),
])
def test_robots_rules(robots, path, allowed):
    assert parse_robots(robots).allowed(path) is allowed
    assert parse_robots(robots, agent=USER_AGENT).allowed(path) is allowed


# A robots.txt shaped like the ones news sites publish: a general group, a block list of
# AI and SEO bots, and a group a webmaster wrote for us by pasting our User-Agent from the
# access log. The hand-written parser tested each group's agent as a substring of the bare
# token "partytext": the pasted header did not match (we crawled a site that had shut us
# out) and a short token such as "text" did (we obeyed a group meant for another bot).
NEWS_ROBOTS = f"""# robots.txt
User-agent: *
Allow: /
Disallow: /search
Disallow: /*?utm_
Crawl-delay: 1

User-agent: GPTBot
User-agent: CCBot
User-agent: Bytespider
Disallow: /

User-agent: AhrefsBot
User-agent: text
Disallow: /tin/

User-agent: {USER_AGENT}
Disallow: /tin/
Disallow: /search
Crawl-delay: 5

Sitemap: https://example.vn/sitemap.xml
"""


def test_robots_group_written_for_our_user_agent_applies():
    rules = parse_robots(NEWS_ROBOTS, agent=USER_AGENT)
    assert not rules.allowed("/tin/bai-1.html")  # the group pasted from our User-Agent
    assert rules.crawl_delay == 5.0
    assert rules.allowed("/chuyen-muc/xay-dung-dang")
    assert rules.sitemaps == ("https://example.vn/sitemap.xml",)


def test_robots_group_of_another_bot_does_not_apply_to_us():
    rules = parse_robots(NEWS_ROBOTS.replace(f"User-agent: {USER_AGENT}", "User-agent: OtherCrawler"),
                         agent=USER_AGENT)
    assert rules.allowed("/tin/bai-1.html")  # "text" is inside "partytext" but is not our token
    assert not rules.allowed("/search?q=x") and not rules.allowed("/a?utm_source=x")
    assert rules.crawl_delay == 1.0


def test_fetcher_obeys_the_group_for_its_user_agent(site):
    serve(site, "/robots.txt", body=NEWS_ROBOTS.encode())
    with Fetcher(delay=0, sleep=lambda s: None) as f:
        with pytest.raises(RobotsDisallowedError):
            f.get(site.base + "/tin/bai-1.html")
        assert f.delay_for(site.base + "/") == 5.0
    assert "/tin/bai-1.html" not in site.log
