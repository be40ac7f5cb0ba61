"""Prefect wiring and the `readiness` command line. No business rule lives here."""
