import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from cds_service.app import create_app  # noqa: E402


@pytest.fixture(scope="session")
def app():
    return create_app({"auth": "off", "host": "127.0.0.1", "database_url": "", "allow_insecure_fhir": False})


@pytest.fixture()
def client(app):
    return app.test_client()
