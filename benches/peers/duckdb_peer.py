#!/usr/bin/env python3
"""The library's scoring in DuckDB SQL: `Ledger::new(timeline, Config::default())`
then `assess(2022-01-01)`, from the five CSV tables of a directory.

Prints what `target/release/examples/e2e run DIR` prints on stdout: one line
per guarantor with a resolved test, `id<TAB>tests<TAB>mean`, mean to 12
decimals, sorted by id. See README.md in this folder for the method.

usage: duckdb_peer.py DIR
"""
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

# --- Config::default() -----------------------------------------------------
AS_OF = "2022-01-01"
WINDOW = 90  # days
HALF_LIFE = 3652.5  # days (10 years)
ERA_CUT = "1945-01-01"
STRENGTH, SMOOTHING = 4.0, 10.0  # KindPrior::default()
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


def case(expr: str, mapping: dict, otherwise: str = "NULL") -> str:
    arms = " ".join(f"WHEN {k!r} THEN {v!r}" if isinstance(v, str) else f"WHEN {k!r} THEN {v}"
                    for k, v in mapping.items())
    return f"CASE {expr} {arms} ELSE {otherwise} END"


def table(path: Path, columns: dict) -> str:
    """A SELECT over a CSV table with every optional column (NULL when absent)."""
    header = path.open().readline().rstrip("\r\n").split(",")
    types = {c: t for c, t in columns.items() if c in header}
    cols = ", ".join(f'"{c}"' if c in header else f'NULL::{t} AS "{c}"' for c, t in columns.items())
    spec = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
    return f"SELECT {cols} FROM read_csv('{path}', header = true, types = {{{spec}}})"


def days(col: str) -> str:
    return f"({col} - DATE '1970-01-01')::INTEGER"


def ids(col: str) -> str:
    return f"coalesce(list_transform(string_split({col}, ';'), lambda x: trim(x)), [])"


