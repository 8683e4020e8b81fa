"""The SMART on FHIR timeline app (issue 15): the patient's course as a picture, launched from the EHR
or from the status card, drawn from the same engine as the hook.

- pages.py: /smart/launch, /smart/app (pages, static files, CSP); api.py: POST /smart/api/timeline;
- payload.py -> timeline_data.py, timeline_spec.py, summary.py, words.py: pure (no Flask, no IO);
- engine.py: the one module importing the rest of the service; export.py: the `lbcl-cds timeline` file;
- setup.py: `init_smart(app)` (blueprints, settings, discovery extension);
- card_link.py: the card's launch link; settings.py: LBCL_CDS_SMART_* configuration.
"""
