"""The end-to-end stack for the SMART app, all on 127.0.0.1: the real FHIR test server (SEKMET, SMART
tokens enforced) holding a few synthetic patients, the stand-in EHR (tests/smart_ehr.py: Authlib
authorization server + FHIR pass-through), the lbcl-cds service with the app on, and headless Debian
Chromium driven by Playwright (never a downloaded browser). Without Chromium or Playwright the tests
are skipped with the reason, except under CI (CI=true), where they fail."""

from __future__ import annotations

import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server

from cds_service.app import create_app
from cds_service.patients import load_patients, post_transaction
from live_server import free_port
from sekmet_fixture import TOKEN, ServerUnavailable, running_sekmet
from smart_ehr import CLIENT_ID, StandInEhr, sekmet_signing_key

CHROMIUM = os.environ.get("LBCL_CDS_TEST_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = Path(os.environ.get("LBCL_CDS_TEST_ARTEFACTS", ROOT / "tmp" / "artefacts" / "smart"))
PATIENTS = ["lbcl-v01", "lbcl-x03", "lbcl-v14"]
EMPTY = "lbcl-e2e-empty"  # a patient with no lymphoma data


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the SMART end-to-end test needs {reason} under CI")
    pytest.skip(f"SMART end-to-end test skipped: {reason}")


class Recorder:
    """WSGI middleware on the lbcl-cds app: what reached it (to prove no token ever did)."""

    def __init__(self, app):
        self.app, self.seen = app, []

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        self.seen.append({"path": environ.get("PATH_INFO"), "query": environ.get("QUERY_STRING", ""),
                          "authorization": environ.get("HTTP_AUTHORIZATION"), "body": body})
        return self.app(environ, start_response)


@dataclass
class Stack:
    ehr: StandInEhr
    app_root: str
    recorder: Recorder
    browser: object


def _serve(wsgi_app, port: int):
    server = make_server("127.0.0.1", port, wsgi_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    if not Path(CHROMIUM).is_file():
        unavailable(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python (pip install playwright; never `playwright install`)")
    if not shutil.which("sekmet", path=str(ROOT / ".venv-fhir" / "bin")) and not os.environ.get("LBCL_CDS_TEST_SEKMET"):
        if os.environ.get("LBCL_CDS_REQUIRE_FHIR_SERVER") == "1":
            pytest.fail("the FHIR test server is required but .venv-fhir is missing (make fhir-server)")
        unavailable("the FHIR test server (make fhir-server)")
    ehr_port, app_port = free_port(), free_port()
    app_root = f"http://127.0.0.1:{app_port}"
    auth = {"types": ["bearer", "smart"], "tokens": [TOKEN], "enforce_scopes": True}
    mp = pytest.MonkeyPatch()
    mp.setenv("LBCL_CDS_SMART_CLIENT_ID", CLIENT_ID)
    try:
        with running_sekmet(public_base=f"http://127.0.0.1:{ehr_port}/fhir", server_auth=auth) as fhir:
            load_patients(fhir.base, TOKEN, PATIENTS)
            post_transaction(requests.Session(), fhir.base, {
                "resourceType": "Bundle", "type": "transaction", "entry": [{
                    "resource": {"resourceType": "Patient", "id": EMPTY, "gender": "female", "birthDate": "1980-01-01"},
                    "request": {"method": "PUT", "url": f"Patient/{EMPTY}"}}]}, TOKEN)
            app = create_app({"auth": "off", "host": "127.0.0.1", "allow_insecure_fhir": True,
                              "sqlite_path": str(tmp_path_factory.mktemp("smart") / "s.sqlite3")})
            recorder = Recorder(app.wsgi_app)
            app.wsgi_app = recorder
            app_server = _serve(app, app_port)
            ehr = StandInEhr(fhir.base, ehr_port, f"{app_root}/smart/launch", f"{app_root}/smart/app",
                             sekmet_signing_key(fhir.data_dir), PATIENTS + [EMPTY])
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM)
                try:
                    yield Stack(ehr, app_root, recorder, browser)
                finally:
                    browser.close()
                    ehr.close()
                    app_server.shutdown()
    except ServerUnavailable as exc:
        unavailable(str(exc))
    finally:
        mp.undo()
