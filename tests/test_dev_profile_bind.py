"""The development profile (LBCL_CDS_AUTH=off) serves loopback only, whatever sets the address (issue 14):
LBCL_CDS_HOST is checked by Settings, and gunicorn's `--bind` and `GUNICORN_CMD_ARGS="--bind=..."` by the
gunicorn hooks (cds_service/bind_check.py) before any socket is opened. The refusing runs bind nothing:
the server exits first, and nothing listens on the port afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cds_service.bind_check import check_dev_profile, is_loopback
from cds_service.cli import gunicorn_argv
from cds_service.errors import ConfigError
from live_server import LiveServer, free_port

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("address,loopback", [
    (("127.0.0.1", 8080), True), (("127.0.0.2", 8080), True), (("::1", 8080, 0, 0), True),
    (("localhost", 8080), True), ("/run/lbcl.sock", True),
    (("0.0.0.0", 8080), False), (("::", 8080, 0, 0), False), (("192.0.2.10", 8080), False),
    (("", 8080), False), (("no-such-host.invalid", 8080), False),
])
def test_is_loopback(address, loopback):
    assert is_loopback(address) is loopback


def test_check_dev_profile_refuses_any_public_address_with_auth_off():
    check_dev_profile("off", [("127.0.0.1", 1), "/tmp/s"])
    check_dev_profile("jwt", [("0.0.0.0", 1)])
    with pytest.raises(ConfigError, match="0.0.0.0:1"):
        check_dev_profile("off", [("127.0.0.1", 1), ("0.0.0.0", 1)])


def _refused(extra_argv: list[str], extra_env: dict[str, str], tmp_path) -> tuple[int, str, int]:
    port = free_port()
    env = {**os.environ, "LBCL_CDS_AUTH": "off", "LBCL_CDS_HOST": "127.0.0.1", "LBCL_CDS_PORT": str(free_port()),
           "LBCL_CDS_SQLITE_PATH": str(tmp_path / "s.sqlite3"), "LBCL_CDS_WORKERS": "1",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update({k: v.format(port=port) for k, v in extra_env.items()})
    argv = gunicorn_argv() + [a.format(port=port) for a in extra_argv]
    argv[0] = str(BIN / argv[0])
    proc = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stderr, port


@pytest.mark.parametrize("argv,env", [
    ([], {"GUNICORN_CMD_ARGS": "--bind=0.0.0.0:{port}"}),
    (["--bind", "0.0.0.0:{port}"], {}),
    (["--bind", "127.0.0.1:{port}", "--bind", "[::]:{port}"], {}),
], ids=["GUNICORN_CMD_ARGS", "--bind", "a second --bind"])
def test_auth_off_refuses_a_public_bind_however_it_is_set(argv, env, tmp_path):
    code, stderr, port = _refused(argv, env, tmp_path)
    assert code != 0
    assert "development profile" in stderr and "refusing to bind" in stderr
    assert "Booting worker" not in stderr and "Listening at" not in stderr  # refused before binding
    with socket.socket() as s:
        s.settimeout(1)
        assert s.connect_ex(("127.0.0.1", port)) != 0  # nothing serves there


def test_auth_off_still_serves_on_a_loopback_bind_from_gunicorn_cmd_args():
    port = free_port()
    with LiveServer(env={"GUNICORN_CMD_ARGS": f"--bind=127.0.0.1:{port}"}, port=port) as srv:
        assert srv.request("GET", "/healthz")[0] == 200  # on the port GUNICORN_CMD_ARGS named
