"""A deterministic synthetic org as the five export kinds: stories, realistic noise, bad rows.

`generate_demo(out_dir, engineers, seed)` writes people (two snapshots), job_history
(Workday headers), projects, activities and skills CSVs and returns a DemoManifest that
names every story engineer with the status scoring should give, and every planted bad row.
"""

from demo.generate import DEFAULT_AS_OF, generate_demo
from demo.manifest import BadRows, DemoFile, DemoManifest, Story

__all__ = ["DEFAULT_AS_OF", "BadRows", "DemoFile", "DemoManifest", "Story", "generate_demo"]
