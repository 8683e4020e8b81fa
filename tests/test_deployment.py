"""The deployment files agree with the code: the Dockerfile's CMD is the production command
(`cli.gunicorn_argv`, shown in the README) and runs as is outside a container (no Docker engine here);
the Kubernetes manifests and the compose file use the real probe paths, port and LBCL_CDS_* names."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import pytest
import requests
import yaml

from cds_service.cli import gunicorn_argv
from cds_service.config import Settings
from cds_service.guidelines.settings import GuidelineSettings

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
README = (ROOT / "README.md").read_text()
SETTINGS_ENV = {f"LBCL_CDS_{f.name.upper()}" for f in fields(Settings) if f.name != "guidelines"}
KNOWN_ENV = SETTINGS_ENV | {f"LBCL_CDS_{f.name.upper()}" for f in fields(GuidelineSettings)} | {
    "PROMETHEUS_MULTIPROC_DIR"}
README_TABLE = set(re.findall(r"^\| `(LBCL_CDS_[A-Z0-9_]+|PROMETHEUS_MULTIPROC_DIR)`", README, re.MULTILINE)) | set(
    re.findall(r"^\| `[A-Z0-9_]+` / `(LBCL_CDS_[A-Z0-9_]+)`", README, re.MULTILINE))


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (DOCKER / "Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def docker_env() -> dict[str, str]:
    env = {}
    for word, rest in dockerfile():
        if word == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(rest))
    return env


def docker_cmd() -> list[str]:
    return json.loads(next(rest for word, rest in dockerfile() if word == "CMD"))


def manifests() -> dict[str, dict]:
    docs = {}
    for path in sorted((DOCKER / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                docs[f"{doc['kind']}/{doc['metadata']['name'] if 'metadata' in doc else path.name}"] = doc
    return docs


def test_every_setting_is_documented_in_the_readme_table():
    assert SETTINGS_ENV <= README_TABLE, SETTINGS_ENV - README_TABLE


def test_the_container_runs_the_documented_production_command():
    assert docker_cmd() == gunicorn_argv()
    assert shlex.join(gunicorn_argv()) in README
    steps = dict(dockerfile())
    args = dict(rest.split("=", 1) for word, rest in dockerfile() if word == "ARG" and "=" in rest)
    assert steps["FROM"] == "${BASE_IMAGE}"  # a build argument (docker/build-local-base.sh makes one locally)
    assert re.fullmatch(r"python:3\.1[1-9]-slim", args["BASE_IMAGE"])
    user = steps["USER"].split(":")[0]
    assert user.isdigit() and int(user) != 0
    assert "/healthz" in steps["HEALTHCHECK"]
    env = docker_env()
    assert set(env) - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR",
                       "PIP_DISABLE_PIP_VERSION_CHECK", "PATH"} <= KNOWN_ENV & README_TABLE
    assert env["PATH"].startswith("/opt/lbcl-cds/bin:")  # the virtual environment the image installs into
    assert env["LBCL_CDS_AUTH"] == "jwt" and env["LBCL_CDS_PORT"] == steps["EXPOSE"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_containers_command_serves_outside_a_container(tmp_path):
    """CI smoke test: the Dockerfile's exact CMD with its environment (bind, port and paths moved to this
    machine's loopback and a temporary folder), until /healthz answers; then stopped by its PID."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LBCL_CDS_", "PROMETHEUS_"))}
    env.update({k: v for k, v in docker_env().items() if k != "PATH"})
    env.update({"LBCL_CDS_HOST": "127.0.0.1", "LBCL_CDS_PORT": str(port),
                "LBCL_CDS_SQLITE_PATH": str(tmp_path / "store.sqlite3"),
                "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"})
    out, err = (tmp_path / "stdout").open("wb"), (tmp_path / "stderr").open("wb")
    proc = subprocess.Popen(docker_cmd(), cwd=tmp_path, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "stderr").read_text()[-2000:]
            assert time.monotonic() < deadline, "no /healthz within 60 s"
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        ready = requests.get(f"{base}/readyz", timeout=5)
        assert ready.status_code == 200 and ready.json() == {"status": "ready", "database": "sqlite"}
        assert requests.get(f"{base}/cds-services", timeout=5).status_code == 401  # LBCL_CDS_AUTH=jwt
        metrics = requests.get(f"{base}/metrics", timeout=5).text
        assert re.search(r'lbcl_cds_requests_total\{endpoint="discovery",service="-",status="401"\} 1\.0', metrics)
        assert "lbcl_cds_request_duration_seconds_bucket" in metrics
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        out.close()
        err.close()
    assert proc.returncode == 0, (tmp_path / "stderr").read_text()[-3000:]
    for stream in ("stdout", "stderr"):
        lines = [ln for ln in (tmp_path / stream).read_text().splitlines() if ln.strip()]
        assert lines and all(isinstance(json.loads(ln), dict) for ln in lines), stream
    access = [json.loads(ln) for ln in (tmp_path / "stdout").read_text().splitlines() if ln.strip()]
    assert {"/healthz", "/readyz", "/cds-services", "/metrics"} <= {a["path"] for a in access}


