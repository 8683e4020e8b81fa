/* The SMART app page (the OAuth redirect URI): fhirclient completes the code exchange (state and PKCE
   checked), the patient's record is read from the FHIR server with the launch's token (the same
   queries as the hook's prefetch), posted to /smart/api/timeline (without the token), and drawn.
   Every failure is shown in words with what to do next; never a stack trace. */
(function () {
  "use strict";
  if (document.getElementById("timeline-payload")) { return; }  // a self-contained file: render.js drew it
  var cfg = JSON.parse(document.getElementById("smart-config").textContent);
  var T = window.LbclTimeline;
  var RELAUNCH = "Launch the app again from the patient's chart in the EHR.";

  function firstLine(text) { return String(text || "").split("\n")[0].slice(0, 200); }

  function explain(err, phase) {
    var msg = String((err && err.message) || "");
    var status = err && err.status;
    if (err && err.kind === "api") {
      return {kind: "api", title: "The timeline service could not evaluate this record", text: err.message,
              action: status === 413 ? "The record is larger than this service accepts (LBCL_CDS_MAX_BODY_BYTES)." : "",
              detail: "HTTP " + status + " " + (err.code || "")};
    }
    if (err && err.kind === "no-patient") {
      return {kind: "no-patient", title: "No patient was selected",
              text: "The EHR did not pass a patient with this launch, so there is no record to draw.", action: RELAUNCH};
    }
    if (phase === "signin") {
      if (/access_denied/.test(msg)) {
        return {kind: "denied", title: "Access was not granted",
                text: "The EHR's authorization server reports that access was denied, so the app may not read the patient's record.",
                action: "To see the timeline, launch the app again and approve access.", detail: firstLine(msg)};
      }
      if (/No state found|No 'state' parameter/.test(msg)) {
        return {kind: "state", title: "This sign-in does not belong to this browser session",
                text: "The answer from the authorization server did not match the launch started here (the OAuth state check failed). It was refused to protect the patient's data.",
                action: RELAUNCH};
      }
      return {kind: "signin", title: "Sign-in to the EHR could not be completed",
              text: "The authorization server refused to exchange the sign-in code for access.",
              action: RELAUNCH, detail: status ? "HTTP " + status : firstLine(msg)};
    }
    var where = err && err.resourceType ? " while reading " + err.resourceType + " resources" : "";
    if (status === 401) {
      return {kind: "unauthorized", title: "The EHR's FHIR server refused access",
              text: "The access token was rejected" + where + " (HTTP 401): the session has expired or was revoked.",
              action: RELAUNCH, detail: "HTTP 401 from the FHIR server"};
    }
    if (status === 403) {
      return {kind: "forbidden", title: "Not allowed to read the record",
              text: "The FHIR server refused" + where + " (HTTP 403): the access granted does not cover the data the timeline needs.",
              action: "Ask the EHR administrator to grant the app's scopes, then launch it again.", detail: "HTTP 403"};
    }
    if (status >= 500) {
      return {kind: "fhir-server", title: "The EHR's FHIR server failed",
              text: "The FHIR server answered with an error" + where + " (HTTP " + status + "). Nothing was evaluated.",
              action: "Try again in a few minutes; if it persists, tell the EHR support team.", detail: "HTTP " + status};
    }
    if (status) {
      return {kind: "fhir-error", title: "The patient's record could not be read",
              text: "The FHIR server answered HTTP " + status + where + ".", action: RELAUNCH, detail: "HTTP " + status};
    }
    return {kind: "network", title: "The FHIR server could not be reached",
            text: "The network request failed" + where + ". Nothing was evaluated.",
            action: "Check the connection and launch the app again.", detail: firstLine(msg)};
  }

  function readAll(client, patientId) {
    return Promise.all(cfg.queries.map(function (template) {
      var url = template.replace("{patient}", encodeURIComponent(patientId));
      return client.request(url, {pageLimit: cfg.pageLimit, flat: true}).then(function (res) {
        return Array.isArray(res) ? res : [res];
      }, function (err) {
        err.resourceType = url.split(/[/?]/)[0];
        throw err;
      });
    })).then(function (lists) { return [].concat.apply([], lists).filter(Boolean); });
  }

  function evaluate(patientId, resources) {
    return fetch(cfg.apiUrl, {method: "POST", headers: {"Content-Type": "application/json"}, credentials: "same-origin",
                              body: JSON.stringify({patientId: patientId, resources: resources})})
      .then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (body) {
          if (!resp.ok) {
            var e = new Error(body.message || "the service answered HTTP " + resp.status);
            e.kind = "api"; e.status = resp.status; e.code = body.code;
            throw e;
          }
          return body;
        });
      });
  }

  if (!cfg.enabled) {
    T.showError({kind: "not-configured", title: "The timeline app is not configured on this server",
                 text: "The operator has not set LBCL_CDS_SMART_CLIENT_ID."});
    return;
  }
  var phase = "signin";
  T.status("Finishing sign-in\u2026");
  FHIR.oauth2.ready().then(function (client) {
    var patientId = client.patient.id;
    if (!patientId) { var e = new Error("no patient"); e.kind = "no-patient"; throw e; }
    phase = "fhir";
    T.status("Reading the patient's record from the EHR\u2026");
    return readAll(client, patientId).then(function (resources) {
      phase = "api";
      T.status("Evaluating " + resources.length + " resources\u2026");
      return evaluate(patientId, resources);
    });
  }).then(function (payload) {
    return T.render(payload);
  }).catch(function (err) {
    T.showError(explain(err, phase));
  });
})();
