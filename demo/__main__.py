"""`python -m demo --out DIR --engineers N --seed S`: write the demo org's exports."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from demo.generate import DEFAULT_AS_OF, generate_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the export files into")
    parser.add_argument("--engineers", type=int, default=200, help="IC engineers (default 200, up to 2,000,000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed -> byte-identical files)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF, help="export date, YYYY-MM-DD")
    parser.add_argument("--no-bad-rows", action="store_true", help="write no planted bad rows")
    parser.add_argument("--manifest", action="store_true", help="print the manifest as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        manifest = generate_demo(args.out, args.engineers, args.seed, args.as_of, bad_rows=not args.no_bad_rows)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.manifest:
        print(json.dumps(manifest.to_dict(), indent=2))
        return 0
    for f in manifest.files:
        print(f"{f.name:32} {f.rows:>12,} rows")
    planted = sum(b.count for b in manifest.bad_rows)
    print(f"{len(manifest.stories)} story engineers, {planted:,} planted bad rows, "
          f"{time.perf_counter() - started:.1f} s -> {manifest.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
