"""Scores from Python equal the Rust library's to the last digit.

The pinned numbers were printed by the Rust library ({:?} of each f64, the
shortest representation that reads back to the same bits) on the same
inputs: `cargo run --example seed` (the seed scenario, whose timeline
tests/data/seed.timeline.json is, written by `format::write_json_file`),
the `alliance score` command on data/examples/sample.timeline.json, and
`cargo run --example quickstart` (its timeline is QUICKSTART below).
"""

import alliance_reliability as ar

QUICKSTART = {
    "format": "alliance-timeline/1",
    "actors": [
        {"id": "A", "name": "A", "kind": "state"},
        {"id": "B", "name": "B", "kind": "state"},
        {"id": "C", "name": "C", "kind": "state"},
    ],
    "commitments": [
        {
            "id": "A-B",
            "parties": {"mutual": ["A", "B"]},
            "obligation": "defence",
            "period": {"from": "2000-01-01"},
        }
    ],
    "crises": [
        {
            "id": "B-2020",
            "target": "B",
            "period": {"from": "2020-03-01", "until": "2020-06-01"},
            "kind": "external_attack",
            "adversaries": ["C"],
        }
    ],
    "events": [
        {
            "provider": "A",
            "recipient": "B",
            "date": "2020-03-10",
            "kind": "materiel",
            "confidence": 0.8,
            "source": "arms shipment, per two wire reports",
        }
    ],
}


def test_quickstart_from_dict():
    a = ar.Ledger(ar.Timeline.from_dict(QUICKSTART)).assess("2021-01-01")
    r = a.reliability("A")
    assert r.mean == 0.48891602961943975
    assert r.alpha == 2.4169971113016486
    assert r.beta == 2.526586172688815
    assert r.interval(0.9) == (0.15553810842817736, 0.8278100759912166)
    assert (r.tests, r.honoured, r.pending, r.plain_share) == (1, 0, 0, 0.0)
    ab = a.abandonment("A", "B")
    assert ab.risk == 0.503817406240717
    assert ab.abandonments == 1
    # What the quickstart prints.
    assert f"{r.mean:.3f} {ab.risk:.3f}" == "0.489 0.504"
    e = a.explain("A")
    assert str(e).startswith("reliability of A as of 2021-01-01 (half-life 3652 days; letter lens)")
    [c] = e.contributions
    assert (c["crisis"], c["commitment"], c["status"]) == ("B-2020", "A-B", "abandoned")
    assert c["response"]["kind"] == "materiel"


def test_seed_scenario(seed_path):
    ledger = ar.Ledger(ar.read(seed_path))
    a = ledger.assess("2026-01-20")
    rus = a.reliability("RUS")
    # The README: "mean 0.44 90% CI [0.19, 0.72] effective tests 5.6 honoured 2/6 ... pending 1"
    assert rus.mean == 0.4446428947176638
    assert (rus.alpha, rus.beta) == (3.805272387671481, 4.752769206780908)
    assert rus.interval(0.9) == (0.1875922524378767, 0.7172070302386835)
    assert rus.effective_tests == 5.5740499876972605
    assert (rus.tests, rus.honoured, rus.pending) == (6, 2, 1)
    assert rus.plain_share == 0.3333333333333333
    irn = a.reliability("IRN")
    assert irn.mean == 0.5447916666666667
    assert irn.tests == 0 and irn.plain_share is None
    assert a.abandonment("RUS", "IRN").risk == 0.5513694926694221
    assert a.abandonment("RUS", "ARM").risk == 0.5733710276162867
    ranking = a.ranking()
    assert [k for k, _ in ranking][:3] == ["CHN", "EGY", "UAE"]
    assert ranking[-1][0] == "RUS"
    assert len(ranking) == 14
    assert ranking[0][1].mean == 0.6692413094087196


