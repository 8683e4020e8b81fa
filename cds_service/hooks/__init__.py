"""The CDS services: the registry, the patient-view handler (acquire -> evaluate -> cards) and the order
hooks. Uses acquisition, cards and guidelines; knows nothing of HTTP routing."""
