import importlib.util
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

sys.path.insert(0, str(Path(__file__).parent))

from cds_service.app import create_app  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _store_in_tmp(tmp_path_factory):
    """Every app built by a test keeps its SQLite store in a temporary folder, never in the work tree."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LBCL_CDS_SQLITE_PATH", str(tmp_path_factory.mktemp("store") / "lbcl-cds.sqlite3"))
    for name in ("LBCL_CDS_DATABASE_URL", "LBCL_CDS_TRUSTED_ISSUERS", "LBCL_CDS_TRUST_SANDBOX",
                 "LBCL_CDS_PUBLIC_BASE_URL", "LBCL_CDS_CORS_ORIGINS", "LBCL_CDS_ALLOW_INSECURE_FHIR"):
        mp.delenv(name, raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="session", autouse=True)
def _no_network():
    """Tests never reach a real server beyond this machine: HTTP through `requests` to any host other
    than loopback fails at once (tests fake servers with `responses`, which takes precedence)."""
    real_send = requests.adapters.HTTPAdapter.send

    def guarded(self, request, *args, **kwargs):
        if urlsplit(request.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise requests.exceptions.ConnectionError(f"network disabled in tests: {urlsplit(request.url).hostname}")
        return real_send(self, request, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(requests.adapters.HTTPAdapter, "send", guarded)
    yield
    mp.undo()


@pytest.fixture(scope="module")
def text_eval():
    """tools/text_eval.py (the report corpus scorer), loaded as a module for the corpus tests."""
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("text_eval", root / "tools" / "text_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def app():
    return create_app({"auth": "off", "host": "127.0.0.1", "database_url": "", "allow_insecure_fhir": False})


@pytest.fixture()
def client(app):
    return app.test_client()