SQL = """
-- interned actor keys
CREATE TYPE actor AS ENUM (SELECT id FROM read_csv('{d}/actors.csv', header = true, all_varchar = true));
CREATE TABLE actors AS SELECT id::actor AS id, kind FROM read_csv('{d}/actors.csv', header = true, all_varchar = true);

CREATE TABLE members AS
SELECT bloc::actor AS bloc, member::actor AS member, {m_from} AS m_from,
       coalesce({m_until}, 2147483647) AS m_until
FROM ({memberships});

-- commitments: who owes what to whom, and on which triggers
CREATE TABLE commitments AS
SELECT row_number() OVER () AS ci, dense_rank() OVER (ORDER BY id) AS id_rank,
       parties, party_a::actor AS a, party_b::actor AS b, obligation,
       {req} AS req, {c_from} AS c_from, {c_until} AS c_until,
       coalesce(provocation, 'unconditional') AS provocation,
       CASE WHEN crisis_kinds IS NULL THEN 63 WHEN crisis_kinds = 'none' THEN 0
            ELSE list_sum(list_transform(list_distinct({kinds_list}), lambda x: {kind_bit})) END AS kinds,
       {c_adv} AS c_adv, {c_reg} AS c_reg, {c_excl} AS c_excl,
       len({c_adv}) AS n_adv, len({c_reg}) AS n_reg, len({c_excl}) AS n_excl
FROM ({commitments});

CREATE TABLE crises AS
SELECT row_number() OVER () AS k, target::actor AS target, {k_from} AS start,
       least({k_until}, {k_from} + {window}) AS "end",
       {k_bit} AS kbit,
       coalesce(initiator = 'target', false) OR kind = 'own_war' AS initiated,
       coalesce(severity, 1.0) AS severity, {k_adv} AS k_adv, {k_reg} AS k_reg,
       len({k_reg}) AS nk_reg
FROM ({crises})
-- nothing after the assessment date
WHERE {k_from} <= {tau};

-- (commitment, crisis) pairs sharing a named adversary, an excluded
-- adversary, a region
CREATE TABLE k_adv AS SELECT k, unnest(k_adv) AS x FROM crises;
CREATE TABLE adv_hit AS SELECT DISTINCT ci, k FROM
  (SELECT ci, unnest(c_adv) AS x FROM commitments) JOIN k_adv USING (x);
CREATE TABLE excl_hit AS SELECT DISTINCT ci, k FROM
  (SELECT ci, unnest(c_excl) AS x FROM commitments) JOIN k_adv USING (x);
CREATE TABLE reg_hit AS SELECT DISTINCT ci, k FROM
  (SELECT ci, unnest(c_reg) AS x FROM commitments)
  JOIN (SELECT k, unnest(k_reg) AS x FROM crises) USING (x);

-- candidate tests: directed and mutual pacts owed to the target; bloc pacts
-- when the target is a member on the first day, for every other member
CREATE TABLE owed AS
SELECT c.*, a AS g, b AS target, NULL::actor AS bloc FROM commitments c WHERE parties = 'directed'
UNION ALL SELECT c.*, b, a, NULL FROM commitments c WHERE parties = 'mutual'
UNION ALL SELECT c.*, a, b, NULL FROM commitments c WHERE parties = 'mutual';

-- commitments owed to the target, in force on its first day, covering the
-- crisis kind and the provocation clause; bloc pacts when the target is a
-- member on the first day, for every other member on that day
CREATE TABLE tests AS
WITH pairs AS (
  SELECT k.k, k.target, k.start, k.kbit, k.initiated, k.nk_reg, o.ci, o.g, o.bloc, o.id_rank,
         o.req, o.c_from, o.c_until, o.kinds, o.provocation, o.n_adv, o.n_excl, o.n_reg
  FROM crises k JOIN owed o ON o.target = k.target
  UNION ALL
  SELECT DISTINCT k.k, k.target, k.start, k.kbit, k.initiated, k.nk_reg, c.ci, g.member, c.a,
         c.id_rank, c.req, c.c_from, c.c_until, c.kinds, c.provocation, c.n_adv, c.n_excl, c.n_reg
  FROM crises k
  JOIN members t ON t.member = k.target AND k.start BETWEEN t.m_from AND t.m_until
  JOIN commitments c ON c.parties = 'bloc' AND c.a = t.bloc
  JOIN members g ON g.bloc = c.a AND k.start BETWEEN g.m_from AND g.m_until AND g.member <> k.target
), invoked AS (
SELECT k, g, bloc, ci, id_rank, req, n_adv, n_excl, n_reg, nk_reg
FROM pairs
WHERE c_from <= start AND (c_until IS NULL OR start <= c_until)
  AND (kinds & kbit) <> 0
  AND CASE provocation WHEN 'excluded_if_beneficiary_initiated' THEN NOT initiated
                       WHEN 'only_if_beneficiary_initiated' THEN initiated ELSE true END
),
-- and the adversary, excluded-adversary and region triggers (most
-- commitments have none: they skip the joins)
candidates AS (
SELECT k, g, bloc, ci, id_rank, req FROM invoked WHERE n_adv = 0 AND n_excl = 0 AND (n_reg = 0 OR nk_reg = 0)
UNION ALL
SELECT p.k, p.g, p.bloc, p.ci, p.id_rank, p.req FROM invoked p
LEFT JOIN adv_hit ah ON ah.ci = p.ci AND ah.k = p.k
LEFT JOIN excl_hit eh ON eh.ci = p.ci AND eh.k = p.k
LEFT JOIN reg_hit rh ON rh.ci = p.ci AND rh.k = p.k
WHERE NOT (n_adv = 0 AND n_excl = 0 AND (n_reg = 0 OR nk_reg = 0))
  AND (n_adv = 0 OR ah.ci IS NOT NULL)
  AND eh.ci IS NULL
  AND (n_reg = 0 OR nk_reg = 0 OR rh.ci IS NOT NULL)
),
-- treaty judging: one test per (crisis, guarantor), against the most
-- demanding commitment invoked; ties to a bloc-wide pact, then the smallest id
judged AS (
  SELECT k, g, min((6 - req) * 2 * {n_c} + (bloc IS NULL)::INTEGER * {n_c} + id_rank) AS rank
  FROM candidates GROUP BY k, g
)
SELECT j.k * {n_a} + enum_code(j.g) AS t, j.k, j.g, CASE WHEN c.parties = 'bloc' THEN c.a END AS bloc,
       k.target, k.start, k."end", k.severity, c.obligation, c.req
FROM judged j JOIN crises k USING (k) JOIN commitments c ON c.id_rank = j.rank % {n_c};

-- events, and the acts of a bloc counted for each member on the day
CREATE TABLE events AS
SELECT provider::actor AS g, recipient::actor AS rec, against::actor AS against,
       {e_day} AS day, kind = 'hostile' AS hostile,
       {value} * coalesce(intensity, 1.0) AS s, coalesce(confidence, 1.0) AS c
FROM ({events})
WHERE {e_day} <= {tau};

CREATE TABLE acts AS
SELECT *, day // {bucket} AS bucket FROM events
UNION ALL
SELECT m.member AS g, e.rec, e.against, e.day, e.hostile, e.s, e.c, e.day // {bucket}
FROM events e
JOIN actors b ON b.id = e.g AND b.kind = 'bloc'
JOIN (SELECT DISTINCT bloc, member FROM members) m ON m.bloc = e.g
WHERE m.member <> e.rec AND (e.against IS NULL OR m.member <> e.against)
  AND EXISTS (SELECT 1 FROM members p WHERE p.bloc = m.bloc AND p.member = m.member
              AND e.day BETWEEN p.m_from AND p.m_until);

-- hits: an act of the guarantor in the window, to the target or against one
-- of the crisis's adversaries; joined on buckets of days so that a dyad's
-- events meet only the tests whose windows overlap them
CREATE TABLE hits AS
WITH win AS (
  SELECT t, g, target, start, "end", unnest(range(start // {bucket}, "end" // {bucket} + 1)) AS bucket
  FROM tests
), win_adv AS (
  SELECT t, g, target, start, "end", x::actor AS adv,
         unnest(range(start // {bucket}, "end" // {bucket} + 1)) AS bucket
  FROM tests JOIN k_adv USING (k)
)
SELECT w.t, a.s, a.c, a.hostile FROM acts a
JOIN win w ON w.g = a.g AND w.target = a.rec AND w.bucket = a.bucket
WHERE a.day BETWEEN w.start AND w."end"
UNION ALL
SELECT w.t, a.s, a.c, a.hostile FROM acts a
JOIN win_adv w ON w.g = a.g AND w.adv = a.against AND w.bucket = a.bucket
WHERE a.day BETWEEN w.start AND w."end" AND a.rec <> w.target;

-- E[max strength] over the events taken strongest first as independent,
-- the probability of loyalty, and the fulfilment of each resolved test
CREATE TABLE outcomes AS
WITH support AS (
  SELECT t, sum(s * c * coalesce(none_before, 1.0)) AS expected FROM (
    SELECT t, s, c, product(1.0 - c) OVER (PARTITION BY t ORDER BY s DESC, c DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS none_before
    FROM hits WHERE NOT hostile)
  GROUP BY t
), loyalty AS (
  SELECT t, product(1.0 - c) AS loyal FROM hits WHERE hostile GROUP BY t
), settled AS (
  SELECT x.*, coalesce(expected, 0.0) AS expected, coalesce(loyal, 1.0) AS loyal,
         {need} AS need
  FROM tests x LEFT JOIN support USING (t) LEFT JOIN loyalty USING (t)
  WHERE x."end" <= {tau}  -- resolved; pending tests are not evidence
)
SELECT g, obligation, start,
       greatest(least(CASE WHEN need > 0 THEN least(expected / need, 1.0) ELSE 1.0 END * loyal, 1.0), 0.0) AS f,
       (start >= {cut})::INTEGER AS era,
       severity * pow(2.0, (start - {tau}) / {half_life}) AS w
FROM settled;

-- the learned prior (methodology section 3a) and the posterior mean
WITH overall AS (
  SELECT ({alpha0} + sum(f)) / ({alpha0} + {beta0} + count(*)) AS m FROM outcomes
), kind AS (
  SELECT obligation, count(*) AS n, sum(f) AS s,
         count(*) FILTER (WHERE era = {era}) AS n_e, coalesce(sum(f) FILTER (WHERE era = {era}), 0.0) AS s_e
  FROM outcomes GROUP BY obligation
), rates AS (
  SELECT obligation, ({c} * m_k + s_e) / ({c} + n_e) AS m_ke FROM (
    SELECT kind.*, ({c} * overall.m + s) / ({c} + n) AS m_k FROM kind, overall)
), per AS (
  SELECT g, count(*) AS tests, sum(w) AS W, sum(w * f) AS WF, sum(w * m_ke) AS Wm
  FROM outcomes JOIN rates USING (obligation) GROUP BY g
), mu AS (
  SELECT per.*, greatest(least(CASE WHEN W > 0 THEN Wm / W ELSE overall.m END, 1.0 - {eps}), {eps}) AS mu
  FROM per, overall
)
SELECT g::VARCHAR AS id, tests,
       ({strength} * mu + WF) / (({strength} * mu + WF) + ({strength} * (1.0 - mu) + greatest(W - WF, 0.0))) AS mean
FROM mu ORDER BY id;
"""


