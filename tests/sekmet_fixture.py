"""A real FHIR R4 server for the integration tests: SEKMET (`sekmet-fhir`, FastAPI + SQLite), pinned with
all its dependencies in docker/fhir-test-server/requirements.txt and installed in its own virtual
environment by `make fhir-server` (.venv-fhir; `make test` and `.ci/run` do it).

The session fixture starts it on 127.0.0.1 on a free port (never its default 0.0.0.0), with a fixed
`base_url`, the workflow simulator off, bearer tokens enforced (one known token), SQLite in a temporary
folder, and stops it by its PID at the end. Without the server: the tests are skipped with the reason,
unless `LBCL_CDS_REQUIRE_FHIR_SERVER=1` (CI), where they fail.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
ENV_BIN = "LBCL_CDS_TEST_SEKMET"  # path of the `sekmet` executable (default: .venv-fhir/bin/sekmet)
ENV_REQUIRE = "LBCL_CDS_REQUIRE_FHIR_SERVER"
TOKEN = "sekmet-test-token-6c1f0e"
START_TIMEOUT_S = 60


@dataclass(frozen=True)
class FhirServer:
    base: str  # http://127.0.0.1:PORT/fhir
    token: str
    pid: int
    data_dir: str = ""  # its SQLite folder (tests/smart_ehr.py reads the SMART token key from it)

    def get(self, path: str, token: str | None = None) -> requests.Response:
        return requests.get(f"{self.base}/{path}", timeout=10,
                            headers={"Authorization": f"Bearer {token or self.token}",
                                     "Accept": "application/fhir+json"})


def _unavailable(reason: str) -> None:
    if os.environ.get(ENV_REQUIRE) == "1":
        pytest.fail(f"the FHIR test server is required ({ENV_REQUIRE}=1) but {reason}")
    pytest.skip(f"FHIR server integration tests skipped: {reason} (run `make fhir-server`)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base: str, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if requests.get(f"{base}/metadata", timeout=2).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


class ServerUnavailable(Exception):
    pass


@contextmanager
def running_sekmet(public_base: str | None = None, server_auth: dict | None = None) -> Iterator[FhirServer]:
    """Start SEKMET on a free 127.0.0.1 port (bearer tokens enforced, simulator off, data in a temp
    folder) and stop it by PID afterwards. Raises ServerUnavailable with the reason. Used by the test
    fixture below and by bench/run.py (FHIR-fallback measurement). `public_base` is the base URL SEKMET
    answers as (its `base_url`: links, and the `aud` of SMART tokens) when a proxy stands in front of it
    (tests/smart_ehr.py); `server_auth` replaces its auth settings."""
    exe = Path(os.environ.get(ENV_BIN) or ROOT / ".venv-fhir" / "bin" / "sekmet")
    if not exe.is_file():
        raise ServerUnavailable(f"{exe} does not exist")
    tmp = Path(tempfile.mkdtemp(prefix="lbcl-sekmet-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}/fhir"
    settings = {"base_url": public_base or base, "host": "127.0.0.1", "port": port, "data_dir": str(tmp / "data"),
                "simulator": {"enabled": False}, "log_inbound": False,
                "validation": {"inbound": "strict"},
                "server_auth": server_auth or {"types": ["bearer"], "tokens": [TOKEN]}}
    (tmp / "settings.yaml").write_text(json.dumps(settings))  # JSON is YAML
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen([str(exe), "serve", "--config", str(tmp / "settings.yaml"), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=tmp, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    try:
        if not _wait_ready(base, proc):
            tail = (tmp / "server.log").read_text(errors="replace")[-800:]
            raise ServerUnavailable(f"SEKMET did not start on {base}: {tail}")
        yield FhirServer(base=base, token=TOKEN, pid=proc.pid, data_dir=str(tmp / "data"))
    finally:
        _stop(proc)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def fhir_server() -> Iterator[FhirServer]:
    try:
        with running_sekmet() as server:
            yield server
    except ServerUnavailable as exc:
        _unavailable(str(exc))
