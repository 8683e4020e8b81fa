"""The `lbcl-cds timeline` subcommand (registered by cds_service/cli.py): a Bundle file -> the app's
picture as a self-contained HTML file, and a PNG through headless Chromium with `--png`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import orjson

EXIT_USAGE = 2
BUNDLE_TYPES = ("collection", "searchset", "transaction", "batch", "document", "message", "transaction-response",
                "batch-response", "history")


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"lbcl-cds: {message}", file=sys.stderr)
    return code


def add_parser(sub: argparse._SubParsersAction) -> None:
    tl = sub.add_parser("timeline",
                        help="write the treatment timeline of a FHIR Bundle file as a self-contained HTML file")
    tl.add_argument("bundle")
    tl.add_argument("--as-of", help="evaluation date YYYY-MM-DD (default: today, UTC)")
    tl.add_argument("--patient", help="Patient id when the Bundle holds several patients")
    tl.add_argument("-o", "--output", required=True, help="the HTML file to write")
    tl.add_argument("--png", help="also write a PNG screenshot (needs Chromium)")
    tl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .engine import GuidelineSettings, today_utc
    from .export import ExportError, timeline_html, write_png
    from .payload import build_payload

    try:
        data = orjson.loads(Path(args.bundle).read_bytes())
    except OSError as exc:
        return _fail(f"cannot read {args.bundle}: {exc.strerror}")
    except orjson.JSONDecodeError:
        return _fail(f"{args.bundle} is not valid JSON")
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle" or data.get("type") not in BUNDLE_TYPES:
        return _fail(f"{args.bundle} is not a FHIR Bundle")
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else today_utc()
    except ValueError:
        return _fail(f"--as-of must be YYYY-MM-DD, got {args.as_of!r}")
    pid = args.patient or next((e.get("resource", {}).get("id") for e in data.get("entry") or []
                                if isinstance(e, dict) and isinstance(e.get("resource"), dict)
                                and e["resource"].get("resourceType") == "Patient"), None)
    if not pid:
        return _fail(f"{args.bundle} holds no Patient: name one with --patient")
    payload = build_payload([data], pid, as_of, GuidelineSettings.from_env())
    out = Path(args.output)
    try:
        out.write_text(timeline_html(payload), encoding="utf-8")
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror}", 1)
    print(f"wrote {out} ({len(payload['timeline']['events'])} events)", file=sys.stderr)
    if args.png:
        try:
            write_png(out, Path(args.png))
        except ExportError as exc:
            return _fail(str(exc), 1)
        print(f"wrote {args.png}", file=sys.stderr)
    return 0