def main(d: Path) -> None:
    S = "VARCHAR"
    tau = days(f"DATE '{AS_OF}'")
    # Spill (if ever) to a private temporary folder, not to `.tmp` in the
    # working directory, DuckDB's default for an in-memory database.
    spill = tempfile.TemporaryDirectory(prefix="duckdb_peer_")
    # Rows carry their own keys and the output is sorted: no need to keep
    # the input order through the plan.
    con = duckdb.connect(config={"temp_directory": spill.name, "preserve_insertion_order": False})
    count = lambda t: con.execute(  # noqa: E731
        f"SELECT count(*) + 1 FROM read_csv('{d / t}', header = true, all_varchar = true)").fetchone()[0]
    n_c = count("commitments.csv")  # packs (required, bloc, id rank) into one integer
    n_a = count("actors.csv")  # tests keyed by (crisis, guarantor)
    sql = SQL.format(
        n_c=n_c, n_a=n_a,
        d=d, tau=tau, cut=days(f"DATE '{ERA_CUT}'"), window=WINDOW, bucket=BUCKET,
        half_life=HALF_LIFE, alpha0=ALPHA0, beta0=BETA0, c=SMOOTHING, strength=STRENGTH,
        era=1 if AS_OF >= ERA_CUT else 0, eps=2.220446049250313e-16,
        memberships=table(d / "memberships.csv", {"bloc": S, "member": S, "from": "DATE", "until": "DATE"}),
        m_from=days('"from"'), m_until=days('"until"'),
        commitments=table(d / "commitments.csv", {
            "id": S, "parties": S, "party_a": S, "party_b": S, "obligation": S, "required": S,
            "from": "DATE", "until": "DATE", "adversaries": S, "provocation": S,
            "crisis_kinds": S, "regions": S, "excluded_adversaries": S}),
        req=case(f"coalesce(required, {case('obligation', DEFAULT_REQUIRED)})",
                 {r: i for i, r in enumerate(RUNGS)}),
        c_from=days('"from"'), c_until=days('"until"'),
        kinds_list=ids("crisis_kinds"),
        kind_bit=case("x", {k: 1 << i for i, k in enumerate(CRISIS_KINDS)}),
        c_adv=ids("adversaries"), c_reg=ids("regions"), c_excl=ids("excluded_adversaries"),
        crises=table(d / "crises.csv", {
            "id": S, "target": S, "from": "DATE", "until": "DATE", "kind": S,
            "severity": "DOUBLE", "adversaries": S, "initiator": S, "regions": S}),
        k_from=days('"from"'), k_until=days('"until"'),
        k_bit=case("kind", {k: 1 << i for i, k in enumerate(CRISIS_KINDS)}),
        k_adv=f"list_distinct({ids('adversaries')})",  # a set, as in the library
        k_reg=ids("regions"),
        events=table(d / "events.csv", {
            "provider": S, "recipient": S, "against": S, "date": "DATE", "kind": S,
            "intensity": "DOUBLE", "confidence": "DOUBLE"}),
        e_day=days('"date"'),
        value=case("kind", dict(zip(RUNGS, VALUE))),
        need=case("req", dict(enumerate(VALUE))),
    )
    *setup, final = [s for s in sql.split(";\n") if s.strip()]
    trace = os.environ.get("PEER_TRACE")
    for statement in setup:
        t0 = time.perf_counter()
        con.execute(statement)
        if trace:
            print(f"{time.perf_counter() - t0:.2f} s  {statement.strip().splitlines()[-1][:70]}", file=sys.stderr)
    rows = con.execute(final).fetchall()
    sys.stdout.write("".join(f"{i}\t{n}\t{m:.12f}\n" for i, n, m in rows))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
