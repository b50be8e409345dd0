#!/usr/bin/env python3
"""Runs the library and the peers on world directories and compares every number.

usage: check.py [--e2e PATH] [--lib-out FILE] [--peer polars|duckdb ...] DIR [DIR ...]

For each DIR: runs `e2e run DIR` (or reads --lib-out, the library's stdout
saved earlier, for a single DIR) and each peer, and compares line by line:
the same guarantors in the same order, the same test counts, and the
largest absolute difference of the means. Exits 1 if any guarantor or count
differs or a mean differs by more than 1e-12.
"""
import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = {"polars": HERE / "polars_peer.py", "duckdb": HERE / "duckdb_peer.py"}
# 1e-12 on the printed 12-decimal values: one unit of the last digit, which
# a rounding difference far below it can flip (with slack for the binary
# representation of the two printed decimals).
TOLERANCE = 1e-12 * (1 + 1e-6)


def parse(text: str) -> list[tuple[str, int, float]]:
    rows = []
    for line in text.splitlines():
        gid, tests, mean = line.split("\t")
        rows.append((gid, int(tests), float(mean)))
    return rows


def compare(lib, peer) -> tuple[bool, float, str]:
    if [r[0] for r in lib] != [r[0] for r in peer]:
        a, b = {r[0] for r in lib}, {r[0] for r in peer}
        return False, float("nan"), f"guarantors differ: only library {sorted(a - b)[:5]}, only peer {sorted(b - a)[:5]}"
    bad = [(x[0], x[1], y[1]) for x, y in zip(lib, peer) if x[1] != y[1]]
    if bad:
        return False, float("nan"), f"{len(bad)} test counts differ, e.g. {bad[:3]}"
    diff = max((abs(x[2] - y[2]) for x, y in zip(lib, peer)), default=0.0)
    return diff <= TOLERANCE, diff, ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--e2e", default=str(HERE.parents[1] / "target/release/examples/e2e"))
    ap.add_argument("--lib-out", help="the library's saved stdout for the (single) DIR")
    ap.add_argument("--peer", action="append", choices=sorted(PEERS))
    a = ap.parse_args()
    peers = a.peer or sorted(PEERS)
    ok = True
    for d in a.dirs:
        if a.lib_out:
            lib = parse(Path(a.lib_out).read_text())
        else:
            lib = parse(subprocess.run([a.e2e, "run", d], check=True, capture_output=True,
                                       text=True).stdout)
        for p in peers:
            out = subprocess.run([sys.executable, str(PEERS[p]), d], check=True,
                                 capture_output=True, text=True).stdout
            good, diff, why = compare(lib, parse(out))
            ok &= good
            print(f"{d}\t{p}\t{len(lib)} guarantors, {sum(r[1] for r in lib)} tests\t"
                  f"max |mean diff| = {diff:.3e}\t{'OK' if good else 'MISMATCH ' + why}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
