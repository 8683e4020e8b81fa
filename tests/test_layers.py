"""The architecture, enforced (architecture.md "Layers"; issue 11).

Imports point one way: api -> hooks -> (acquisition, cards, guidelines) -> fhir_mappings; auth and store
are used by api only; the shared modules at the top of cds_service (config, errors, logs, metrics,
protocol) use no room. The clinical layers import neither flask nor requests. No module imports
another's private name, fhir_mappings has no import cycle, and modules stay small.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = {"config", "errors", "logs", "redact", "metrics", "protocol"}
ENTRY = {"__init__", "app", "cli", "wsgi", "gunicorn_conf", "access_log", "worker", "worker_balance", "warmup", "bind_check", "patients"}  # composition roots: may use any room
# room -> rooms (or shared modules) of cds_service it may import
ALLOWED = {
    "api": {"hooks", "auth", "store", "acquisition", "cards", "guidelines", "smart"} | SHARED,
    "hooks": {"acquisition", "cards", "guidelines"} | SHARED,
    "acquisition": SHARED,
    "cards": {"guidelines"} | SHARED,
    "guidelines": set(),
    "auth": SHARED,
    "store": SHARED,
    "smart": {"hooks", "cards", "guidelines", "api"} | SHARED,
}
SHARED_MAY_USE = {"config": {"guidelines"}}  # Settings composes the guideline settings
# Modules over the size limit, each with its reason.
LONG_OK = {
    "fhir_mappings/pet_text_patterns.py": "data table: the report-text vocabulary (regular expressions)",
    "cds_service/worker.py": "one gunicorn worker class: its connection state machine reads best in one place",
}
MAX_LINES = 300


def modules(pkg: str) -> list[Path]:
    return sorted(p for p in (ROOT / pkg).rglob("*.py") if ".venv" not in p.parts)


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    pkg_parts = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = pkg_parts[: len(pkg_parts) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            out.append((base, [a.name for a in node.names]))
    return out


def room_of(path: Path) -> str:
    rel = path.relative_to(ROOT / "cds_service").parts
    return rel[0] if len(rel) > 1 else Path(rel[0]).stem


def target_room(module: str, names: list[str]) -> list[str]:
    parts = module.split(".")
    if parts[0] != "cds_service":
        return []
    if len(parts) > 1:
        return [parts[1]]
    return names  # from cds_service import x


def test_rooms_import_only_downwards():
    bad = []
    for path in modules("cds_service"):
        room = room_of(path)
        if room in ENTRY:
            continue
        allowed = ALLOWED.get(room, (SHARED | SHARED_MAY_USE.get(room, set())) if room in SHARED else None)
        assert allowed is not None, f"{path.relative_to(ROOT)} is in no known room: add it to ALLOWED"
        for module, names in imports(path):
            for target in target_room(module, names):
                if target != room and target not in allowed:
                    bad.append(f"{path.relative_to(ROOT)} imports {module} ({target})")
    assert bad == []


def test_no_import_of_a_private_name_across_modules():
    bad = []
    for pkg in ("cds_service", "fhir_mappings"):
        for path in modules(pkg):
            for module, names in imports(path):
                if module.split(".")[0] in ("cds_service", "fhir_mappings"):
                    bad += [f"{path.relative_to(ROOT)}: {module}.{n}" for n in names if n.startswith("_")
                            and not n.startswith("__")]
    assert bad == []


def test_fhir_mappings_has_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for path in modules("fhir_mappings"):
        name = path.stem
        deps = set()
        for module, names in imports(path):
            parts = module.split(".")
            if parts[0] == "fhir_mappings":
                deps |= {parts[1]} if len(parts) > 1 else set(names)
        graph[name] = deps - {name, "__init__"}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, "import cycle: " + " -> ".join(trail + [node])
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            visit(dep, trail + [node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])


def test_modules_stay_small():
    long = []
    for pkg in ("cds_service", "fhir_mappings"):
        for path in modules(pkg):
            rel = str(path.relative_to(ROOT))
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > MAX_LINES and rel not in LONG_OK:
                long.append(f"{rel}: {n} lines")
    assert long == []


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
                                                                            "fhir_mappings.validation"]),
])
def test_layer_does_not_import(pkg, forbidden, prefixes):
    """At run time too (a lazy import inside a function is seen here, not by the static checks)."""
    code = CHECK.format(pkg=pkg, forbidden=set(forbidden), prefixes=prefixes)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    leaked = [n for n in out.stdout.strip().split(",") if n and not (pkg == "cds_service.guidelines"
                                                                       and n == "cds_service")]
    assert leaked == [], leaked


def test_the_layer_rules_catch_a_violation(tmp_path):
    """The checker itself: a hooks module importing the store is reported."""
    bad = ROOT / "cds_service" / "hooks" / "_layer_probe.py"
    bad.write_text("from cds_service.store.records import Store\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError):
            test_rooms_import_only_downwards()
    finally:
        bad.unlink()
