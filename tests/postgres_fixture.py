"""A real PostgreSQL server for the store's tests.

`LBCL_CDS_TEST_POSTGRES_URL` set (CI: `.ci/run` starts a throwaway cluster): that server is used.
Unset: a throwaway cluster is started here from Debian's binaries (/usr/lib/postgresql/*/bin), as the
`postgres` user when running as root, on 127.0.0.1 on a free port, in a temporary folder, trust auth;
stopped at the end of the session. No binaries: the tests are skipped with the reason, unless
`LBCL_CDS_REQUIRE_POSTGRES=1` (CI), where they fail instead. Each test gets its own database.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from live_server import children

ENV_URL = "LBCL_CDS_TEST_POSTGRES_URL"
ENV_REQUIRE = "LBCL_CDS_REQUIRE_POSTGRES"


def _unavailable(reason: str) -> None:
    if os.environ.get(ENV_REQUIRE) == "1":
        pytest.fail(f"PostgreSQL required ({ENV_REQUIRE}=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (install Debian's postgresql or set {ENV_URL})")


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str]) -> None:
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as Debian's postgres user
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def _start_cluster(bindir: Path) -> tuple[str, Path, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="lbcl-pg-"))
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
    data, port = tmp / "data", _free_port()
    _run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
    _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "server.log"), "-w", "-t", "60",
          "-o", f"-h 127.0.0.1 -p {port} -k {tmp} -F", "start"])
    return f"postgresql://postgres@127.0.0.1:{port}/postgres", tmp, data


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = os.environ.get(ENV_URL)
    if url:
        yield url
        return
    cluster = _new_cluster("no PostgreSQL binaries in /usr/lib/postgresql/*/bin")
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture()
def pg_database(postgres_url: str) -> Iterator[str]:
    """A fresh, empty database for one test; dropped afterwards."""
    import psycopg

    name = "lbcl_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(postgres_url)
    yield urlunsplit(parts._replace(path="/" + name))
    with psycopg.connect(postgres_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Cluster:
    """A throwaway cluster of this test's own (not the shared one of `postgres_url`), for tests that
    freeze the server: its processes are found by the postmaster's PID (postmaster.pid) and its children,
    never by name."""

    def __init__(self, url: str, tmp: Path, data: Path, bindir: Path):
        self.url, self.tmp, self.data, self.bindir = url, tmp, data, bindir

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def server_pids(self) -> list[int]:
        """The postmaster and every process it started (backends, checkpointer, walwriter ...)."""
        root = self.postmaster_pid()
        return [root, *children(root)]

    def stop(self) -> None:
        try:
            _run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _new_cluster(no_binaries: str) -> Cluster:
    """A cluster started from Debian's binaries, or the tests skipped (failed where required) with why."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed")
    bindir = _bindir()
    if bindir is None:
        _unavailable(no_binaries)
    try:
        url, tmp, data = _start_cluster(bindir)
    except (OSError, subprocess.SubprocessError, KeyError) as exc:
        _unavailable(f"a local cluster could not be started ({type(exc).__name__})")
    return Cluster(url, tmp, data, bindir)


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster started for this module only (Debian's binaries, 127.0.0.1, trust auth)."""
    cluster = _new_cluster("no PostgreSQL binaries in /usr/lib/postgresql/*/bin (a server of our own is needed)")
    try:
        yield cluster
    finally:
        cluster.stop()
