"""Time the bulk generator: synthetic cases per second and file size, for a few sizes.

    .venv/bin/python benchmarks/generate_cases.py [--rows 1000000 10000000] [--keep DIR]

Each size is written to Parquet (50 objectives, 20 offices, 10 years, row groups of a million
rows) in a temporary directory, unless --keep names a directory; the peak resident memory of
the process is printed at the end.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
from pathlib import Path

from pilotage.demo import generate_cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--keep", type=Path, help="Write the files here and keep them.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        for rows in args.rows:
            out = directory / f"cases-{rows}.parquet"
            report = generate_cases(rows, out)
            speed = f"{report.seconds:7.2f} s  {report.rows_per_second:>12,.0f} rows/s"
            size = f"{report.bytes / 2**20:9.1f} MiB  ({report.bytes / rows:.1f} bytes/row)"
            print(f"{rows:>12,} rows  {speed}  {size}")
            if args.keep is None:
                out.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
