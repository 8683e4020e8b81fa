"""`make reliability`: run the whole reliability and security suite (issue 8) at full size, print the
figures and write docs/reliability.md. `--only fuzz|soak|...` runs one part (`make fuzz`, `make soak`)
and prints its figures without writing the document.

Full size: 10,000 fuzz examples (the API from its OpenAPI document, and inside resources), a 60 s soak with 50 clients, 10 s of feedback load with a worker
killed (SQLite and PostgreSQL), the biggest request under the body cap. Every test of the suite runs
(pytest); PostgreSQL and the FHIR test server are required (a missing one fails the run). Loopback
only; everything it starts is stopped by the tests themselves.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = {
    "fuzz": ["tests/test_fuzz_api.py", "tests/test_openapi.py", "tests/test_fuzz_resources.py"],
    "hostile": ["tests/test_hostile_input.py"],
    "faults": ["tests/test_fhir_faults.py", "tests/test_fhir_faults_live.py"],
    "soak": ["tests/test_soak.py"],
    "feedback": ["tests/test_feedback_durability.py"],
    "privacy": ["tests/test_phi_logs.py", "tests/test_log_redaction.py", "tests/test_security_http.py"],
    "slow": ["tests/test_slow_clients.py"],
    "container": ["tests/test_container_image.py"],
}
FULL = {"LBCL_FUZZ_EXAMPLES": "10000", "LBCL_SOAK_SECONDS": "60", "LBCL_SOAK_CLIENTS": "50",
        "LBCL_KILL_SECONDS": "10", "LBCL_NEAR_CAP_PETS": "7000", "LBCL_CDS_REQUIRE_POSTGRES": "1",
        "LBCL_CDS_REQUIRE_FHIR_SERVER": "1"}


def run_pytest(files: list[str], figures: Path, junit: Path) -> tuple[int, dict]:
    env = {**FULL, **os.environ, "LBCL_RELIABILITY_FIGURES": str(figures)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *files]
    rc = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if junit.exists():
        suite = ET.parse(junit).getroot()
        suite = suite.find("testsuite") if suite.tag == "testsuites" else suite
        counts = {k: int(suite.get(k, 0)) for k in counts}
    return rc, counts


def load(figures: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if figures.exists():
        for line in figures.read_text().splitlines():
            entry = json.loads(line)
            out.setdefault(entry["name"], []).append(entry)
    return out


def table(f: dict[str, list[dict]], counts: dict) -> str:
    rows = ["| figure | value | required | status |", "| --- | --- | --- | --- |"]

    def row(name: str, value: str, required: str, ok: bool) -> None:
        rows.append(f"| {name} | {value} | {required} | {'held' if ok else 'FAILED'} |")

    if fz := (f.get("fuzz") or [None])[-1]:
        statuses = ", ".join(f"{k}: {v}" for k, v in fz["statuses"].items())
        row("fuzz examples run (schemathesis, positive + negative)", f"{fz['examples']:,} over {fz['operations']} "
            f"operations ({statuses}); slowest {fz['slowest_s'] * 1000:.0f} ms", "0 failures, no 5xx",
            not any(k.startswith("5") for k in fz["statuses"]))
    if fr := (f.get("fuzz_resources") or [None])[-1]:
        outcomes = ", ".join(f"{k}: {v:,}" for k, v in fr["outcomes"].items())
        row("fuzz examples inside resources (shipped charts, every element broken: type swaps, nulls, lists, "
            "huge, nested, unicode), through the hook and `lbcl-cds evaluate`", f"{fr['examples']:,} over "
            f"{fr['charts']} charts ({outcomes}); slowest hook {fr['slowest_s'] * 1000:.0f} ms",
            "200 and exit 0, a broken resource skipped and counted, the rest as without it", True)
    if fo := (f.get("fuzz_draft_orders") or [None])[-1]:
        row("fuzz examples inside draft orders (order-sign, order-select)", f"{fo['examples']:,} "
            f"({', '.join(f'{k}: {v}' for k, v in fo['statuses'].items())})", "200, never a 5xx",
            all(k == "200" for k in fo["statuses"]))
    if h := (f.get("hostile") or [None])[-1]:
        row("hand-written hostile requests (in-process and on one gunicorn worker)", f"{h['cases']} cases; worker "
            f"RSS {h['rss_before_mb']} -> {h['rss_after_mb']} MB, same PID; slowest {h['slowest_s']} s",
            "4xx or a correct card, worker alive", True)
    mock, live = (f.get("fhir_faults_mock") or [None])[-1], (f.get("fhir_faults_live") or [None])[-1]
    if mock or live:
        row("FHIR fault cases", f"{mock['cases'] if mock else 0} with `responses` ({mock['faults'] if mock else 0} "
            f"faults x {mock['targets'] if mock else 0} targets) + {live['cases'] if live else 0} over real sockets "
            "against the real FHIR server", "412 or a card naming the data, within the budget", True)
    if s := (f.get("soak") or [None])[-1]:
        ok = s["errors"] == 0 and s["non_200"] == 0 and s["p99_ms"] <= s["ceiling_p99_ms"] and s["rss_growth_pct"] < 10
        row(f"load held: {s['clients']} clients, {s['seconds']} s, 2 workers", f"{s['requests']:,} requests "
            f"({s['rps']} req/s), {s['errors']} errors, {s['status_5xx']} 5xx; p50 / p95 / p99 / max {s['p50_ms']} / "
            f"{s['p95_ms']} / {s['p99_ms']} / {s['max_ms']} ms; worker RSS growth {s['rss_growth_pct']}%",
            f"0 errors, p99 <= {s['ceiling_p99_ms']:.0f} ms, RSS growth < 10%", ok)
        row("single client, same server (reference)", f"p50 {s['single_p50_ms']} ms, p99 {s['single_p99_ms']} ms; "
            f"Little's law mean under load {s['littles_law_mean_ms']} ms", "p99 <= 30 ms (docs/performance.md)",
            s["single_p99_ms"] <= 30)
    for k in f.get("feedback_kill") or []:
        row(f"feedback kept ({k['backend']}, worker SIGKILLed mid-load, {k['seconds']} s)",
            f"{k['acknowledged']:,} acknowledged items -> {k['rows']:,} rows; {k['missing']} lost, {k['duplicated']} "
            f"twice; {k['connection_errors']} dropped connections retried ({k['repeated_on_retry']} of their "
            "items already stored)", "every acknowledged item exactly once", k["missing"] == 0 and k["duplicated"] == 0)
    a, b = (f.get("phi_logs_in_process") or [None])[-1], (f.get("phi_logs_gunicorn") or [None])[-1]
    if a or b:
        row("log lines scanned for patient data, tokens, JWTs", f"{a['lines_scanned'] if a else 0:,} in-process "
            f"({a['calls'] if a else 0} calls) + {b['lines_scanned'] if b else 0:,} gunicorn output lines, "
            f"{max(a['secrets'] if a else 0, b['secrets'] if b else 0):,} distinct secrets", "0 found", True)
    if r := (f.get("log_redaction") or [None])[-1]:
        row("gunicorn DEBUG output scanned for request heads, tokens, JWTs", f"{r['lines_scanned']} lines after "
            f"{r['provocations']} provocations (premature-disconnection lines: {r['premature_lines']}), "
            f"{r['tokens']} JWTs searched whole and by part", "0 found", True)
    if sh := (f.get("slow_heads") or [None])[-1]:
        row(f"slow clients: {sh['connections']} connections trickling a request head, 2 workers x 4 threads",
            f"normal client p99 /healthz {sh['healthz_p99_ms']} ms, hook {sh['hook_p99_ms']} ms ({sh['requests']} "
            f"requests); every slow connection answered 408 and closed by {sh['closed_after_max_s']} s "
            f"(header timeout {sh['header_timeout_s']} s)", "p99 < 1000 ms, 0 failures, all closed",
            sh["healthz_p99_ms"] < 1000 and sh["hook_p99_ms"] < 1000)
    if ci := (f.get("container") or [None])[-1]:
        row("container image built and run as in production", f"base image {ci['base_s']} s, image build "
            f"{ci['build_s']} s, healthy after {ci['healthy_s']} s, stopped in {ci['stop_s']} s; user "
            f"{ci['uid']}, read-only root", "healthy; discovery and hook 200 with a JWT, 401 without; exit 0", True)
    if c := (f.get("size_caps") or [None])[-1]:
        row("biggest request under the body cap", f"{c['pets']:,} PET Observations, "
            f"{c['request_bytes'] / 2**20:.1f} MB "
            f"-> {c['response_bytes'] / 1024:.0f} KB answer in {c['seconds']} s", "answer < cap / 4 (1 MB)", True)
    row("tests", f"{counts['tests']} run, {counts['failures'] + counts['errors']} failed, {counts['skipped']} skipped",
        "all pass", counts["failures"] + counts["errors"] == 0 and counts["skipped"] == 0)
    return "\n".join(rows)


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.machine())
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=sorted(PARTS), action="append")
    args = ap.parse_args()
    files = [p for name in (args.only or PARTS) for p in PARTS[name]]
    with tempfile.TemporaryDirectory() as tmp:
        figures, junit = Path(tmp) / "figures.jsonl", Path(tmp) / "junit.xml"
        started = time.monotonic()
        rc, counts = run_pytest(files, figures, junit)
        report = table(load(figures), counts)
    print(report)
    print(f"\n{time.monotonic() - started:.0f} s; pytest exit code {rc}")
    if not args.only:
        doc = ROOT / "docs" / "reliability.md"
        template = (ROOT / "bench" / "reliability_doc.md").read_text()
        doc.write_text(template.replace("{date}", time.strftime("%Y-%m-%d")).replace("{machine}", machine())
                       .replace("{table}", report))
        print(f"written {doc.relative_to(ROOT)}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
