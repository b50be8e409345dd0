"""Tables in (CSV text, pandas, polars, pyarrow) and out (the ranking)."""

import pytest

import alliance_reliability as ar

NAMES = ["actors", "memberships", "commitments", "crises", "events"]


@pytest.fixture
def csv_texts(tmp_path, sample_path):
    ar.read(sample_path).write_tables(tmp_path)
    return {n: (tmp_path / f"{n}.csv").read_text() for n in NAMES}


def test_from_csv_text(csv_texts, sample_path):
    t = ar.Timeline.from_tables(**csv_texts)
    assert t.to_json() == ar.read(sample_path).to_json()
    # Tables left out have no rows.
    only = ar.Timeline.from_tables(csv_texts["actors"].encode())
    assert only.counts()["actors"] == 11 and only.counts()["events"] == 0


def test_from_table_type_error():
    with pytest.raises(TypeError):
        ar.Timeline.from_tables(5)


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
def test_from_data_frames(lib, tmp_path, csv_texts, sample_path):
    mod = pytest.importorskip(lib)
    frames = {}
    for n in NAMES:
        path = tmp_path / f"{n}.csv"
        if lib == "pandas":
            # Every column as text: what the CSV tables hold.
            frames[n] = mod.read_csv(path, dtype=str, keep_default_na=False)
        elif lib == "polars":
            frames[n] = mod.read_csv(path, infer_schema=False)
        else:
            import pyarrow.csv as pcsv

            names = csv_texts[n].splitlines()[0].split(",")
            frames[n] = pcsv.read_csv(
                path,
                convert_options=pcsv.ConvertOptions(
                    column_types={c: mod.string() for c in names}, strings_can_be_null=False
                ),
            )
    t = ar.Timeline.from_tables(**frames)
    assert t.to_json() == ar.read(sample_path).to_json()
    a = ar.Ledger(t).assess("2026-01-20")
    assert a.reliability("RUS").mean == 0.5016479893567509


def test_bad_value_in_a_data_frame_is_located(csv_texts):
    pd = pytest.importorskip("pandas")
    import io

    crises = pd.read_csv(io.StringIO(csv_texts["crises"]), dtype=str, keep_default_na=False)
    crises.loc[1, "from"] = "2022-13-01"
    with pytest.raises(ar.MalformedError) as info:
        ar.Timeline.from_tables(csv_texts["actors"], crises=crises)
    assert (info.value.file, info.value.line, info.value.field) == ("crises.csv", 3, "from")


@pytest.mark.parametrize("lib,method", [("pandas", "to_pandas"), ("polars", "to_polars"), ("pyarrow", "to_arrow")])
def test_ranking_tables(lib, method, sample_path):
    pytest.importorskip(lib)
    a = ar.Ledger(ar.read(sample_path)).assess("2026-01-20")
    table = getattr(a, method)()
    cols = a.ranking_columns()
    if lib == "pyarrow":
        assert table.column("actor").to_pylist() == cols["actor"]
        assert table.column("mean").to_pylist() == cols["mean"]
    elif lib == "polars":
        assert table["actor"].to_list() == cols["actor"]
        assert table["mean"].to_list() == cols["mean"]
    else:
        assert list(table["actor"]) == cols["actor"]
        assert list(table["mean"]) == cols["mean"]
    assert cols["mean"][0] == 0.5016479893567509


@pytest.mark.parametrize("lib,method", [("pandas", "to_pandas"), ("polars", "to_polars"), ("pyarrow", "to_arrow")])
def test_ranking_tables_without_the_library(lib, method, sample_path, monkeypatch):
    # None in sys.modules makes `import lib` raise ImportError.
    monkeypatch.setitem(__import__("sys").modules, lib, None)
    a = ar.Ledger(ar.read(sample_path)).assess("2026-01-20")
    with pytest.raises(ImportError):
        getattr(a, method)()
