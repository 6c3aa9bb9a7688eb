"""``partytext serve`` and :func:`partytext.serve`: a real server process, and the errors
it gives before listening."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import httpx
import pytest
from web_archive import web_archive_path

import partytext
from partytext.cli import main as cli_main
from partytext.errors import ArchiveError, ServeError
from partytext.web import DEFAULT_HOST, bind_socket


@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    return web_archive_path(tmp_path_factory)


def test_help_has_an_example(capsys):
    with pytest.raises(SystemExit) as exc:
        cli_main(["serve", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "Example: partytext serve" in out and "127.0.0.1" in out


def test_defaults_bind_to_loopback():
    assert DEFAULT_HOST == "127.0.0.1"
    parser = partytext.cli.build_parser()
    args = parser.parse_args(["serve", "party.db"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_missing_archive_exits_1_with_the_fix(tmp_path, capsys):
    assert cli_main(["serve", str(tmp_path / "none.db"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert "No archive at" in err and "partytext index" in err
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(ArchiveError):
        partytext.serve(tmp_path / "none.db", port=0)


def test_port_in_use_is_a_serve_error(web_db, capsys):
    taken = bind_socket("127.0.0.1", 0)
    taken.listen()
    try:
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match="--port"):
            partytext.serve(web_db[0], port=port)
        assert cli_main(["serve", str(web_db[0]), "--port", str(port)]) == 1
        assert "pick another with --port" in capsys.readouterr().err
    finally:
        taken.close()


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    buf = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 0.2)
        if ready:
            ch = os.read(proc.stderr.fileno(), 1)
            if not ch:
                break
            buf += ch
            if ch == b"\n":
                return buf.decode("utf-8")
        elif proc.poll() is not None:
            break
    raise AssertionError(f"no line from the server within {timeout}s: {buf!r}")


def test_serve_command_answers_page_and_api(web_db):
    db, ids = web_db
    proc = subprocess.Popen([sys.executable, "-m", "partytext", "serve", str(db), "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        line = _read_line(proc, timeout=60)
        assert "serving" in line and "http://127.0.0.1:" in line
        url = line.split(" at ", 1)[1].split()[0]
        with httpx.Client(base_url=url, timeout=10) as http:
            for _ in range(100):  # the port is bound before uvicorn accepts: retry briefly
                try:
                    api = http.get("/api/search", params={"q": "dang vien"})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert api.status_code == 200 and api.json()["total"] == 2
            page = http.get("/search", params={"q": "dang vien"})
            assert page.status_code == 200 and f"/articles/{ids['script']}" in page.text
            assert http.get("/static/style.css").headers["content-type"].startswith("text/css")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, 130, -signal.SIGINT)
