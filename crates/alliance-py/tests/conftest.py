import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
HERE = pathlib.Path(__file__).resolve().parent


@pytest.fixture
def sample_path():
    return ROOT / "data" / "examples" / "sample.timeline.json"


@pytest.fixture
def seed_path():
    # The seed scenario (examples/seed/data.rs) written by the library's
    # format::write_json_file.
    return HERE / "data" / "seed.timeline.json"