def test_sample_timeline(sample_path):
    t = ar.read(sample_path)
    assert t.counts() == {"actors": 11, "memberships": 4, "commitments": 7, "crises": 8, "events": 10}
    a = ar.Ledger(t).assess("2026-01-20")
    got = [
        (k, r.mean, r.interval(0.9), r.tests, r.honoured, r.pending, r.plain_share, r.effective_tests)
        for k, r in a.ranking()
    ]
    assert got == [
        ("RUS", 0.5016479893567509, (0.21354130646005196, 0.7892000728297193), 5, 3, 0, 0.6, 4.483118955856197),
        ("ARM", 0.3114671145474713, (0.049164916089334695, 0.6676099289289924), 2, 1, 0, 0.5, 1.996775541593928),
        ("BLR", 0.30661999631773956, (0.05479966377229591, 0.6445669175082802), 3, 1, 0, 0.3333333333333333, 2.956063335687657),
        ("KAZ", 0.27832886791800704, (0.03167892811228839, 0.6421226345574262), 1, 0, 0, 0.0, 1.0),
    ]
    # The CI's check of the installed `alliance` tool: "   1  RUS           0.502".
    assert f"{got[0][1]:.3f}" == "0.502"
    assert a.abandonment("RUS", "ARM").risk == 0.5050644928597605
    assert a.abandonment("RUS", "IRN").risk == 0.4175525321299609
    assert a.abandonment("RUS", "IRN").abandonments == 0


def test_config_keywords(sample_path):
    t = ar.read(sample_path)
    a = ar.Ledger(t, lens="expectation", no_decay=True).assess("2026-01-20")
    rus = a.reliability("RUS")
    assert a.lens == "expectation"
    assert (rus.mean, rus.alpha, rus.beta) == (0.33310701671517207, 2.5316133270353074, 5.068386672964692)
    assert (rus.tests, rus.honoured) == (5, 1)
    assert [k for k, _ in a.ranking()] == ["RUS", "BLR", "ARM", "KAZ"]
    # The same lens chosen per assessment rather than per ledger.
    b = ar.Ledger(t, no_decay=True).assess("2026-01-20", lens="expectation")
    assert b.reliability("RUS").mean == rus.mean

    ledger = ar.Ledger(t, half_life_years=5, prior=(2, 2), window_days=45)
    r = ledger.assess("2024-06-30").reliability("RUS")
    assert (r.mean, r.alpha, r.beta) == (0.4549855950629204, 2.2614981807577954, 2.708984852765608)
    assert [k for k, _ in ledger.assess("2024-06-30").ranking()] == ["ARM", "RUS", "KAZ", "BLR"]


def test_dates_and_series(sample_path):
    import datetime

    ledger = ar.Ledger(ar.read(sample_path))
    a = ledger.assess(datetime.date(2026, 1, 20))
    assert a.as_of == "2026-01-20"
    assert ledger.assess(datetime.datetime(2026, 1, 20, 18, 30)).as_of == "2026-01-20"
    import pytest

    for bad in [None, 20260120]:
        with pytest.raises(TypeError):
            ledger.assess(bad)
    for bad in ["", "2026-01-20T10:00", "20 January 2026", "2026-02-30"]:
        with pytest.raises(ValueError):
            ledger.assess(bad)
    [s] = ledger.reliability_series("RUS", ["2026-01-20"])
    assert s.mean == a.reliability("RUS").mean == 0.5016479893567509


def test_round_trip_dict(sample_path):
    t = ar.read(sample_path)
    d = t.to_dict()
    assert d["format"] == "alliance-timeline/1"
    t2 = ar.Timeline.from_dict(d)
    assert t2.to_json() == t.to_json()


def test_ranking_columns(sample_path):
    a = ar.Ledger(ar.read(sample_path)).assess("2026-01-20")
    cols = a.ranking_columns()
    assert cols["actor"] == ["RUS", "ARM", "BLR", "KAZ"]
    assert cols["rank"] == [1, 2, 3, 4]
    assert cols["mean"][0] == 0.5016479893567509
    assert cols["lower"][0] == 0.21354130646005196
    assert cols["name"][0] == "Russia"
    assert len({len(v) for v in cols.values()}) == 1


def test_explain_text_is_the_libraries(sample_path):
    a = ar.Ledger(ar.read(sample_path)).assess("2026-01-20")
    e = a.explain("RUS")
    assert e.text == str(e)
    assert e.text.splitlines()[-1].strip() == "alpha = 1.766 + 1.839 = 3.605; beta = 2.234 + 1.347 = 3.581; mean = 0.502"
    assert [c["crisis"] for c in e.contributions] == [
        "KAZ-2022-01", "ARM-2022-09", "SYR-2024-11", "IRN-2025-06", "IRN-2025-09",
    ]
    assert abs(sum(c["share"] for c in e.contributions) - 1) < 1e-12
    assert e.mean == a.reliability("RUS").mean
    ea = a.explain_abandonment("RUS", "ARM")
    assert "ARM" in ea.subject
