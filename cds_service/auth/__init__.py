"""Who may call: the bearer check, client JWT verification (checklist §5.2), trusted issuers and key sets.
Used by api only."""
