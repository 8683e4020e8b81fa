/* SMART App Launch: EHR launch (iss + launch) or standalone launch (iss only: the authorization server's
   patient picker). fhirclient does discovery (.well-known/smart-configuration), PKCE S256 (required)
   and state; we only choose the scopes and report failures in words. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("smart-config").textContent);
  var params = new URLSearchParams(window.location.search);
  var iss = params.get("iss") || params.get("fhirServiceUrl");
  var launch = params.get("launch");

  function fail(title, text, detail) {
    document.getElementById("status").hidden = true;
    document.getElementById("error-title").textContent = title;
    document.getElementById("error-text").textContent = text;
    document.getElementById("error-detail").textContent = detail || "";
    document.getElementById("error").hidden = false;
    document.body.setAttribute("data-state", "error");
  }

  function authorize(options) {
    FHIR.oauth2.authorize(Object.assign({clientId: cfg.clientId, redirectUri: cfg.redirectUri, pkceMode: "required"},
                                        options)).catch(function (err) {
      var msg = String((err && err.message) || "");
      var pkce = msg.indexOf("PKCE") >= 0 || msg.indexOf("S256") >= 0;
      fail("The EHR's authorization server could not be reached or used",
           pkce ? "It does not offer PKCE with S256, which this app requires."
                : "Its SMART configuration (.well-known/smart-configuration) could not be read.",
           (err && err.status) ? "HTTP " + err.status : "");
    });
  }

  if (!cfg.enabled) {
    fail("The timeline app is not configured on this server",
         "The operator has not set LBCL_CDS_SMART_CLIENT_ID, so the app cannot sign in to an EHR.");
  } else if (iss && launch) {
    authorize({iss: iss, launch: launch, scope: cfg.ehrScopes});
  } else if (iss) {
    document.getElementById("status").textContent = "Opening the patient picker\u2026";
    authorize({iss: iss, scope: cfg.standaloneScopes});
  } else {
    document.getElementById("status").hidden = true;
    var form = document.getElementById("standalone");
    form.hidden = false;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      authorize({iss: document.getElementById("iss").value, scope: cfg.standaloneScopes});
    });
  }
})();
