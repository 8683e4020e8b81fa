"""architecture.md: fhir_mappings and the guideline modules import neither flask nor requests."""

import subprocess
import sys

import pytest

CHECK = """
import sys, importlib, pkgutil
pkg = importlib.import_module({pkg!r})
for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
    importlib.import_module(m.name)
bad = sorted(n for n in sys.modules if n.split(".")[0] in {forbidden!r} or n.startswith(tuple({prefixes!r})))
print(",".join(bad))
"""


@pytest.mark.parametrize(("pkg", "forbidden", "prefixes"), [
    ("fhir_mappings", ["flask", "requests", "httpx", "werkzeug"], ["cds_service"]),
    ("cds_service.guidelines", ["flask", "requests", "httpx", "werkzeug"], ["fhir.resources", "fhir_mappings.build",
                                                                            "fhir_mappings.fhir_json"]),
])
def test_layer_does_not_import(pkg, forbidden, prefixes):
    code = CHECK.format(pkg=pkg, forbidden=set(forbidden), prefixes=prefixes)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    leaked = [n for n in out.stdout.strip().split(",") if n and not (pkg == "cds_service.guidelines"
                                                                       and n == "cds_service")]
    assert leaked == [], leaked