def test_the_kubernetes_manifests_match_the_service():
    docs = manifests()
    kustomize = yaml.safe_load((DOCKER / "k8s" / "kustomization.yaml").read_text())
    assert sorted(kustomize["resources"]) == sorted(p.name for p in (DOCKER / "k8s").glob("*.yaml")
                                                    if p.name != "kustomization.yaml")
    dep = docs["Deployment/lbcl-cds"]
    pod = dep["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    config = docs["ConfigMap/lbcl-cds-config"]["data"]
    secret = docs["Secret/lbcl-cds-secrets"]["stringData"]
    assert ports == {"http": int(config["LBCL_CDS_PORT"])} and config["LBCL_CDS_HOST"] == "0.0.0.0"
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz")):
        assert container[probe]["httpGet"] == {"path": path, "port": "http"}
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert {"/tmp", "/var/lib/lbcl-cds"} <= {m["mountPath"] for m in container["volumeMounts"]}
    assert set(container["resources"]) == {"requests", "limits"}
    assert all({"cpu", "memory"} <= set(v) for v in container["resources"].values())
    refs = {next(iter(e.values()))["name"] for e in container["envFrom"]}
    assert refs == {"lbcl-cds-config", "lbcl-cds-secrets"}
    names = set(config) | set(secret) | {e["name"] for e in container.get("env", [])}
    assert names <= KNOWN_ENV & README_TABLE, names - (KNOWN_ENV & README_TABLE)
    assert "LBCL_CDS_DATABASE_URL" in secret and "LBCL_CDS_DATABASE_URL" not in config  # replicas share PostgreSQL
    trust = config["LBCL_CDS_TRUSTED_ISSUERS"]
    mount = next(m for m in container["volumeMounts"] if trust.startswith(m["mountPath"] + "/"))
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    assert trust.rsplit("/", 1)[1] in docs[f"ConfigMap/{volume['configMap']['name']}"]["data"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    svc = docs["Service/lbcl-cds"]["spec"]
    assert svc["selector"].items() <= labels.items() and svc["ports"][0]["targetPort"] == "http"
    hpa = docs["HorizontalPodAutoscaler/lbcl-cds"]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "lbcl-cds"}
    assert 1 <= hpa["minReplicas"] <= hpa["maxReplicas"]


def test_the_compose_stack_matches_the_service():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    assert {"lbcl-cds", "postgres", "fhir"} <= set(services)
    svc = services["lbcl-cds"]
    assert svc["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}
    assert set(svc["environment"]) <= KNOWN_ENV & README_TABLE
    assert svc["environment"]["LBCL_CDS_DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in svc["environment"]["LBCL_CDS_DATABASE_URL"]
    assert "/readyz" in " ".join(svc["healthcheck"]["test"])
    assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
    fhir = yaml.safe_load((DOCKER / "fhir-test-server" / "settings.yaml").read_text())
    assert fhir["simulator"]["enabled"] is False
    reqs = (DOCKER / "fhir-test-server" / "requirements.txt").read_text().splitlines()
    pins = [r for r in reqs if r and not r.startswith("#")]
    assert "sekmet-fhir==0.1.1" in pins and all("==" in r for r in pins)


@pytest.mark.parametrize("name", ["Dockerfile", "fhir-test-server/Dockerfile"])
def test_images_run_as_a_non_root_user(name):
    text = (DOCKER / name).read_text()
    user = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert user and user[-1].split(":")[0] not in ("0", "root")
