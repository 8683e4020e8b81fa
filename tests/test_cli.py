"""`lbcl-cds evaluate` prints the same Assessment as the hook; bad files exit 2 with one line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fhir_builders as fb
from cds_service import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cds_service.cli", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_evaluate_prints_the_assessment(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(fb.bundle(fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced")]))))
    out = run("evaluate", str(path), "--as-of", "2025-03-06")
    assert out.returncode == 0, out.stderr
    a = json.loads(out.stdout)
    assert a["as_of"] == "2025-03-06"
    assert a["latest_response"]["category"] == "PMR"
    assert a["latest_response"]["timepoint"] == "interim"


@pytest.mark.parametrize("kind", ["transaction", "searchset", "collection"])
def test_evaluate_accepts_bundle_types(tmp_path, kind):
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=2)])
    b = fb.bundle(resources, kind)
    if kind == "transaction":
        for e in b["entry"]:
            e["request"] = {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}
    path = tmp_path / "b.json"
    path.write_text(json.dumps(b))
    out = run("evaluate", str(path), "--as-of", "2025-03-06")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["latest_response"]["category"] == "CMR"


def test_hook_and_cli_give_the_same_assessment(client, tmp_path):
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="unchanged", new=False)])
    path = tmp_path / "b.json"
    path.write_text(json.dumps(fb.bundle(resources)))
    from cds_service.hooks.evaluation import today_utc

    cli_a = json.loads(run("evaluate", str(path), "--as-of", today_utc().isoformat()).stdout)
    body = {"hook": "patient-view", "hookInstance": "x1", "context": {"patientId": "p1"},
            "prefetch": {"patient": resources[0], "observations": fb.bundle(resources[1:], "searchset")}}
    hook_a = client.post("/cds-services/lbcl-response", json=body).get_json()["cards"][0]["extension"][
        "lbcl-cds.assessment"]
    for key in ("latest_response", "pathway", "labels", "scores", "recommendations", "missing", "evidence"):
        assert cli_a[key] == hook_a[key], key


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not valid JSON"),
    ('{"resourceType": "Patient", "id": "x"}', "not a FHIR Bundle"),
    ("[]", "not a FHIR Bundle"),
])
def test_bad_files_exit_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_text(content)
    out = run("evaluate", str(path))
    assert out.returncode == 2
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_missing_file_exits_2():
    out = run("evaluate", "/nonexistent/file.json")
    assert out.returncode == 2 and "cannot read" in out.stderr


def test_bad_as_of_exits_2(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(fb.bundle([fb.patient()])))
    out = run("evaluate", str(path), "--as-of", "2024-02-30")
    assert out.returncode == 2


def test_serve_refuses_auth_off_on_public_address(monkeypatch, capsys):
    monkeypatch.setenv("LBCL_CDS_AUTH", "off")
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8099"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_gunicorn_command_uses_the_wsgi_app():
    argv = cli.gunicorn_argv()
    assert argv[0] == "gunicorn" and argv[-1] == "cds_service.wsgi:app"
    assert argv[argv.index("--config") + 1] == "python:cds_service.gunicorn_conf"


def test_gunicorn_config_reads_the_environment(monkeypatch):
    import importlib

    from cds_service import gunicorn_conf

    for name, value in (("HOST", "127.0.0.2"), ("PORT", "9123"), ("WORKERS", "3"), ("THREADS", "5"),
                        ("WORKER_TIMEOUT", "45")):
        monkeypatch.setenv(f"LBCL_CDS_{name}", value)
    conf = importlib.reload(gunicorn_conf)
    assert (conf.bind, conf.workers, conf.threads, conf.timeout) == ("127.0.0.2:9123", 3, 5, 45)
    assert '"path":"%(U)s"' in conf.access_log_format and "%(q)s" not in conf.access_log_format
