"""Bad input raises the Python class of the library's error, located."""

import json
import pathlib

import pytest

import alliance_reliability as ar


def test_malformed_json_file_is_located(tmp_path, sample_path):
    doc = json.loads(sample_path.read_text())
    doc["events"][2]["date"] = "2025-02-30"
    bad = tmp_path / "bad.timeline.json"
    bad.write_text(json.dumps(doc, indent=1))
    with pytest.raises(ar.MalformedError) as info:
        ar.read(bad)
    e = info.value
    assert e.file == str(bad)
    assert e.field == "events[2].date"
    assert isinstance(e.line, int) and e.line > 1
    assert e.value == "2025-02-30"
    assert isinstance(e, ar.AllianceError) and isinstance(e, ValueError)


def test_malformed_csv_is_located(tmp_path, sample_path):
    # The sample timeline as CSV tables, then a month 13 in crises.csv.
    tables = tmp_path / "tables"
    ar.read(sample_path).write_tables(tables)
    assert ar.read(tables).to_json() == ar.read(sample_path).to_json()
    crises = (tables / "crises.csv").read_text().splitlines(keepends=True)
    header = crises[0].rstrip("\n").split(",")
    row = crises[2].rstrip("\n").split(",")
    col = header.index("from")
    row[col] = row[col][:5] + "13" + row[col][7:]
    crises[2] = ",".join(row) + "\n"
    (tables / "crises.csv").write_text("".join(crises))
    with pytest.raises(ar.MalformedError) as info:
        ar.read(tables)
    e = info.value
    assert e.file == str(tables / "crises.csv")
    assert e.line == 3
    assert e.field == "from"


def test_malformed_dict():
    with pytest.raises(ar.MalformedError) as info:
        ar.Timeline.from_dict({"actors": [{"id": "bad id!", "name": "x", "kind": "state"}]})
    assert info.value.file == "<dict>"
    assert info.value.field.startswith("actors[0]")


def test_invalid_timeline_lists_problems():
    doc = {
        "actors": [{"id": "RUS", "name": "Russia", "kind": "state"}],
        "events": [{"provider": "RUS", "recipient": "XXX", "date": "2020-01-01", "kind": "verbal"}],
    }
    with pytest.raises(ar.AllianceError) as info:
        ar.Timeline.from_dict(doc)
    e = info.value
    assert isinstance(e, ar.InvalidTimelineError)
    assert any("XXX" in p for p in e.problems)


def test_unknown_actor(sample_path):
    a = ar.Ledger(ar.read(sample_path)).assess("2026-01-20")
    with pytest.raises(ar.UnknownActorError) as info:
        a.reliability("ZZZ")
    assert info.value.value == "ZZZ"
    assert isinstance(info.value, KeyError)
    with pytest.raises(ar.NotABlocError):
        a.bloc("RUS")


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(ar.IoError) as info:
        ar.read(tmp_path / "nope.json")
    assert isinstance(info.value, OSError)
    assert info.value.file.endswith("nope.json")


def test_bad_arguments(sample_path):
    t = ar.read(sample_path)
    with pytest.raises(ar.OutOfRangeError):
        ar.Ledger(t, half_life_years=-1)
    with pytest.raises(ValueError):
        ar.Ledger(t, lens="spirit")
    with pytest.raises(ValueError):
        ar.Ledger(t, prior="flat")
    with pytest.raises(ValueError):
        ar.Ledger(t, half_life_years=5, no_decay=True)
    with pytest.raises(ValueError):
        ar.Ledger(t).assess("20 January 2026")
    r = ar.Ledger(t).assess("2026-01-20").reliability("RUS")
    for level in (0.0, 1.0, float("nan"), 2.0):
        with pytest.raises(ar.InvalidLevelError):
            r.interval(level)


def test_hostile_inputs_do_not_crash():
    for doc in [None, 3, "x", [], {"format": 7}, {"actors": "no"}, {"events": [{}]}, {"unknown": 1}]:
        with pytest.raises(Exception) as info:
            ar.Timeline.from_dict(doc)
        assert type(info.value).__name__ != "PanicException"
    with pytest.raises(ar.AllianceError):
        ar.Timeline.from_json("{" * 100000)
