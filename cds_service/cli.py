"""`lbcl-cds` command line: evaluate a Bundle file, serve with gunicorn, load the synthetic patients."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

import orjson

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"lbcl-cds: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_evaluate(args: argparse.Namespace) -> int:
    from cds_service.hooks.evaluation import evaluate, today_utc
    from cds_service.guidelines.settings import GuidelineSettings

    try:
        with open(args.bundle, "rb") as fh:
            data = orjson.loads(fh.read())
    except OSError as exc:
        return _fail(f"cannot read {args.bundle}: {exc.strerror}")
    except orjson.JSONDecodeError:
        return _fail(f"{args.bundle} is not valid JSON")
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        return _fail(f"{args.bundle} is not a FHIR Bundle")
    if data.get("type") not in ("collection", "searchset", "transaction", "batch", "document", "message",
                                "transaction-response", "batch-response", "history"):
        return _fail(f"{args.bundle}: unsupported Bundle.type {data.get('type')!r}")
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else today_utc()
    except ValueError:
        return _fail(f"--as-of must be YYYY-MM-DD, got {args.as_of!r}")
    strict = args.strict or os.environ.get("LBCL_CDS_STRICT_VALIDATION", "").lower() in ("1", "true", "yes", "on")
    result = evaluate([data], args.patient, as_of, GuidelineSettings.from_env(), strict)
    sys.stdout.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0


GUNICORN_CONFIG = "python:cds_service.gunicorn_conf"


def gunicorn_argv() -> list[str]:
    """The production command, configured only by environment variables (gunicorn_conf.py reads bind,
    workers, threads, timeout from LBCL_CDS_*). docker/Dockerfile's CMD is exactly this list and the README
    shows it (tests/test_deployment.py checks all three agree)."""
    return ["gunicorn", "--config", GUNICORN_CONFIG, "cds_service.wsgi:app"]


def cmd_serve(args: argparse.Namespace) -> int:
    from cds_service.config import Settings
    from cds_service.errors import ConfigError

    env = dict(os.environ)
    for name, value in (("HOST", args.host), ("PORT", args.port), ("WORKERS", args.workers)):
        if value:
            env[f"LBCL_CDS_{name}"] = str(value)
    try:
        settings = Settings.from_env(env)  # fail fast (e.g. auth off on a public address)
    except ConfigError as exc:
        return _fail(str(exc))
    os.environ.update({"LBCL_CDS_HOST": settings.host, "LBCL_CDS_PORT": str(settings.port),
                       "LBCL_CDS_WORKERS": str(settings.workers)})
    from gunicorn.app.wsgiapp import run

    sys.argv = gunicorn_argv()
    run()
    return 0


def cmd_load_patients(args: argparse.Namespace) -> int:
    from cds_service.patients import LoadError, catalogue, load_patients

    if args.list:
        for p in catalogue():
            print(f"{p.patient_id}\t{p.title}")
        return 0
    if not args.fhir_server:
        return _fail("load-patients needs --fhir-server URL (or --list)")
    if not args.fhir_server.startswith(("http://", "https://")):
        return _fail("--fhir-server must be an http(s) URL, e.g. https://fhir.example.org/r4")
    token = args.token or os.environ.get("LBCL_CDS_LOAD_TOKEN") or None
    try:
        loaded = load_patients(args.fhir_server, token, args.patient or None)
    except LoadError as exc:
        print(f"lbcl-cds: load-patients failed: {exc}", file=sys.stderr)
        return 1
    for p in loaded:
        print(f"{p.patient_id}\t{p.title}")
    print(f"loaded {len(loaded)} synthetic patients into {args.fhir_server}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lbcl-cds", description="LBCL clinical decision support (CDS Hooks 2.0)")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="print the Assessment JSON for a FHIR Bundle file")
    ev.add_argument("bundle")
    ev.add_argument("--as-of", help="evaluation date YYYY-MM-DD (default: today, UTC)")
    ev.add_argument("--patient", help="Patient id when the Bundle holds several patients")
    ev.add_argument("--strict", action="store_true", help="also validate whole resources with fhir.resources R4B "
                    "(default: the elements the rules read; env LBCL_CDS_STRICT_VALIDATION=1)")
    ev.set_defaults(func=cmd_evaluate)
    sv = sub.add_parser("serve", help="run the production server (gunicorn)")
    sv.add_argument("--host")
    sv.add_argument("--port", type=int)
    sv.add_argument("--workers", type=int)
    sv.set_defaults(func=cmd_serve)
    lp = sub.add_parser("load-patients", help="load the synthetic LBCL patients into a FHIR R4 server")
    lp.add_argument("--fhir-server", help="FHIR R4 base URL, e.g. https://fhir.example.org/r4")
    lp.add_argument("--token", help="bearer token for the FHIR server (or env LBCL_CDS_LOAD_TOKEN)")
    lp.add_argument("--patient", action="append", help="load only this patient id (repeatable)")
    lp.add_argument("--list", action="store_true", help="list the patients without loading them")
    lp.set_defaults(func=cmd_load_patients)
    from .smart.timeline_cli import add_parser as add_timeline_parser

    add_timeline_parser(sub)  # `lbcl-cds timeline`: the SMART app's picture as an HTML file (issue 15)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
