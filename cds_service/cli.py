"""`lbcl-cds` command line: evaluate a Bundle file, serve with gunicorn."""

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
    from .evaluation import evaluate, today_utc
    from .guidelines.settings import GuidelineSettings

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
    result = evaluate([data], args.patient, as_of, GuidelineSettings.from_env())
    sys.stdout.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The production command; docker/Dockerfile's CMD runs the same (a test checks they agree)."""
    conf = os.path.join(os.path.dirname(__file__), "gunicorn_conf.py")
    return ["gunicorn", "--config", conf, "--bind", f"{host}:{port}", "--workers", str(workers),
            "cds_service.wsgi:app"]


def cmd_serve(args: argparse.Namespace) -> int:
    from .config import Settings
    from .errors import ConfigError

    env = dict(os.environ)
    if args.host:
        env["LBCL_CDS_HOST"] = args.host
    if args.port:
        env["LBCL_CDS_PORT"] = str(args.port)
    try:
        settings = Settings.from_env(env)  # fail fast (e.g. auth off on a public address)
    except ConfigError as exc:
        return _fail(str(exc))
    os.environ.update({"LBCL_CDS_HOST": settings.host, "LBCL_CDS_PORT": str(settings.port)})
    argv = gunicorn_argv(settings.host, settings.port, args.workers or settings.workers)
    from gunicorn.app.wsgiapp import run

    sys.argv = argv
    run()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lbcl-cds", description="LBCL clinical decision support (CDS Hooks 2.0)")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="print the Assessment JSON for a FHIR Bundle file")
    ev.add_argument("bundle")
    ev.add_argument("--as-of", help="evaluation date YYYY-MM-DD (default: today, UTC)")
    ev.add_argument("--patient", help="Patient id when the Bundle holds several patients")
    ev.set_defaults(func=cmd_evaluate)
    sv = sub.add_parser("serve", help="run the production server (gunicorn)")
    sv.add_argument("--host")
    sv.add_argument("--port", type=int)
    sv.add_argument("--workers", type=int)
    sv.set_defaults(func=cmd_serve)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
