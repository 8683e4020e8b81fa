"""Assessment -> CDS Hooks cards (rendered from the Assessment alone)."""
