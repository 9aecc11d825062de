"""Benchmark of the reference importers on the full data: ESCO v1.2.0 (3,039 occupations) and
O*NET 29.2 (1,016 occupations).

For each classification, in a fresh child process (so that peak memory, ``ru_maxrss``, is the
import's own): the time to read the files into our model, the triples made, the time to write
canonical N-Triples, the time of the check with our shapes in English (fast engine), and the
findings counted by shape. The Markdown table goes to ``benchmarks/results/imports.md``
(written atomically).

Usage::

    .venv/bin/python benchmarks/imports.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
DEFAULT_SHARED = ROOT.parent / "shared"
KINDS = {"esco": "esco-1.2.0", "onet": "onet-29.2"}

__all__ = ["main", "measure"]


def measure(kind: str, folder: Path) -> dict[str, Any]:
    """Import, serialise and check one classification; the numbers (run in a child)."""
    from airoles_kg.importers.esco import import_esco
    from airoles_kg.importers.onet import import_onet
    from airoles_kg.importers.reference_check import check, findings_by_shape
    from airoles_kg.rdf.serialize import to_ntriples

    start = time.perf_counter()
    imported = (import_esco if kind == "esco" else import_onet)(folder)
    read = time.perf_counter() - start
    start = time.perf_counter()
    data = to_ntriples(imported.graph)
    write = time.perf_counter() - start
    start = time.perf_counter()
    report = check(imported.graph)
    checked = time.perf_counter() - start
    return {
        "kind": kind,
        "counts": imported.counts,
        "triples": len(imported.graph),
        "bytes": len(data),
        "read_s": read,
        "write_s": write,
        "check_s": checked,
        "engine": report.engine,
        "findings": findings_by_shape(report),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(kind: str, folder: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--shared", str(folder)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"imports.py: {kind} failed: {result.stderr.strip()[-500:]}")
    return dict(json.loads(result.stdout))


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "# Reference imports (full data)",
        "",
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} cores), "
        "one child process per import; `benchmarks/imports.py`. Times are wall-clock: on a "
        "machine shared with other jobs they are upper bounds.",
        "",
        "| import | occupations | triples | N-Triples | read | write | check (English "
        "shapes) | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['kind']} | {r['counts']['occupations']:,} | {r['triples']:,} | "
            f"{r['bytes'] / 1e6:.1f} MB | {r['read_s']:.1f} s | {r['write_s']:.1f} s | "
            f"{r['check_s']:.1f} s ({r['engine']}) | {r['peak_mb']:.0f} MB |"
        )
    lines += ["", "What each import holds:", ""]
    for r in results:
        made = ", ".join(f"{n:,} {what}" for what, n in r["counts"].items())
        lines.append(f"* {r['kind']}: {made}")
    lines += ["", "Findings of our shapes (English profile), by shape:", "",
              "| import | shape | severity | findings |", "| --- | --- | --- | ---: |"]
    for r in results:
        for shape, severity, count in r["findings"]:
            lines.append(f"| {r['kind']} | `{shape}` | {severity} | {count:,} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imports.py", description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared folder (holding data/esco-1.2.0 and data/onet-29.2)")
    parser.add_argument("--child", choices=sorted(KINDS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.shared)))
        return 0
    results = []
    for kind, folder in KINDS.items():
        path = args.shared / "data" / folder
        if not path.is_dir():
            print(f"imports.py: error: {path}: missing (pass --shared)", file=sys.stderr)
            return 2
        print(f"importing {kind} ...", file=sys.stderr)
        results.append(_child(kind, path))
    text = table(results)
    sys.path.insert(0, str(ROOT / "src"))
    from airoles_kg.atomic import atomic_write_text

    atomic_write_text(RESULTS / "imports.md", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
