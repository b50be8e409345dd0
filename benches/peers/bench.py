#!/usr/bin/env python3
"""Times the library's `e2e run` and both peers on world directories.

usage: bench.py [--runs N] [--e2e PATH] DIR [DIR ...]

Each round runs the three tools one after the other (library, Polars,
DuckDB) under `/usr/bin/time -f "%e s %M KB"`, so that a change of load on
a shared machine falls on all of them; prints every run, then per world the
median wall time, peak resident memory and CPU time (user + system) of
each tool, and the load
average (`/proc/loadavg`) before and after the world.
"""
import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak resident KB, and CPU seconds (user + system)."""
    r = subprocess.run(["/usr/bin/time", "-f", "%e s %M KB %U %S", *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    secs, _, kb, _, user, system = r.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kb), float(user) + float(system)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--e2e", default=str(HERE.parents[1] / "target/release/examples/e2e"))
    a = ap.parse_args()
    tools = {
        "library": lambda d: [a.e2e, "run", d],
        "polars": lambda d: [sys.executable, str(HERE / "polars_peer.py"), d],
        "duckdb": lambda d: [sys.executable, str(HERE / "duckdb_peer.py"), d],
    }
    summary = []
    for d in a.dirs:
        before = loadavg()
        runs = {t: [] for t in tools}
        for i in range(a.runs):
            for t, cmd in tools.items():
                secs, kb, cpu = timed(cmd(d))
                runs[t].append((secs, kb, cpu))
                print(f"{d}\trun {i + 1}\t{t}\t{secs:.2f} s\t{kb / 1024:.0f} MB\t{cpu:.2f} CPU s",
                      flush=True)
        after = loadavg()
        for t, rs in runs.items():
            summary.append((d, t, statistics.median(r[0] for r in rs),
                            statistics.median(r[1] for r in rs) / 1024,
                            statistics.median(r[2] for r in rs), before, after))
    print("\nworld\ttool\tmedian s\tmedian peak MB\tmedian CPU s\tloadavg before\tloadavg after")
    for d, t, s, mb, cpu, b, e in summary:
        print(f"{d}\t{t}\t{s:.2f}\t{mb:.0f}\t{cpu:.2f}\t{b}\t{e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
