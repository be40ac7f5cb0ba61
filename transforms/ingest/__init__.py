"""Ingestion: inbox exports -> raw_<kind> rows with lineage, a sha256 ledger and an archive."""

from transforms.ingest.discover import discover_files
from transforms.ingest.load import FileOutcome, ingest_file, ingest_inbox

__all__ = ["FileOutcome", "discover_files", "ingest_file", "ingest_inbox"]
