"""The pipeline's Prefect flows and their triggers (events, schedules). No business rule lives here."""
