"""Timeline JSON -> a Vega-Lite spec (and its legend): the picture itself, shared by the SMART app and
the `lbcl-cds timeline` HTML file. Pure: no Flask, no IO.

Dates on x, one row per lane; therapy as bars, scans and procedures as points coloured by their result
and labelled (timepoint above, Deauville and category below), the relapse windows after the end of
first line shaded across all lanes, the relapse as a red rule. Colours are fixed here (no legend from
Vega): the page draws `legend()` itself, so screen and print read the same.
"""

from __future__ import annotations

from datetime import date, timedelta

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
COLOURS = {
    "CMR": "#1a9850", "CR": "#1a9850", "PMR": "#f59e0b", "PR": "#f59e0b", "NMR": "#e8590c", "SD": "#e8590c",
    "PMD": "#c0262d", "PD": "#c0262d", "PET_POSITIVE_UNCLASSIFIED": "#8e7cc3", "INDETERMINATE": "#9e9e9e",
    "UNKNOWN": "#9e9e9e", "baseline": "#6b7f99",
    "positive": "#c0262d", "negative": "#1a9850", "unclear": "#e6ab02", "pending": "#bdbdbd",
    "first_line": "#2c7fb8", "radiotherapy": "#8c6bb1", "salvage": "#0f9b8e", "later_line": "#25408f",
    "bridging": "#74c0b4", "lymphodepletion": "#9fb7d8", "apheresis": "#807dba", "car_t": "#54278f",
    "asct": "#3f007d",
}
SHAPES = {"scan": "circle", "biopsy": "triangle-up", "apheresis": "square", "car_t_infusion": "diamond",
          "asct": "cross"}
WINDOW_COLOURS = {3: "#f8b4a6", 6: "#fbd3c8", 12: "#fde9e3"}
LANE_HEIGHT = 76
LEGEND = [
    ("Complete response (CMR / CR)", "CMR", "circle"), ("Partial response (PMR / PR)", "PMR", "circle"),
    ("No response (NMR / SD)", "NMR", "circle"), ("Progression (PMD / PD)", "PMD", "circle"),
    ("Deauville 4-5, uptake change unknown", "PET_POSITIVE_UNCLASSIFIED", "circle"),
    ("Baseline (staging) scan", "baseline", "circle"), ("Biopsy positive", "positive", "triangle"),
    ("Biopsy negative", "negative", "triangle"),
    ("Biopsy unclear", "unclear", "triangle"), ("First-line cycle", "first_line", "bar"),
    ("Radiotherapy", "radiotherapy", "bar"), ("Salvage cycle", "salvage", "bar"), ("Bridging", "bridging", "bar"),
    ("Lymphodepletion", "lymphodepletion", "bar"), ("Apheresis", "apheresis", "square"),
    ("CAR-T infusion", "car_t", "diamond"), ("ASCT", "asct", "cross"),
]


_SAME = {"CR": "CMR", "PR": "PMR", "SD": "NMR", "PD": "PMD", "car_t_infusion": "car_t"}


def _month_step(domain: list[str] | None) -> int:
    """Months between x-axis ticks: at most about ten labels, at whole months."""
    if not domain:
        return 1
    lo, hi = date.fromisoformat(domain[0]), date.fromisoformat(domain[1])
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    return next(step for step in (1, 2, 3, 6, 12, 24) if months / step <= 10 or step == 24)


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def _rows(timeline: dict) -> list[dict]:
    rows = []
    for i, e in enumerate(timeline["events"]):
        row = {"id": i, "lane": e["lane"], "kind": e["kind"], "start": e["start"],
               "end": _next_day(e["end"] or e["start"]), "label": e["label"],
               "colour": COLOURS.get(e["status"], "#666"),
               "shape": SHAPES.get(e["kind"], "circle"), "above": e.get("timepoint_label") or "",
               "interval": e["end"] is not None, "below": ""}
        if e["kind"] == "scan":
            row["below"] = e["label"]
        else:
            row["above"] = row["above"] or e["label"]
        for key, value in e["tooltip"].items():
            row[f"tip_{key}"] = value
        rows.append(row)
    return rows


def _tooltip() -> list[dict]:
    return [{"field": "tip_date", "title": "Date"}, {"field": "tip_event", "title": "Event"},
            {"field": "tip_values", "title": "Values"}, {"field": "tip_report", "title": "Report"}]


