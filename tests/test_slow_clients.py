"""Slow clients cannot take the service down (issue 14; cds_service/worker.py, docs/security.md).

On the production server (gunicorn with the project's worker, 2 workers x 4 threads, 127.0.0.1 only):
200 connections that send a partial request head and then a byte every 2 s must not slow a normal
client (p99 under 1 s on /healthz and on the patient-view hook), and each of them is answered 408 and
closed once LBCL_CDS_HEADER_TIMEOUT_S has passed; a body that trickles is cut at LBCL_CDS_BODY_TIMEOUT_S
with a 408; a request answered before its body was read closes its connection; a worker holds at most
LBCL_CDS_MAX_CONNECTIONS connections; a head over 64 KiB is refused with 431. Every loop is bounded in
count and time."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from live_server import LiveServer
from reliability_helpers import figures  # noqa: F401 (fixture)
from slow_clients import HOOK, HOOK_BODY, SlowHeads, measure, p99

HEADER_TIMEOUT = 4.0


def _sockets(pid: int) -> int:
    return sum(1 for fd in Path(f"/proc/{pid}/fd").iterdir() if _link(fd).startswith("socket:"))


def _link(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return ""


def _read_all(s: socket.socket, timeout: float) -> tuple[bytes, bool]:
    """Everything the server sends until it closes (True) or `timeout` passes (False)."""
    s.settimeout(0.2)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def test_200_slow_heads_leave_healthz_and_the_hook_fast(figures):  # noqa: F811
    env = {"LBCL_CDS_HEADER_TIMEOUT_S": str(HEADER_TIMEOUT)}
    with LiveServer(workers=2, threads=4, env=env) as srv:
        pids = srv.workers()
        measure(srv.port, 0.5)  # warm-up: both workers have served the hook once
        slow = SlowHeads(srv.port, 200, every=2.0).start()
        time.sleep(0.3)
        healthz, hook, failures = measure(srv.port, HEADER_TIMEOUT - 0.5)
        slow.stop(settle=HEADER_TIMEOUT + 3.0)
        assert srv.workers() == pids
        logs = srv.logs()
    assert failures == 0
    assert len(healthz) >= 10 and len(hook) >= 10
    assert p99(healthz) < 1.0 and p99(hook) < 1.0, (p99(healthz), p99(hook))
    # Every slow connection was answered 408 and closed by the server, none before the header timeout.
    assert len(slow.closed_after) == 200
    assert all(a.startswith(b"HTTP/1.1 408 ") for a in slow.answers.values()) and len(slow.answers) == 200
    assert HEADER_TIMEOUT - 0.5 <= min(slow.closed_after.values())
    assert max(slow.closed_after.values()) <= HEADER_TIMEOUT + 3.0
    assert '"level": "ERROR"' not in logs
    figures.record("slow_heads", connections=200, healthz_p99_ms=round(p99(healthz) * 1000, 1),
                   hook_p99_ms=round(p99(hook) * 1000, 1), requests=len(healthz) + len(hook),
                   closed_after_max_s=round(max(slow.closed_after.values()), 2), header_timeout_s=HEADER_TIMEOUT)


def test_a_trickled_body_is_cut_at_the_body_timeout_with_408():
    env = {"LBCL_CDS_BODY_TIMEOUT_S": "2", "LBCL_CDS_HEADER_TIMEOUT_S": "5"}
    with LiveServer(workers=1, threads=4, env=env) as srv:
        socks = []
        for _ in range(6):  # more than the 4 threads
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(f"POST {HOOK} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      f"Content-Length: {len(HOOK_BODY)}\r\n\r\n".encode() + HOOK_BODY[:50])
            socks.append(s)
        started = time.monotonic()
        for s in socks:  # a byte every 0.5 s: never idle long enough for a per-read timeout
            for _ in range(3):
                time.sleep(0.5 / len(socks))
                try:
                    s.send(b" ")
                except OSError:
                    break
        answers = [_read_all(s, 8.0) for s in socks]
        elapsed = time.monotonic() - started
        for s in socks:
            s.close()
        assert srv.request("GET", "/healthz")[0] == 200
        logs = srv.logs()
    for data, closed in answers:
        assert data.startswith(b"HTTP/1.1 408 "), data[:80]
        assert b"Connection: close" in data and b'"CDS-408"' in data and closed
    assert elapsed < 2 * 2 + 3.0  # two rounds of 4 threads at most, each cut at 2 s
    assert '"level": "ERROR"' not in logs


def test_an_answer_before_the_body_was_read_closes_the_connection():
    """A 404 for an unknown service is sent before the body is read: the connection must close, so the
    rest of the body can never be read as the next request."""
    with LiveServer(workers=1) as srv:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            s.sendall(b"POST /cds-services/nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100000\r\n\r\n{\"hook\"")
            data, closed = _read_all(s, 5.0)
        assert data.startswith(b"HTTP/1.1 404 ") and b"Connection: close" in data and closed
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:  # keep-alive still works
            for _ in range(3):
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                data, closed = _read_all(s, 0.5)
                assert data.startswith(b"HTTP/1.1 200 OK") and b"keep-alive" in data and not closed


def test_a_worker_holds_at_most_max_connections():
    env = {"LBCL_CDS_MAX_CONNECTIONS": "20", "LBCL_CDS_HEADER_TIMEOUT_S": "3"}
    with LiveServer(workers=1, threads=4, env=env) as srv:
        (pid,) = srv.workers()
        baseline = _sockets(pid)
        idle = [socket.create_connection(("127.0.0.1", srv.port), timeout=5) for _ in range(60)]
        time.sleep(1.0)
        held = _sockets(pid) - baseline
        started = time.monotonic()
        status = srv.request("GET", "/healthz", timeout=10)[0]  # waits in the backlog until heads time out
        waited = time.monotonic() - started
        for s in idle:
            s.close()
    assert 15 <= held <= 20, held
    assert status == 200 and waited < 3 * 3 + 2  # 60 idle connections leave in rounds of 20 at 3 s


def test_a_head_over_64_kib_is_refused_with_431():
    with LiveServer(workers=1) as srv:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 70000)
            data, closed = _read_all(s, 5.0)
        assert data.startswith(b"HTTP/1.1 431 ") and closed
        assert srv.request("GET", "/healthz")[0] == 200


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    certfile, keyfile = folder / "cert.pem", folder / "key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return certfile, keyfile


def test_tls_in_gunicorn_still_serves(tmp_path):
    """TLS terminated by gunicorn itself (not the deployment's way): the worker falls back to gthread's
    behaviour rather than reading encrypted bytes as a request head."""
    import requests

    certfile, keyfile = _self_signed(tmp_path)
    env = {"GUNICORN_CMD_ARGS": f"--certfile={certfile} --keyfile={keyfile}"}
    with LiveServer(env=env, ca=certfile) as srv:  # started once /healthz answered over https
        with requests.Session() as s:  # keep-alive over TLS
            assert [s.get(f"{srv.base}/healthz", timeout=5, verify=str(certfile)).status_code
                    for _ in range(3)] == [200] * 3
        assert "slow-client limits" in srv.logs()


@pytest.mark.parametrize("name", ["LBCL_CDS_MAX_CONNECTIONS", "LBCL_CDS_HEADER_TIMEOUT_S", "LBCL_CDS_BODY_TIMEOUT_S"])
def test_the_limits_are_validated(name):
    from cds_service.config import Settings
    from cds_service.errors import ConfigError

    with pytest.raises(ConfigError):
        Settings.from_env({name: "0"})
