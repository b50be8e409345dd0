#!/usr/bin/env python3
"""The library's scoring in Polars: `Ledger::new(timeline, Config::default())`
then `assess(2022-01-01)`, from the five CSV tables of a directory.

Prints what `target/release/examples/e2e run DIR` prints on stdout: one line
per guarantor with a resolved test, `id<TAB>tests<TAB>mean`, mean to 12
decimals, sorted by id. See README.md in this folder for the method.

usage: polars_peer.py DIR
"""
import sys
from pathlib import Path

import polars as pl

# --- Config::default() -----------------------------------------------------
AS_OF = "2022-01-01"
WINDOW = 90  # days
HALF_LIFE = 3652.5  # days (10 years)
ERA_CUT = "1945-01-01"
# KindPrior::default(); its cross-kind pooling (4) moves only the per-kind
# priors of `reliability_for`, not the one reliability `e2e run` prints.
STRENGTH, SMOOTHING = 4.0, 10.0
ALPHA0, BETA0 = 1.0, 1.0  # Prior::default()
RUNGS = ["hostile", "silence", "verbal", "diplomatic", "economic", "materiel", "military"]
VALUE = [0.0, 0.0, 0.1, 0.25, 0.4, 0.6, 1.0]  # Ladder::default()
DEFAULT_REQUIRED = {
    "defence": "military", "offence": "military", "neutrality": "silence",
    "non_aggression": "silence", "consultation": "diplomatic",
    "partnership": "diplomatic", "strategic_partnership": "diplomatic",
}
CRISIS_KINDS = ["external_attack", "internal_uprising", "leader_removed",
                "economic_coercion", "other", "own_war"]
BUCKET = 128  # days per join bucket; a window spans at most 91 days

S, D = pl.String, pl.Date


def read(path: Path, schema: dict) -> pl.LazyFrame:
    """A table with every optional column present (null when absent)."""
    header = path.open().readline().rstrip("\r\n").split(",")
    lf = pl.scan_csv(path, schema_overrides={c: t for c, t in schema.items() if c in header},
                     infer_schema=False)
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in schema.items() if c not in header]
    return lf.with_columns(missing) if missing else lf


def day(col: str) -> pl.Expr:
    """A date column (parsed by the reader) as days since 1970-01-01."""
    return pl.col(col).cast(pl.Int32)


def id_list(col: str) -> pl.Expr:
    """A `;`-separated list cell as a list of strings (empty for null)."""
    return pl.col(col).str.split(";").list.eval(pl.element().str.strip_chars()).fill_null([])


