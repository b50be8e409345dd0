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
