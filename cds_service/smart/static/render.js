/* Draws a timeline payload (from POST /smart/api/timeline, or embedded by `lbcl-cds timeline`):
   the Vega-Lite chart, its legend, and the Assessment in words. Shared by the SMART app and the
   self-contained HTML file. Text is set with textContent only (never HTML from data). */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function status(text) {
    var el = byId("status");
    el.textContent = text || "";
    el.hidden = !text;
  }

  /* info: {title, text, action, detail}. Never a stack trace: callers pass words and a status code. */
  function showError(info) {
    status("");
    byId("result").hidden = true;
    byId("error-title").textContent = info.title;
    byId("error-text").textContent = info.text || "";
    byId("error-action").textContent = info.action || "";
    byId("error-detail").textContent = info.detail || "";
    byId("error").hidden = false;
    document.body.setAttribute("data-state", "error");
    document.body.setAttribute("data-error", info.kind || "error");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function renderLegend(items) {
    var ul = byId("legend");
    ul.textContent = "";
    items.forEach(function (item) {
      var li = el("li");
      var sw = el("span", "swatch swatch-" + item.shape);
      sw.style.backgroundColor = item.colour;
      sw.style.borderColor = item.colour;
      li.appendChild(sw);
      li.appendChild(el("span", null, item.label));
      ul.appendChild(li);
    });
  }

  function renderSummary(payload) {
    var aside = byId("summary");
    aside.textContent = "";
    var summary = payload.summary;
    aside.className = "summary indicator-" + summary.indicator;
    summary.sections.forEach(function (section) {
      var box = el("section");
      box.appendChild(el("h2", null, section.title));
      var ul = el("ul");
      section.items.forEach(function (item) { ul.appendChild(el("li", null, item)); });
      box.appendChild(ul);
      aside.appendChild(box);
    });
  }

  function patientLine(payload) {
    var p = payload.patient || {};
    var parts = ["Patient " + payload.patient_id];
    if (p.diagnosis) { parts.push(p.diagnosis); }
    if (p.birth_date) { parts.push("born " + p.birth_date); }
    parts.push("assessed as of " + payload.as_of);
    byId("patient-line").textContent = parts.join(" \u00b7 ");
  }

  function render(payload) {
    patientLine(payload);
    renderSummary(payload);
    if (!payload.summary.applicable) {
      showError({kind: "no-lymphoma-data", title: "No lymphoma data for this patient",
                 text: payload.summary.sections[0].items[0],
                 action: "Check that this is the intended patient; the timeline needs a lymphoma diagnosis, therapy or PET-CT."});
      return Promise.resolve(null);
    }
    renderLegend(payload.legend);
    byId("error").hidden = true;
    byId("result").hidden = false;
    status("");
    // no injected <style> elements (the page's CSP refuses them): their rules are in timeline.css
    var opts = {actions: false, renderer: "svg", ast: true, defaultStyle: false,
                tooltip: {theme: "light", disableDefaultStyle: true}};
    return vegaEmbed("#chart", payload.spec, opts).then(function (result) {
      var resize = function () { result.view.resize().runAsync(); };
      window.addEventListener("beforeprint", resize);
      window.addEventListener("afterprint", resize);
      document.body.setAttribute("data-state", "drawn");
      return result;
    });
  }

  window.LbclTimeline = {render: render, showError: showError, status: status};

  var embedded = byId("timeline-payload");
  if (embedded) {
    render(JSON.parse(embedded.textContent)).catch(function () {
      showError({kind: "render", title: "The timeline could not be drawn", text: "The chart library failed on this data."});
    });
  }
})();
