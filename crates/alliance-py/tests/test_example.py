"""The notebook-style example runs and answers the question."""

import pathlib
import subprocess
import sys


def test_is_iran_next_runs(tmp_path):
    example = pathlib.Path(__file__).resolve().parents[1] / "examples" / "is_iran_next.py"
    out = subprocess.run(
        [sys.executable, str(example), "--plot", str(tmp_path / "series.png")],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout
    assert "Russia: reliability 0.502 (90% CI 0.214-0.789), honoured 3/5 tests" in out
    assert "Is Iran next? Its risk (0.418) is still below that of the clients Russia left alone (0.505)." in out
