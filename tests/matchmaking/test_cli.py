import json
import subprocess
import sys

import pytest

from crosscluster.matchmaking import check, generate
from crosscluster.matchmaking.cli import main


@pytest.fixture
def instance_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(generate(60, 6, seed=1)), encoding="utf-8")
    return path


def test_cli_generate_writes_a_file(tmp_path, capsys):
    out = tmp_path / "generated.json"
    argv = ["generate", "--participants", "40", "--slots", "5", "--seed", "2", "--tables", "4", "-o", str(out)]
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == generate(40, 5, seed=2, tables=4)
    assert "40 participants" in capsys.readouterr().out


def test_cli_generate_to_standard_output(capsys):
    assert main(["generate", "--participants", "10", "--slots", "3"]) == 0
    assert json.loads(capsys.readouterr().out) == generate(10, 3, seed=0)


def test_cli_solve_writes_a_valid_solution_and_prints_the_gap(instance_file, tmp_path, capsys):
    out = tmp_path / "solution.json"
    assert main(["solve", str(instance_file), "-o", str(out), "--time-limit", "5", "--seed", "1"]) == 0
    printed = capsys.readouterr().out
    solution = json.loads(out.read_text(encoding="utf-8"))
    assert check(str(instance_file), solution) == []
    assert set(solution) == {"meetings"}
    for word in ("score", "upper bound", "gap", "idle slots"):
        assert word in printed


def test_cli_solve_keeps_fixed_meetings(instance_file, tmp_path):
    first, second, fixed = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "fixed.json"
    assert main(["solve", str(instance_file), "-o", str(first), "--time-limit", "5"]) == 0
    kept = json.loads(first.read_text(encoding="utf-8"))["meetings"][::3]
    fixed.write_text(json.dumps({"meetings": kept}), encoding="utf-8")
    assert main(["solve", str(instance_file), "-o", str(second), "--time-limit", "5", "--fixed", str(fixed)]) == 0
    meetings = json.loads(second.read_text(encoding="utf-8"))["meetings"]
    assert all(m in meetings for m in kept)


def test_cli_check_valid_and_invalid(instance_file, tmp_path, capsys):
    good = tmp_path / "good.json"
    main(["solve", str(instance_file), "-o", str(good), "--time-limit", "5"])
    capsys.readouterr()
    assert main(["check", str(instance_file), str(good)]) == 0
    assert capsys.readouterr().out.startswith("valid: score ")
    meetings = json.loads(good.read_text(encoding="utf-8"))["meetings"]
    meetings.append(dict(meetings[0]))
    meetings.append({"request": "r-unknown", "slot": meetings[0]["slot"], "table": "T1"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"meetings": meetings}), encoding="utf-8")
    assert main(["check", str(instance_file), str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any("rule 1" in line and f'"{meetings[0]["request"]}"' in line for line in lines)
    assert any("rule 0" in line and "r-unknown" in line for line in lines)
    assert "2 violation(s)" in lines[-1]


def test_cli_bad_instance_names_field_and_entry(tmp_path, capsys):
    data = generate(20, 3, seed=1)
    data["requests"][17]["b"] = "p999"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["solve", str(path), "-o", str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert 'requests[17] ("r18"): participant "p999" is not defined' in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["solve", "missing.json", "-o", "out.json"],
        ["check", "missing.json", "missing.json"],
        ["solve", "INSTANCE", "-o", "/nonexistent-folder/out.json"],
        ["solve", "INSTANCE", "-o", "out.json", "--time-limit", "-3"],
        ["generate", "--participants", "1", "--slots", "3"],
        ["frobnicate"],
    ],
)
def test_cli_bad_arguments_exit_2(argv, instance_file, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    argv = [str(instance_file) if a == "INSTANCE" else a for a in argv]
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_check_malformed_solution_exits_2(instance_file, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"meetings": [{"request": 3}]}', encoding="utf-8")
    assert main(["check", str(instance_file), str(bad)]) == 2
    assert 'meetings[0]: field "request" must be a string' in capsys.readouterr().err


def test_crosscluster_command_runs_matchmaking(instance_file, tmp_path):
    out = tmp_path / "solution.json"
    run = [sys.executable, "-m", "crosscluster", "matchmaking"]
    solved = subprocess.run(
        [*run, "solve", str(instance_file), "-o", str(out), "--time-limit", "5"], capture_output=True, text=True
    )
    assert solved.returncode == 0, solved.stderr
    checked = subprocess.run([*run, "check", str(instance_file), str(out)], capture_output=True, text=True)
    assert checked.returncode == 0
    out.write_text('{"meetings": [{"request": "r1", "slot": "nowhere", "table": "T1"}]}', encoding="utf-8")
    checked = subprocess.run([*run, "check", str(instance_file), str(out)], capture_output=True, text=True)
    assert checked.returncode == 1
    assert "rule 0" in checked.stdout
