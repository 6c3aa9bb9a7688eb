"""A real PostgreSQL server for the tests, started on 127.0.0.1 from Debian's binaries.

Use the fixtures by importing them into a test module::

    from pg_server import postgres_server, postgres_url  # noqa: F401

``postgres_server`` (session) runs ``initdb`` in a temporary folder and ``pg_ctl start``
on a free loopback port, and stops and deletes the cluster at the end of the session.
``postgres_url`` gives each test an empty database (its tables are dropped afterwards).

When the server binaries are missing the tests FAIL with the command that installs them
(``make system-deps``), unless ``PARTYTEXT_SKIP_PG=1`` is set. As root, the cluster runs
as the ``postgres`` user (initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SKIP_ENV = "PARTYTEXT_SKIP_PG"


def find_bindir() -> Path | None:
    env = os.environ.get("PARTYTEXT_PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One throw-away cluster; :meth:`url` names a database in it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="partytext-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    def start(self, *settings: str) -> PostgresServer:
        """Start the cluster; ``settings`` are extra ``name=value`` server settings."""
        res = self._run("initdb", "-D", str(self.data), "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                        "-U", "postgres", "--no-sync")
        if res.returncode:
            raise RuntimeError(f"initdb failed: {res.stderr or res.stdout}")
        for _attempt in range(5):
            self.port = _free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
                    + "".join(f" -c {setting}" for setting in settings))
            res = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"), "-w",
                            "-t", "60", "start")
            if res.returncode == 0:
                return self
        log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {res.stderr or res.stdout}\n{log[-2000:]}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def reset_database(url: str) -> None:
    """Drop everything a test created in the database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(scope="session")
def postgres_server():
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL tests skipped on request")
    bindir = find_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH): "
            f"run `make system-deps` (scripts/setup_test_env.sh installs postgresql), or set {SKIP_ENV}=1 "
            "to skip the PostgreSQL tests deliberately", pytrace=False)
    server = PostgresServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    url = postgres_server.url()
    reset_database(url)
    yield url
    reset_database(url)
