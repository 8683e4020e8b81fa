"""`make cards`: every shipped patient's cards on one static HTML page (Markdown rendered), so a reviewer
can read them all at once; `--png FILE` also takes a screenshot in headless Chromium (Debian's
`chromium`, driven by Playwright with its executable_path) when it is installed.

    python tools/cards_gallery.py [-o build/cards.html] [--png build/cards.png]
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1b1b1b; background: #f4f5f7; }
h1 { font-size: 20px; } h2 { font-size: 15px; margin: 28px 0 6px; color: #333; }
.card { background: #fff; border-left: 6px solid #8a8f98; border-radius: 6px; padding: 10px 16px; margin: 8px 0;
        max-width: 980px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card.critical { border-color: #c62828; } .card.warning { border-color: #ef8f00; } .card.info { border-color: #1565c0; }
.summary { font-weight: 600; font-size: 15px; } .ind { font-size: 11px; text-transform: uppercase; color: #666; }
.detail p { margin: 6px 0; } .detail ul { margin: 4px 0 4px 18px; padding: 0; } blockquote { color: #444;
  margin: 4px 0; padding-left: 10px; border-left: 3px solid #ccc; } .meta { font-size: 12px; color: #555; }
"""


def render(out: Path) -> int:
    from cds_service.cards.render import render_cards
    from cds_service.hooks.evaluation import evaluate
    from cds_service.patients import catalogue

    md = MarkdownIt("commonmark")
    parts = [f"<!doctype html><meta charset='utf-8'><title>lbcl-cds cards</title><style>{STYLE}</style>",
             "<h1>lbcl-cds: the cards of every shipped synthetic patient</h1>"]
    n = 0
    for p in catalogue():
        cards = render_cards(evaluate([p.bundle()], p.patient_id, date.fromisoformat(p.as_of)))
        parts.append(f"<h2>{html.escape(p.patient_id)} (as of {p.as_of}): {html.escape(p.title)}</h2>")
        for c in cards:
            n += 1
            links = " · ".join(f"<a href='{html.escape(lnk.url)}'>{html.escape(lnk.label)}</a>" for lnk in c.links or [])
            drafts = ", ".join(html.escape(s.label) for s in c.suggestions or [])
            parts.append(f"<div class='card {c.indicator}'><div class='ind'>{c.indicator}</div>"
                         f"<div class='summary'>{html.escape(c.summary)}</div>"
                         f"<div class='detail'>{md.render(c.detail or '')}</div>"
                         + (f"<div class='meta'>Suggestions: {drafts}</div>" if drafts else "")
                         + (f"<div class='meta'>Sources: {links}</div>" if links else "") + "</div>")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {out} ({n} cards)")
    return n


def screenshot(page_file: Path, png: Path) -> bool:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("chromium not installed: no screenshot", file=sys.stderr)
        return False
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_file.resolve().as_uri())
        page.screenshot(path=str(png), full_page=False)
        browser.close()
    print(f"wrote {png}")
    return True


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", default=str(ROOT / "build" / "cards.html"))
    ap.add_argument("--png")
    args = ap.parse_args(argv)
    out = Path(args.o)
    render(out)
    if args.png:
        screenshot(out, Path(args.png))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
