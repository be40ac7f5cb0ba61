"""Operating the pipeline: the `readiness` command line, embedded runs, serve / deploy / watch, server processes."""
