"""The tables `make bench` prints and docs/performance.md (from bench/payloads/results.json's figures)."""

from __future__ import annotations

import os

TARGETS = {"cold_p50": 6.0, "cold_ratio": 8.0, "cold_p99": 20.0, "warm_p50": 3.0, "warm_ratio": 4.0,
           "growth_2000": 60.0, "first_ratio": 2.0, "two_workers": 1.5, "max_share": 2 / 3, "scaling": 0.7,
           "rss_mb": 150.0, "rss_growth_pct": 5.0}


def _ok(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _lat(r: dict) -> str:
    return f"{r['p50']} / {r['p95']} / {r['p99']}"


def _conc(rows: dict, kind: str, workers: int, clients: int, pool: str) -> dict | None:
    return next((c for c in rows["concurrency"] if (c["kind"], c["workers"], c["clients"], c["pool"]) ==
                 (kind, workers, clients, pool)), None)


def headline(r: dict) -> list[str]:
    f, c, w = r["floor"], r["cold"], r["warm"]
    cold_ratio, warm_ratio = c["p50"] / f["p50"], w["p50"] / f["p50"]
    g = r["growth"]
    first = r["first"]["p50"]
    rss = r["rss"]
    growth = (rss["end"] - rss["early"]) / rss["early"] * 100 if rss["early"] else 0.0
    st = r["startups"]
    rows = [
        "| measure | value | target | status |", "| --- | --- | --- | --- |",
        f"| **cold** patient-view, 111 resources, a new patient every request: p50 / p95 / p99 (ms) | {_lat(c)} | "
        f"p50 <= 6 and <= 8x floor, p99 <= 20 | {_ok(c['p50'] <= TARGETS['cold_p50'] and cold_ratio <= 8 and c['p99'] <= 20)} |",
        f"| cold p50 / floor p50 | {cold_ratio:.1f}x | <= 8x | {_ok(cold_ratio <= TARGETS['cold_ratio'])} |",
        *([f"| cold p50 of each service process (one memory layout each; pooled above) (ms) | "
           f"{' / '.join(str(x) for x in r['cold_servers'])} | - | - |"] if r.get("cold_servers") else []),
        f"| warm (the same chart again and again): p50 / p95 / p99 (ms) | {_lat(w)} | p50 <= 3 and <= 4x floor | "
        f"{_ok(w['p50'] <= TARGETS['warm_p50'] and warm_ratio <= TARGETS['warm_ratio'])} |",
        f"| warm p50 / floor p50 | {warm_ratio:.1f}x | <= 4x | {_ok(warm_ratio <= TARGETS['warm_ratio'])} |",
        f"| floor (trivial Flask app, same gunicorn, same bodies): p50 / p95 / p99 (ms) | {_lat(f)} | - | - |",
    ]
    for size in sorted(g, key=int):
        x = g[size]
        target, status = ("<= 60", _ok(x["p50"] <= TARGETS["growth_2000"])) if int(size) == 2000 else ("-", "-")
        rows.append(f"| cold, {int(size):,} relevant resources: p50 / p95 / p99 (ms) | {_lat(x)} | p50 {target} | {status} |")
    rows += [
        f"| first request after start-up, a new patient (ms; start-up {r['startup_s']} s) | {first} "
        f"({first / c['p50']:.1f}x cold p50) | <= 2x cold p50 | {_ok(first <= TARGETS['first_ratio'] * c['p50'])} |",
        f"| worker RSS after {rss['requests']:,} cold requests (MB; after the first tenth -> at the end) | "
        f"{rss['early']:.0f} -> {rss['end']:.0f} ({growth:+.1f}%) | <= 150, no growth | "
        f"{_ok(rss['end'] <= TARGETS['rss_mb'] and growth < TARGETS['rss_growth_pct'])} |",
        f"| two-worker start-ups on a fresh SQLite file | {st['runs']} runs, {st['failures']} failures; ready in "
        f"{st['p50_s']} s (p50), {st['max_s']} s (max) | 0 failures | {_ok(st['failures'] == 0)} |",
        f"| cold p50 with strict validation (LBCL_CDS_STRICT_VALIDATION=1: whole resources, fhir.resources R4B) | "
        f"{r['strict']['p50']} ms | - | - |",
    ]
    return rows


def scaling(r: dict) -> list[str]:
    rows = ["| server | workers | clients | pool | req/s | req/s per worker | p50 / p99 (ms) | connections per worker | "
            "CPU share per worker |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for c in r["concurrency"]:
        rows.append(f"| {c['kind']} | {c['workers']} | {c['clients']} | {c['pool']} | {c['rps']} | "
                    f"{c['rps'] / c['workers']:.1f} | {c['p50']} / {c['p99']} | "
                    f"{' / '.join(map(str, c.get('connections') or [])) or '-'} | "
                    f"{' / '.join(f'{s:.0%}' for s in c.get('cpu_share') or []) or '-'} |")
    return rows


def targets_concurrency(r: dict) -> list[str]:
    out = ["| measure | value | target | status |", "| --- | --- | --- | --- |"]
    one, two = _conc(r, "service", 1, 8, "burst"), _conc(r, "service", 2, 8, "burst")
    if one and two:
        gain = two["rps"] / one["rps"]
        out.append(f"| 2 workers vs 1, 8 keep-alive clients (burst), cold (req/s) | {two['rps']} vs {one['rps']} "
                   f"({gain:.2f}x) | >= 1.5x | {_ok(gain >= TARGETS['two_workers'])} |")
    shares = [max(c["connections"]) / c["clients"] for c in r["concurrency"]
              if c["kind"] == "service" and c["workers"] > 1 and c.get("connections") and c["clients"] > 1]
    if shares:
        out.append(f"| largest share of the connections held by one worker (every service run with more than one "
                   f"worker and client) | {max(shares):.0%} | <= 67% | {_ok(max(shares) <= TARGETS['max_share'] + 1e-9)} |")
    cores = os.cpu_count() or 1
    for clients in (8, 32):
        base = _conc(r, "service", 1, clients, "burst")
        for c in r["concurrency"]:
            if c["kind"] == "service" and c["workers"] > 1 and c["clients"] == clients and c["pool"] == "burst" and base:
                eff = c["rps"] / (c["workers"] * base["rps"])
                status = _ok(eff >= TARGETS["scaling"]) if c["workers"] <= cores else "- (more workers than cores)"
                out.append(f"| scaling, {c['workers']} workers, {clients} clients: req/s / ({c['workers']} x one "
                           f"worker's) | {eff:.2f} | >= 0.7 up to the cores ({cores}) | {status} |")
    return out


def fallback(fb: dict | None) -> list[str]:
    if fb is None:
        return ["FHIR fallback not measured (the FHIR test server is not installed: `make fhir-server`)."]
    return ["| measure | value | target | status |", "| --- | --- | --- | --- |",
            f"| FHIR fallback: hook p50 vs slowest single query (ms) | {fb['total_p50']} vs {fb['slowest']} "
            f"(x{fb['ratio']}) | <= 1.5x | {_ok(fb['ratio'] <= 1.5)} |",
            f"| fetch phase (hook minus the same data prefetched, {fb['eval_p50']}) vs slowest query and sum of the 6 "
            f"(ms) | {fb['fetch_ms']} vs {fb['slowest']} / {fb['sum']} (x{fb['fetch_ratio']}) | <= 1.5x | "
            f"{_ok(fb['fetch_ratio'] <= 1.5)} |",
            f"| concurrent stand-in server ({fb['concurrent']['delay_ms']:.0f} ms a query): fetch phase (hook p50 "
            f"{fb['concurrent']['total_p50']} minus evaluation {fb['eval_p50']}) vs one query (ms) | "
            f"{fb['concurrent']['total_p50'] - fb['eval_p50']:.1f} vs {fb['concurrent']['delay_ms']:.0f} | <= 1.5x | "
            f"{_ok(fb['concurrent']['total_p50'] - fb['eval_p50'] <= 1.5 * fb['concurrent']['delay_ms'])} |",
            *_fallback_note(fb)]


def _fallback_note(fb: dict) -> list[str]:
    """Why the first two rows can miss: the FHIR test server answers about one query at a time (issue 7)."""
    if fb["fetch_ms"] - fb["slowest"] < fb["sum"] - fb["fetch_ms"]:
        return []  # the fetch phase is nearer the slowest query than the sum: nothing to explain
    return ["", "The service sends the six queries at once. The FHIR test server of the first two rows answers "
            f"them about one at a time: the fetch phase ({fb['fetch_ms']} ms) is nearer the sum of the six queries "
            f"({fb['sum']} ms) than the slowest one ({fb['slowest']} ms), whatever the client does. The stand-in "
            "server of the third row answers queries in parallel, as a production FHIR server does."]


def errors(r: dict) -> int:
    n = sum(x.get("errors", 0) for k, x in r.items() if isinstance(x, dict) and "errors" in x)
    n += sum(x["errors"] for x in r["growth"].values()) + sum(c["errors"] for c in r["concurrency"])
    return n


def tables(r: dict) -> str:
    return "\n".join(["## Headline", "", *headline(r), "", "## Workers and concurrency (cold path)", "",
                      *targets_concurrency(r), "", *scaling(r), "", "## FHIR fallback", "", *fallback(r["fallback"]),
                      "", f"Errors (non-200 answers) in all runs: {errors(r)}."])


def document(r: dict, body: str) -> str:
    p = r["profile"]
    areas = "\n".join(f"| {a} | {share}% |" for a, share in p["areas"])
    template = (os.path.dirname(__file__) + "/performance_doc.md")
    with open(template, encoding="utf-8") as fh:
        text = fh.read()
    return (text.replace("{date}", r["date"]).replace("{machine}", r["machine"]).replace("{tables}", body)
            .replace("{profile_ms}", str(p["ms_per_request"])).replace("{profile_requests}", str(p["requests"]))
            .replace("{inproc_cold}", str(p["cold_ms"])).replace("{inproc_read}", str(p["text_read_ms"]))
            .replace("{reader_ms}", str(p["reader_ms"]))
            .replace("{areas}", areas).replace("{profile_top}", p["top"]).replace("{bench_s}", str(r["bench_s"])))