def main(d: Path) -> None:
    tau = pl.Series([AS_OF]).str.to_date().cast(pl.Int32)[0]
    cut = pl.Series([ERA_CUT]).str.to_date().cast(pl.Int32)[0]

    actors = pl.read_csv(d / "actors.csv", infer_schema=False)
    ids = actors["id"]
    actor = pl.Enum(ids)  # interned actor keys: the row of the actor
    key = lambda c: pl.col(c).cast(actor).to_physical().cast(pl.Int32)  # noqa: E731
    blocs = pl.LazyFrame({"bloc": actors.with_row_index()
                          .filter(pl.col("kind") == "bloc")["index"].cast(pl.Int32)})

    members = (
        read(d / "memberships.csv", {"bloc": S, "member": S, "from": D, "until": D})
        .select(key("bloc").alias("bloc"), key("member").alias("member"),
                day("from").alias("m_from"),
                day("until").fill_null(2**31 - 1).alias("m_until"))
    )

    # --- commitments: who owes what to whom, and on which triggers ---------
    commitments = (
        read(d / "commitments.csv", {
            "id": S, "parties": S, "party_a": S, "party_b": S, "obligation": S,
            "required": S, "from": D, "until": D, "adversaries": S, "provocation": S,
            "crisis_kinds": S, "regions": S, "excluded_adversaries": S})
        .with_row_index("ci")
        .with_columns(
            pl.col("ci").cast(pl.Int32),
            pl.col("id").rank("dense").cast(pl.Int32).alias("id_rank"),
            key("party_a").alias("a"), key("party_b").alias("b"),
            day("from").alias("c_from"), day("until").alias("c_until"),
            pl.col("required").fill_null(pl.col("obligation").replace_strict(DEFAULT_REQUIRED))
            .replace_strict({r: i for i, r in enumerate(RUNGS)}, return_dtype=pl.Int8)
            .alias("req"),
            pl.col("provocation").fill_null("unconditional"),
            # covered crisis kinds as a bit set (no cell: all; `none`: none)
            pl.when(pl.col("crisis_kinds").is_null()).then(63)
            .when(pl.col("crisis_kinds") == "none").then(0)
            .otherwise(id_list("crisis_kinds").list.unique().list.eval(
                pl.element().replace_strict({k: 1 << i for i, k in enumerate(CRISIS_KINDS)},
                                            return_dtype=pl.Int32)).list.sum())
            .cast(pl.Int32).alias("kinds"),
            id_list("adversaries").alias("c_adv"),
            id_list("regions").alias("c_reg"),
            id_list("excluded_adversaries").alias("c_excl"),
        )
        .collect()
    )

    # --- crises --------------------------------------------------------------
    crises = (
        read(d / "crises.csv", {"id": S, "target": S, "from": D, "until": D, "kind": S,
                                "severity": pl.Float64, "adversaries": S, "initiator": S,
                                "regions": S})
        .with_row_index("k")
        .with_columns(
            pl.col("k").cast(pl.Int32), key("target").alias("target"),
            day("from").alias("start"),
            pl.min_horizontal(day("until"), day("from") + WINDOW).alias("end"),
            pl.col("kind").replace_strict({k: 1 << i for i, k in enumerate(CRISIS_KINDS)},
                                          return_dtype=pl.Int32).alias("kbit"),
            ((pl.col("initiator") == "target") | (pl.col("kind") == "own_war"))
            .fill_null(False).alias("initiated"),
            pl.col("severity").fill_null(1.0),
            id_list("adversaries").list.unique().alias("k_adv"),  # a set, as in the library
            id_list("regions").alias("k_reg"),
        )
        .with_columns(pl.col("k_reg").list.len().alias("nk_reg"))
        .filter(pl.col("start") <= tau)  # nothing after the assessment date
        .collect()
    )
    k_adv = crises.select("k", pl.col("k_adv").alias("x")).explode("x").drop_nulls()
    cand_adv = lambda col: (  # (commitment, crisis) pairs sharing an actor of `col`  # noqa: E731
        commitments.select("ci", pl.col(col).alias("x")).explode("x").drop_nulls()
        .join(k_adv, on="x").select("ci", "k").unique().with_columns(pl.lit(True).alias(col + "_hit")))
    reg_hit = (commitments.select("ci", pl.col("c_reg").alias("x")).explode("x").drop_nulls()
               .join(crises.select("k", pl.col("k_reg").alias("x")).explode("x").drop_nulls(), on="x")
               .select("ci", "k").unique().with_columns(pl.lit(True).alias("c_reg_hit")))

    # Which beneficiary each commitment's guarantor owes: directed, and both
    # ways round for mutual pacts; bloc pacts are opened below.
    owed = pl.concat([
        commitments.filter(pl.col("parties") == "directed").select("ci", g="a", target="b"),
        commitments.filter(pl.col("parties") == "mutual").select("ci", g="b", target="a"),
        commitments.filter(pl.col("parties") == "mutual").select("ci", g="a", target="b"),
    ]).with_columns(pl.lit(None, dtype=pl.Int32).alias("bloc")).lazy()
    crisis_cols = ["k", "target", "start", "end", "kbit", "initiated", "severity", "nk_reg"]
    ks = crises.lazy().select(crisis_cols)
    pair_tests = ks.join(owed, on="target")
    # Bloc pacts: the target is a member on the first day; every other
    # member on that day is a guarantor.
    bloc_c = commitments.lazy().filter(pl.col("parties") == "bloc").select("ci", bloc="a")
    on_day = (pl.col("m_from") <= pl.col("start")) & (pl.col("start") <= pl.col("m_until"))
    bloc_tests = (
        ks.join(members.rename({"member": "target"}), on="target").filter(on_day)
        .select(crisis_cols + ["bloc"]).unique(["k", "bloc"])
        .join(bloc_c, on="bloc")
        .join(members.rename({"member": "g"}), on="bloc").filter(on_day)
        .filter(pl.col("g") != pl.col("target"))
        .select(crisis_cols + ["ci", "g", "bloc"]).unique(["k", "ci", "g"])
    )
    cset = commitments.lazy().select("ci", "id_rank", "obligation", "req", "c_from", "c_until",
                                     "kinds", "provocation", pl.col("c_adv").list.len().alias("n_adv"),
                                     pl.col("c_reg").list.len().alias("n_reg"),
                                     pl.col("c_excl").list.len().alias("n_excl"))
    invoked = (
        pl.concat([pair_tests, bloc_tests], how="diagonal")
        .join(cset, on="ci")
        # in force on the crisis's first day, and triggered (conditional invocation)
        .filter((pl.col("c_from") <= pl.col("start"))
                & (pl.col("c_until").is_null() | (pl.col("start") <= pl.col("c_until")))
                & ((pl.col("kinds") & pl.col("kbit")) != 0)
                & pl.when(pl.col("provocation") == "excluded_if_beneficiary_initiated")
                .then(~pl.col("initiated"))
                .when(pl.col("provocation") == "only_if_beneficiary_initiated")
                .then(pl.col("initiated")).otherwise(True))
        .select("k", "g", "bloc", "ci", "id_rank", "req", "n_adv", "n_excl", "n_reg", "nk_reg")
    )
    # and the adversary, excluded-adversary and region triggers (most
    # commitments have none: they skip the joins)
    plain = (pl.col("n_adv") == 0) & (pl.col("n_excl") == 0) & (
        (pl.col("n_reg") == 0) | (pl.col("nk_reg") == 0))
    candidates = pl.concat([
        invoked.filter(plain),
        invoked.filter(~plain)
        .join(cand_adv("c_adv").lazy(), on=["ci", "k"], how="left")
        .join(cand_adv("c_excl").lazy(), on=["ci", "k"], how="left")
        .join(reg_hit.lazy(), on=["ci", "k"], how="left")
        .filter(((pl.col("n_adv") == 0) | pl.col("c_adv_hit").is_not_null())
                & pl.col("c_excl_hit").is_null()
                & ((pl.col("n_reg") == 0) | (pl.col("nk_reg") == 0)
                   | pl.col("c_reg_hit").is_not_null()))
        .select(invoked.collect_schema().names()),
    ])
    # Treaty judging: one test per (crisis, guarantor), against the most
    # demanding commitment invoked; ties to a bloc-wide pact, then the
    # smallest commitment id.
    n_c = len(commitments) + 1
    tests = (
        candidates
        .with_columns(((6 - pl.col("req").cast(pl.Int64)) * (2 * n_c)
                       + pl.col("bloc").is_null().cast(pl.Int64) * n_c
                       + pl.col("id_rank")).alias("rank"))
        .group_by("k", "g").agg(pl.col("rank").min())
        .with_columns((pl.col("rank") % n_c).cast(pl.Int32).alias("id_rank"))
        .join(crises.lazy().select("k", "target", "start", "end", "severity"), on="k")
        .join(commitments.lazy().select(
            "id_rank", "obligation", "req",
            pl.when(pl.col("parties") == "bloc").then(pl.col("a")).alias("bloc")), on="id_rank")
        .select("k", "g", "target", "bloc", "start", "end", "severity", "obligation", "req")
        .with_row_index("t")
        .collect()
    )

    # --- events, and the acts of a bloc counted for each member -------------
    events = (
        read(d / "events.csv", {"provider": S, "recipient": S, "against": S, "date": D,
                                "kind": S, "intensity": pl.Float64, "confidence": pl.Float64})
        .select(key("provider").alias("g"), key("recipient").alias("rec"),
                key("against").alias("against"), day("date").alias("day"),
                (pl.col("kind") == "hostile").alias("hostile"),
                (pl.col("kind").replace_strict(dict(zip(RUNGS, VALUE)), return_dtype=pl.Float64)
                 * pl.col("intensity").fill_null(1.0)).alias("s"),
                pl.col("confidence").fill_null(1.0).alias("c"))
        .filter(pl.col("day") <= tau)
        .with_row_index("e")
        .with_columns((pl.col("day") // BUCKET).alias("bucket"))
        .collect()
    )
    by_members = (
        events.lazy().join(blocs, left_on="g", right_on="bloc")
        .join(members, left_on="g", right_on="bloc")
        .filter((pl.col("m_from") <= pl.col("day")) & (pl.col("day") <= pl.col("m_until"))
                & (pl.col("member") != pl.col("rec"))
                & (pl.col("against").is_null() | (pl.col("member") != pl.col("against"))))
        .unique(["e", "member"])
        .with_columns(pl.col("member").alias("g"))
        .select(events.columns)
        .collect()
    )
    acts = pl.concat([events, by_members], rechunk=False).lazy()

    # Hits: an act of the guarantor in the window, to the target or against
    # one of the crisis's adversaries. Joined on a bucket of days so that a
    # dyad's events meet only the tests whose windows overlap them.
    win = tests.lazy().select(
        "t", "g", "target", "start", "end",
        pl.int_ranges(pl.col("start") // BUCKET, pl.col("end") // BUCKET + 1).alias("bucket"),
    ).explode("bucket")
    in_window = (pl.col("start") <= pl.col("day")) & (pl.col("day") <= pl.col("end"))
    direct = acts.join(win, left_on=["g", "rec", "bucket"], right_on=["g", "target", "bucket"]) \
        .filter(in_window).select("t", "s", "c", "hostile")
    win_adv = (tests.lazy().select("t", "k", "g", "target", "start", "end")
               .join(k_adv.lazy().select("k", adv=pl.col("x").cast(actor).to_physical().cast(pl.Int32)),
                     on="k")
               .with_columns(
                             pl.int_ranges(pl.col("start") // BUCKET,
                                           pl.col("end") // BUCKET + 1).alias("bucket"))
               .explode("bucket"))
    against = acts.filter(pl.col("against").is_not_null()) \
        .join(win_adv, left_on=["g", "against", "bucket"], right_on=["g", "adv", "bucket"]) \
        .filter(in_window & (pl.col("rec") != pl.col("target"))).select("t", "s", "c", "hostile")
    hits = pl.concat([direct, against])

    # E[max strength], events strongest first taken as independent; and the
    # probability of loyalty, the product of (1 - c) over hostile acts.
    support = (
        hits.filter(~pl.col("hostile"))
        .sort(["t", "s", "c"], descending=[False, True, True])
        .with_columns((1.0 - pl.col("c")).cum_prod().shift(1, fill_value=1.0).over("t").alias("none"))
        .group_by("t").agg((pl.col("s") * pl.col("c") * pl.col("none")).sum().alias("expected"))
    )
    loyalty = hits.filter(pl.col("hostile")).group_by("t").agg(
        (1.0 - pl.col("c")).product().alias("loyal"))

    need = pl.col("req").replace_strict(dict(enumerate(VALUE)), return_dtype=pl.Float64)
    outcomes = (
        tests.lazy()
        .join(support, on="t", how="left").join(loyalty, on="t", how="left")
        .with_columns(pl.col("expected").fill_null(0.0), pl.col("loyal").fill_null(1.0))
        .with_columns(
            (pl.when(need > 0).then(pl.min_horizontal(pl.col("expected") / need, 1.0))
             .otherwise(1.0) * pl.col("loyal")).clip(0.0, 1.0).alias("f"))
        .filter(pl.col("end") <= tau)  # resolved; pending tests are not evidence
        .with_columns(
            (pl.col("start") >= cut).cast(pl.Int8).alias("era"),
            # decayed weight: severity (k = 1 under treaty judging) halved every half-life
            (pl.col("severity") * pl.lit(2.0).pow((pl.col("start") - tau) / HALF_LIFE)).alias("w"))
        .collect()
    )

    # --- the learned prior (methodology §3a) and the posterior mean ----------
    era = 1 if tau >= cut else 0
    rates = outcomes.group_by("obligation").agg(
        pl.len().alias("n"), pl.col("f").sum().alias("S"),
        (pl.col("era") == era).sum().alias("n_e"), pl.col("f").filter(pl.col("era") == era).sum().alias("S_e"))
    glob = (ALPHA0 + outcomes["f"].sum()) / (ALPHA0 + BETA0 + len(outcomes))
    rates = rates.with_columns(
        ((SMOOTHING * glob + pl.col("S")) / (SMOOTHING + pl.col("n"))).alias("m_k")
    ).with_columns(
        ((SMOOTHING * pl.col("m_k") + pl.col("S_e")) / (SMOOTHING + pl.col("n_e"))).alias("m_ke"))
    eps = 2.220446049250313e-16
    scores = (
        outcomes.join(rates.select("obligation", "m_ke"), on="obligation")
        .group_by("g").agg(
            pl.len().alias("tests"), pl.col("w").sum().alias("W"),
            (pl.col("w") * pl.col("f")).sum().alias("WF"),
            (pl.col("w") * pl.col("m_ke")).sum().alias("Wm"))
        .with_columns(pl.when(pl.col("W") > 0).then(pl.col("Wm") / pl.col("W")).otherwise(glob)
                      .clip(eps, 1.0 - eps).alias("mu"))
        .with_columns((STRENGTH * pl.col("mu") + pl.col("WF")).alias("alpha"),
                      (STRENGTH * (1.0 - pl.col("mu"))
                       + (pl.col("W") - pl.col("WF")).clip(lower_bound=0.0)).alias("beta"))
        .select(pl.col("g").replace_strict(dict(enumerate(ids)), return_dtype=S).alias("id"),
                "tests", (pl.col("alpha") / (pl.col("alpha") + pl.col("beta"))).alias("mean"))
        .sort("id")
    )
    sys.stdout.write("".join(f"{i}\t{n}\t{m:.12f}\n" for i, n, m in scores.iter_rows()))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
