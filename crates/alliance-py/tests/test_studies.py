"""The importers and the studies return plain values."""

import pathlib

import pytest

import alliance_reliability as ar

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_import_cow_war_missing_file(tmp_path):
    with pytest.raises(ar.IoError):
        ar.import_cow_war(tmp_path / "none.csv")


def test_import_bad_file(tmp_path):
    f = tmp_path / "atop.csv"
    f.write_text("not,an,atop,file\n1,2,3,4\n")
    with pytest.raises(ar.AllianceError):
        ar.import_atop(f)


def test_backtest_of_a_ledger(seed_path):
    ledger = ar.Ledger(ar.read(seed_path))
    r = ar.backtest(ledger, replicates=0)
    assert isinstance(r["n"], int) and r["n"] > 0
    assert set(r["scores"]) >= {"model"}
    assert isinstance(r["text"], str)


def test_history_on_the_bundled_data():
    h = ar.history()
    assert h["tests"] > 0
    judged = h["breakdown"][0]
    assert judged["scope"] == "judged (all years)"
    # README, "Does the score forecast?": 405 judged tests (wars, treaty rule).
    assert judged["resolved"] == 405
    assert judged["honoured"] + judged["abandoned"] + judged["betrayed"] == 405
    assert h["great_powers"] and all(0 < g["mean"] < 1 for g in h["great_powers"])


def test_backtest_on_the_bundled_data():
    b = ar.backtest(replicates=0)
    # crates/alliance-cli/tests/subcommands.rs: "tests scored: 3005 in 187 crises".
    assert (b["n"], b["crises"]) == (3005, 187)
    assert "3005" in b["text"]
    with pytest.raises(ValueError):
        ar.backtest(rule="whatever")


def test_import_cow_war_as_published():
    r = ar.import_cow_war(ROOT / "data" / "cow-war-4.0" / "Inter-StateWarData_v4.0.csv")
    assert (len(r["actors"]), len(r["crises"]), len(r["events"])) == (98, 356, 1964)
    [report] = r["reports"]
    assert report["rows_read"] == 337 and isinstance(report["text"], str)
    # The records are in the JSON document's form: they make a timeline.
    t = ar.Timeline.from_dict({k: r[k] for k in ["actors", "crises", "events"]})
    assert t.counts()["crises"] == 356


def test_import_icb_as_published():
    r = ar.import_icb(ROOT / "data" / "icb-13" / "icb2v13.csv")
    assert (len(r["crises"]), len(r["events"])) == (1060, 1559)
    assert len(r["reports"]) == 2
    assert isinstance(r["perceived_abandonments"], int)
