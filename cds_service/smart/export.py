"""`lbcl-cds timeline BUNDLE.json --as-of DATE -o timeline.html [--png FILE]`: the app's picture for a
FHIR Bundle file, without SMART: one self-contained HTML file (the vendored chart libraries, our
render script and style inlined; no network at all), and optionally a PNG through headless Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import orjson
from jinja2 import Environment, PackageLoader, select_autoescape

from .assets import RENDER_JS, STYLE, VENDOR_CHART, js_inline_safe, read_static, script_safe

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_SIZE = (1500, 900)
PNG_TIMEOUT_S = 60


class ExportError(Exception):
    """The PNG could not be made (no Chromium, or it failed)."""


def timeline_html(payload: dict) -> str:
    env = Environment(loader=PackageLoader("cds_service.smart", "templates"), autoescape=select_autoescape(["html"]))
    scripts = [js_inline_safe(read_static(name)) for name in (*VENDOR_CHART, RENDER_JS)]
    config = orjson.dumps({"enabled": False}).decode()
    return env.get_template("app.html").render(inline=True, style=read_static(STYLE), scripts=scripts, config=config,
                                               payload=script_safe(orjson.dumps(payload).decode()))


def find_chromium() -> str | None:
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def write_png(html_path: Path, png_path: Path, chromium: str | None = None) -> None:
    exe = chromium or find_chromium()
    if not exe:
        raise ExportError("--png needs Chromium (e.g. `apt-get install chromium`); none found on PATH")
    with tempfile.TemporaryDirectory(prefix="lbcl-png-") as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}",
               f"--window-size={PNG_SIZE[0]},{PNG_SIZE[1]}", "--virtual-time-budget=10000",
               f"--screenshot={png_path.resolve()}", html_path.resolve().as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=PNG_TIMEOUT_S, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportError(f"Chromium failed: {type(exc).__name__}") from None
    if proc.returncode != 0 or not png_path.is_file() or png_path.stat().st_size == 0:
        raise ExportError(f"Chromium did not write the PNG (exit {proc.returncode})")
