"""HTTP surface: routes (discovery, service calls), feedback, operations endpoints, OpenAPI, CORS and
security headers. Uses hooks (what a call does), auth (who may call) and store (feedback, audit)."""
