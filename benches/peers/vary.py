#!/usr/bin/env python3
"""Rewrites a world written by `e2e write-world` into one that also uses the
options the generator leaves at their defaults, so that check.py tests them:
required-level overrides, `only_if_beneficiary_initiated`, several crisis
kinds (and `none`) per commitment, several and excluded adversaries, regions
on commitments and crises, repeated adversaries, treaty ids, crises without severity, events
without intensity or confidence, overlapping membership periods.

usage: vary.py SRC DST SEED
"""
import csv
import random
import shutil
import sys
from pathlib import Path

RUNGS = ["silence", "verbal", "diplomatic", "economic", "materiel", "military"]
KINDS = ["external_attack", "internal_uprising", "leader_removed", "economic_coercion",
         "other", "own_war"]
REGIONS = ["western_hemisphere", "europe", "africa", "middle_east", "asia", "oceania"]


def rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="") as f:
        r = csv.DictReader(f)
        return list(r.fieldnames), list(r)


def write(path: Path, header: list[str], data: list[dict]) -> None:
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(data)


def main(src: Path, dst: Path, seed: int) -> None:
    rng = random.Random(seed)
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "actors.csv", dst / "actors.csv")
    _, actors = rows(src / "actors.csv")
    states = [a["id"] for a in actors if a["kind"] == "state"]
    pick = lambda n: ";".join(sorted(set(rng.sample(states, n))))  # noqa: E731

    h, ms = rows(src / "memberships.csv")
    for m in list(ms)[:3]:  # a second, overlapping period for a few members
        ms.append(dict(m, **{"from": "1960-01-01", "until": "1999-12-31"}))
    write(dst / "memberships.csv", h, ms)

    h, cs = rows(src / "commitments.csv")
    h += [c for c in ["treaty", "regions", "excluded_adversaries"] if c not in h]
    for c in cs:
        x = rng.random()
        if x < 0.15:
            c["required"] = rng.choice(RUNGS)
        if rng.random() < 0.1:
            c["provocation"] = "only_if_beneficiary_initiated"
        y = rng.random()
        if y < 0.1:
            c["crisis_kinds"] = ";".join(rng.sample(KINDS, rng.randint(1, 4)))
        elif y < 0.12:
            c["crisis_kinds"] = "none"
        if c["parties"] != "bloc" and rng.random() < 0.1:
            c["adversaries"] = pick(rng.randint(1, 3))
        if rng.random() < 0.1:
            c["excluded_adversaries"] = pick(1)
        if rng.random() < 0.2:
            c["regions"] = ";".join(rng.sample(REGIONS, rng.randint(1, 2)))
        if rng.random() < 0.3:
            c["treaty"] = f"T{rng.randint(0, 20)}"
    write(dst / "commitments.csv", h, cs)

    h, ks = rows(src / "crises.csv")
    h += [c for c in ["regions"] if c not in h]
    for k in ks:
        if rng.random() < 0.1:
            k["severity"] = ""
        if rng.random() < 0.2:
            advs = set(rng.sample(states, rng.randint(1, 3))) - {k["target"]}
            k["adversaries"] = ";".join(sorted(advs))
        if k["adversaries"] and rng.random() < 0.1:  # a repeated adversary (a set: counted once)
            k["adversaries"] += ";" + k["adversaries"].split(";")[0]
        if rng.random() < 0.3:
            k["regions"] = ";".join(rng.sample(REGIONS, rng.randint(1, 2)))
        if rng.random() < 0.1:
            k["initiator"] = "target"
    write(dst / "crises.csv", h, ks)

    h, es = rows(src / "events.csv")
    for e in es:
        if rng.random() < 0.2:
            e["intensity"] = ""
        if rng.random() < 0.2:
            e["confidence"] = ""
    write(dst / "events.csv", h, es)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
