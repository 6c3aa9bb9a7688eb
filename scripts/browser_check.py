"""Screenshot the web pages of an archive in headless Chromium, for a look by eye.

    .venv/bin/python scripts/browser_check.py party.db "dang vien" [--out tests/artifacts]

Starts the app on 127.0.0.1 and a free port, opens the home page, the search for QUERY,
the first result's article, the figures table and /docs, at desktop and phone widths, and
writes PNGs to --out. Needs Debian's chromium (``make system-deps``).
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from partytext.web import bind_socket, create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORTS = {"desktop": (1200, 900), "phone": (390, 844)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("query")
    ap.add_argument("--out", default="tests/artifacts")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    app = create_app(args.db)
    sock = bind_socket("127.0.0.1", 0)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for name, (w, h) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(base + "/")
                page.screenshot(path=str(out / f"check_{name}_home.png"), full_page=True)
                page.fill("#q", args.query)
                page.press("#q", "Enter")
                page.wait_for_load_state()
                page.screenshot(path=str(out / f"check_{name}_search.png"), full_page=True)
                first = page.locator("#hits li.hit h2 a").first
                if first.count():
                    first.click()
                    page.wait_for_load_state()
                    page.screenshot(path=str(out / f"check_{name}_article.png"), full_page=True)
                for path in ("/figures", "/docs"):
                    page.goto(base + path)
                    page.screenshot(path=str(out / f"check_{name}_{path.strip('/')}.png"), full_page=True)
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.archive.close()
    print(f"screenshots in {out}/check_*.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
