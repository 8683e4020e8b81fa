"""Shared pieces of the reliability and security suite (issue 8): the app under test, the checks every
response must pass (no 5xx, no stack trace, no internal path, security headers, a clear error body),
and the `figures` fixture through which each test reports what it ran.

Figures: with `LBCL_RELIABILITY_FIGURES=<file>` set (bench/reliability.py sets it), every figure a test
records is appended to that file as one JSON line; otherwise figures are only kept in memory. Sizes of
the long runs come from the environment: `LBCL_FUZZ_EXAMPLES`, `LBCL_SOAK_SECONDS`, `LBCL_SOAK_CLIENTS`
(`make fuzz`, `make soak`, `make reliability`); the defaults are the short CI versions.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from cds_service.app import create_app

FIGURES_ENV = "LBCL_RELIABILITY_FIGURES"
ROOT = Path(__file__).resolve().parent.parent
# What a stack trace or an internal path looks like in a body or a header.
LEAKS = re.compile(r"Traceback \(most recent|File \"|\.py\b|/work/|/usr/|site-packages|/home/|/tmp/|"
                   r"\bline \d+, in\b|psycopg|sqlite3\.|werkzeug|gunicorn/")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


def make_app(tmp_path: Path, **overrides: object):
    config = {"auth": "off", "host": "127.0.0.1", "database_url": "", "allow_insecure_fhir": False,
              "sqlite_path": str(tmp_path / "store.sqlite3")}
    config.update(overrides)
    return create_app(config)


def check_response(status: int, headers, body: bytes, *, where: str = "") -> None:
    """What every answer of ours must be: not 5xx (503 only from a down database, never here), no stack
    trace or internal path, the security headers, and for an error a JSON {code, message} body."""
    assert status < 500, f"{where}: HTTP {status}: {body[:300]!r}"
    text = body.decode("utf-8", "replace")
    assert not LEAKS.search(text), f"{where}: internal detail in the body: {LEAKS.search(text).group(0)!r}"
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, f"{where}: header {name} is {headers.get(name)!r}"
    assert "gunicorn" not in (headers.get("Server") or "").lower(), f"{where}: Server header {headers.get('Server')}"
    if status >= 400:
        data = json.loads(body)
        assert re.fullmatch(r"CDS-\d{3}", data["code"]) and data["code"] == f"CDS-{status}", data
        assert isinstance(data["message"], str) and data["message"].strip(), data


def check_flask(resp, where: str = "") -> None:
    check_response(resp.status_code, resp.headers, resp.get_data(), where=where)


class Figures:
    def __init__(self, path: str | None):
        self.path = path
        self.items: list[dict] = []

    def record(self, name: str, **values: object) -> None:
        entry = {"name": name, "at": time.strftime("%Y-%m-%dT%H:%M:%S"), **values}
        self.items.append(entry)
        if self.path:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry) + "\n")


@pytest.fixture(scope="session")
def figures() -> Figures:
    return Figures(os.environ.get(FIGURES_ENV))
