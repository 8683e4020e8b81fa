"""The container image, really built and run (issue 14): docker/Dockerfile on a base image built here from
Debian packages (docker/build-local-base.sh; no image registry is reachable), run as in production -
its own non-root user, read-only root filesystem with tmpfs for /tmp and the SQLite folder, all
capabilities dropped, `LBCL_CDS_AUTH=jwt` with a test issuer whose key set is mounted read-only - until
its HEALTHCHECK says healthy; then discovery and the patient-view hook with signed JWTs, and a clean stop.

Loopback only: the container shares the host's network (`--network host`) and binds 127.0.0.1 on a free
port. Skipped (with the reason) where no Docker engine can start; under CI (CI=true) that is a failure.
Set LBCL_CDS_TEST_BASE_IMAGE to use another base (e.g. python:3.11-slim where a registry is reachable)."""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

import jwt_helpers as jh
from container_engine import ROOT, Engine, NoEngine, host_pip_conf, proxy_build_args
from live_server import free_port
from reliability_helpers import figures  # noqa: F401 (fixture)

IMAGE = "lbcl-cds:test"
TIMES: dict[str, float] = {}
UID = "10001"
EXAMPLE = ROOT / "examples" / "patient-view-request.json"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs a Docker engine for the container test: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def engine():
    try:
        eng = Engine.start()
    except NoEngine as exc:
        _unavailable(str(exc))
    yield eng
    eng.stop()


@pytest.fixture(scope="module")
def image(engine):
    started = time.monotonic()
    base = os.environ.get("LBCL_CDS_TEST_BASE_IMAGE")
    if not base:
        try:
            base = engine.local_base()
        except NoEngine as exc:
            _unavailable(str(exc))
    args = ["build", "--network", "host", "-f", "docker/Dockerfile", "-t", IMAGE, "--build-arg", f"BASE_IMAGE={base}",
            *proxy_build_args()]
    pip_conf = host_pip_conf()
    if pip_conf:
        args += ["--build-arg", f"PIP_CONF={pip_conf}"]
    based = time.monotonic()
    engine.docker(*args, str(ROOT), timeout=900)
    TIMES.update(base_s=round(based - started, 1), build_s=round(time.monotonic() - based, 1))
    return IMAGE


def _trust_dir(keys: jh.Keys) -> Path:
    """The trusted-issuers file and key set, readable by the container's user (mounted read-only)."""
    folder = Path(tempfile.mkdtemp(prefix="lbcl-trust-"))
    jh.write_trust(folder, keys)
    folder.chmod(0o755)
    for f in folder.iterdir():
        f.chmod(0o644)
    return folder


def _wait_healthy(engine: Engine, name: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        state = json.loads(engine.docker("inspect", "-f", "{{json .State}}", name).stdout)
        assert state["Running"], f"container exited {state.get('ExitCode')}: " + engine.docker(
            "logs", name, check=False).stderr[-3000:]
        status = state.get("Health", {}).get("Status", "")
        if status == "healthy":
            return
        time.sleep(0.5)
    raise AssertionError(f"not healthy within {timeout} s ({status}): " + engine.docker(
        "logs", name, check=False).stderr[-3000:])


def test_the_image_runs_as_in_production(engine, image, figures):  # noqa: F811
    keys = jh.Keys()
    trust = _trust_dir(keys)
    port = free_port()
    name = f"lbcl-cds-test-{uuid.uuid4().hex[:8]}"
    base = f"http://127.0.0.1:{port}"
    config = json.loads(engine.docker("image", "inspect", image).stdout)[0]["Config"]
    assert config["User"].split(":")[0] == UID and config["Healthcheck"]["Test"][0] == "CMD"
    engine.docker(
        "run", "-d", "--name", name, "--network", "host", "--read-only",
        "--tmpfs", "/tmp:rw,noexec,nosuid,size=64m",
        "--tmpfs", f"/var/lib/lbcl-cds:rw,noexec,nosuid,size=64m,uid={UID},gid={UID},mode=0700",
        "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--memory", "1g",
        "--health-interval", "1s", "--health-start-period", "30s",  # the image's own check, polled faster
        "-v", f"{trust}:/etc/lbcl-cds:ro",
        "-e", "LBCL_CDS_HOST=127.0.0.1", "-e", f"LBCL_CDS_PORT={port}",
        "-e", f"LBCL_CDS_PUBLIC_BASE_URL={jh.BASE}",
        "-e", "LBCL_CDS_TRUSTED_ISSUERS=/etc/lbcl-cds/trusted-issuers.json",
        "-e", "LBCL_CDS_PATIENT_HASH_KEY=container-test-key",
        image)
    tokens: list[str] = []
    started = time.monotonic()
    try:
        _wait_healthy(engine, name)
        healthy_s = round(time.monotonic() - started, 1)
        assert engine.docker("exec", name, "id", "-u").stdout.strip() == UID
        assert engine.docker("exec", name, "touch", "/opt/lbcl-cds/x", check=False).returncode != 0  # read-only
        assert requests.get(f"{base}/readyz", timeout=5).json() == {"status": "ready", "database": "sqlite"}
        assert requests.get(f"{base}/cds-services", timeout=5).status_code == 401  # no JWT
        token = jh.ehr_token(keys, jh.BASE + "/cds-services")
        tokens.append(token)
        disc = requests.get(f"{base}/cds-services", headers=jh.bearer(token), timeout=5)
        assert disc.status_code == 200
        assert "lbcl-response" in {s["id"] for s in disc.json()["services"]}
        token = jh.ehr_token(keys, jh.BASE + "/cds-services/lbcl-response")
        tokens.append(token)
        hook = requests.post(f"{base}/cds-services/lbcl-response", data=EXAMPLE.read_bytes(), timeout=30,
                             headers={**jh.bearer(token), "Content-Type": "application/json"})
        assert hook.status_code == 200, hook.text[:500]
        cards = hook.json()["cards"]
        assert cards and any("partial metabolic response" in c["summary"] for c in cards), [c["summary"] for c in cards]
        replay = requests.post(f"{base}/cds-services/lbcl-response", data=EXAMPLE.read_bytes(), timeout=30,
                               headers={**jh.bearer(token), "Content-Type": "application/json"})
        assert replay.status_code == 401  # the jti was used: the replay cache works on the tmpfs store
    finally:
        stopping = time.monotonic()
        stop = engine.docker("stop", "-t", "20", name, check=False)
        stop_s = round(time.monotonic() - stopping, 1)
        state = json.loads(engine.docker("inspect", "-f", "{{json .State}}", name, check=False).stdout or "{}")
        logs = engine.docker("logs", name, check=False)
        engine.docker("rm", "-f", name, check=False)
        for f in trust.iterdir():
            f.unlink()
        trust.rmdir()
    assert stop.returncode == 0 and state.get("ExitCode") == 0, logs.stderr[-3000:]
    lines = [ln for ln in (logs.stdout + logs.stderr).splitlines() if ln.strip()]
    assert lines and all(isinstance(json.loads(ln), dict) for ln in lines)
    assert any('"hook served"' in ln for ln in lines)
    assert not [t for t in tokens for part in (t, *t.split(".")[1:]) if part in logs.stdout + logs.stderr]
    figures.record("container", **TIMES, healthy_s=healthy_s, stop_s=stop_s, uid=UID)
