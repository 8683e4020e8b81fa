"""`lbcl-cds timeline BUNDLE -o FILE [--png PNG]`: the SMART app's picture as one self-contained HTML file
(and a PNG through headless Chromium), for a Bundle file, without SMART."""

from __future__ import annotations

import io
import json
import os
import re
from contextlib import redirect_stderr
from importlib import resources
from pathlib import Path

import pytest

from cds_service import cli
from cds_service.smart import export

CHROMIUM = "/usr/bin/chromium"


def bundle_path(pid: str) -> str:
    return str(resources.files("cds_service").joinpath("data", "patients", f"{pid}.json"))


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        rc = cli.main(list(args))
    return rc, err.getvalue()


def embedded_payload(html: str) -> dict:
    start = html.index('id="timeline-payload">') + len('id="timeline-payload">')
    return json.loads(html[start:html.index("</script>", start)])


def need_chromium() -> None:
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is required under CI (apt-get install chromium)")
        pytest.skip("Chromium not installed")


def test_writes_a_self_contained_html_file(tmp_path):
    out = tmp_path / "t.html"
    rc, err = run("timeline", bundle_path("lbcl-v14"), "--as-of", "2025-01-18", "-o", str(out))
    assert rc == 0, err
    html = out.read_text()
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "<script></script>", html, flags=re.S)  # tags, not JS text
    assert markup.count("<script></script>") == 6  # config, payload, vega, vega-lite, vega-embed, render.js
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=(?!"data:)""", markup)  # nothing loaded from anywhere
    assert "vegaEmbed" in html and "LbclTimeline" in html
    payload = embedded_payload(html)
    assert payload["as_of"] == "2025-01-18" and payload["timeline"]["relapse"]["date"] == "2024-11-25"
    assert "13 events" in err


def test_the_file_draws_the_same_picture_offline(tmp_path):
    need_chromium()
    from playwright.sync_api import sync_playwright

    out = tmp_path / "t.html"
    assert run("timeline", bundle_path("lbcl-x03"), "--as-of", "2025-03-04", "-o", str(out))[0] == 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto(out.as_uri())
        page.wait_for_selector("body[data-state=drawn]", timeout=15000)
        texts = page.locator("#chart svg text").all_text_contents()
        browser.close()
    assert {"DS5 NMR", "Biopsy +", "Bridging R-GDP", "CAR-T infusion"} <= set(texts)
    assert outside == []


def test_png_through_headless_chromium(tmp_path):
    need_chromium()
    png = tmp_path / "t.png"
    rc, err = run("timeline", bundle_path("lbcl-v01"), "--as-of", "2025-03-06", "-o", str(tmp_path / "t.html"),
                  "--png", str(png))
    assert rc == 0, err
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a drawn page, not a blank one


def test_png_without_chromium_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    rc, err = run("timeline", bundle_path("lbcl-v01"), "-o", str(tmp_path / "t.html"), "--png", str(tmp_path / "t.png"))
    assert rc == 1 and "needs Chromium" in err and (tmp_path / "t.html").is_file()


@pytest.mark.parametrize(("content", "needle"), [("{not json", "not valid JSON"),
                                                  ('{"resourceType": "Patient"}', "not a FHIR Bundle"),
                                                  ('{"resourceType": "Bundle", "type": "collection", "entry": []}',
                                                   "holds no Patient")])
def test_bad_input_exits_2(tmp_path, content, needle):
    path = tmp_path / "b.json"
    path.write_text(content)
    rc, err = run("timeline", str(path), "-o", str(tmp_path / "t.html"))
    assert rc == 2 and needle in err and not (tmp_path / "t.html").exists()


def test_bad_date_and_missing_file_exit_2(tmp_path):
    assert run("timeline", bundle_path("lbcl-v01"), "--as-of", "2025-13-01", "-o", str(tmp_path / "t.html"))[0] == 2
    assert run("timeline", str(tmp_path / "none.json"), "-o", str(tmp_path / "t.html"))[0] == 2