def build_spec(timeline: dict) -> dict:
    lanes = timeline["lanes"]
    x = {"field": "start", "type": "temporal", "title": None,
         "scale": {"nice": False},
         "axis": {"format": "%b %Y", "labelAngle": 0, "grid": True, "gridColor": "#eeeeee", "labelOverlap": "greedy",
                  "tickCount": {"interval": "month", "step": _month_step(timeline.get("domain"))}}}
    y = {"field": "lane", "type": "nominal", "sort": lanes, "scale": {"domain": lanes}, "title": None,
         "axis": {"labelFontWeight": "bold", "labelFontSize": 12, "labelPadding": 8, "ticks": False, "domain": False}}
    rows = _rows(timeline)
    bars = [r for r in rows if r["interval"]]
    points = [r for r in rows if not r["interval"]]
    layers: list[dict] = []
    if timeline.get("domain"):  # the x extent, as an invisible layer (an explicit scale domain trips Vega-Lite's
        # layer merge into "conflicting domain" warnings)
        layers.append({"data": {"values": [{"start": d} for d in timeline["domain"]]},
                       "mark": {"type": "point", "opacity": 0}, "encoding": {}})
    windows = timeline.get("windows") or []
    if windows:
        wrows = [dict(w, colour=WINDOW_COLOURS.get(w["months"], "#fde9e3")) for w in windows]
        layers.append({"data": {"values": wrows}, "mark": {"type": "rect", "opacity": 0.6},
                       "encoding": {"x2": {"field": "end"},
                                    "color": {"field": "colour", "type": "nominal", "scale": None},
                                    "tooltip": [{"field": "label", "title": "After end of first line"}]}})
        layers.append({"data": {"values": wrows}, "mark": {"type": "text", "align": "left", "baseline": "bottom",
                                                           "dx": 3, "dy": -2, "fontSize": 10, "color": "#7a2e1f"},
                       "encoding": {"y": {"value": LANE_HEIGHT * max(len(lanes), 1)}, "text": {"field": "label"}}})
    if timeline.get("eot_date"):
        eot = [{"start": timeline["eot_date"], "label": f"{timeline['eot_date']} (last first-line dose)"}]
        layers.append({"data": {"values": eot}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#444"},
                       "encoding": {"tooltip": [{"field": "label", "title": "End of first line"}]}})
    if bars:
        layers.append({"data": {"values": bars}, "mark": {"type": "bar", "height": {"band": 0.42}, "stroke": "#ffffff",
                                                          "strokeWidth": 1,
                                                          "cornerRadius": 2},
                       "encoding": {"x2": {"field": "end"}, "y": y,
                                    "color": {"field": "colour", "type": "nominal", "scale": None},
                                    "tooltip": _tooltip()}})
        layers.append({"data": {"values": bars}, "mark": {"type": "text", "align": "left", "dy": -16,
                                                          "fontSize": 10, "color": "#222"},
                       "encoding": {"y": y, "text": {"field": "above"}}})
    if points:
        layers.append({"data": {"values": points}, "mark": {"type": "point", "filled": True, "size": 190,
                                                            "stroke": "#222", "strokeWidth": 0.8, "opacity": 1},
                       "encoding": {"y": y, "shape": {"field": "shape", "type": "nominal", "scale": None},
                                    "color": {"field": "colour", "type": "nominal", "scale": None},
                                    "tooltip": _tooltip()}})
        for field, dy, weight in (("above", -15, "bold"), ("below", 17, "normal")):
            layers.append({"data": {"values": points}, "mark": {"type": "text", "dy": dy, "fontSize": 10,
                                                                "fontWeight": weight, "color": "#222"},
                           "encoding": {"y": y, "text": {"field": field}}})
    relapse = timeline.get("relapse")
    if relapse:
        after = f", {relapse['months']:g} mo after EOT" if relapse.get("months") is not None else ""
        rel = [{"start": relapse["date"], "label": relapse["label"], "short": f"Relapse {relapse['date']}{after}"}]
        layers.append({"data": {"values": rel}, "mark": {"type": "rule", "color": "#c0262d", "strokeWidth": 2.5},
                       "encoding": {"tooltip": [{"field": "label", "title": "Relapse"}]}})
        layers.append({"data": {"values": rel}, "mark": {"type": "text", "align": "left", "baseline": "top",
                                                         "dx": 4, "dy": 1, "fontSize": 11, "fontWeight": "bold",
                                                         "color": "#c0262d"},
                       "encoding": {"y": {"value": 0},
                                    "text": {"field": "short"}}})
    as_of = timeline.get("as_of")
    dom = timeline.get("domain")
    if as_of and dom and dom[0] <= as_of <= dom[1]:
        layers.append({"data": {"values": [{"start": as_of, "label": f"As of {as_of}"}]},
                       "mark": {"type": "rule", "strokeDash": [1, 3], "color": "#777", "strokeWidth": 1.5},
                       "encoding": {"tooltip": [{"field": "label", "title": "Assessment date"}]}})
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "height": LANE_HEIGHT * max(len(lanes), 1),
            "autosize": {"type": "fit-x", "contains": "padding"}, "background": "white",
            "config": {"font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "view": {"stroke": None},
                       "axis": {"labelColor": "#333"}},
            "encoding": {"x": x}, "layer": layers or [{"mark": "point", "data": {"values": []}}]}


def legend(timeline: dict) -> list[dict]:
    """The legend entries that occur in this timeline (label, colour, shape)."""
    used = {_SAME.get(e["status"], e["status"]) for e in timeline["events"]}
    out = [{"label": label, "colour": COLOURS[key], "shape": shape} for label, key, shape in LEGEND if key in used]
    if timeline.get("eot_date"):
        out.append({"label": "End of first line (last dose)", "colour": "#444444", "shape": "dash"})
    if timeline.get("windows"):
        out.append({"label": "Months after end of 1st line (< 3, 3-6, 6-12)", "colour": WINDOW_COLOURS[3],
                    "shape": "band"})
    if timeline.get("relapse"):
        out.append({"label": "Relapse", "colour": "#c0262d", "shape": "rule"})
    return out
