"""Pipeline logic: ingest, validate, model, score, report. Importable without Prefect."""
