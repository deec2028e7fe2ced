import subprocess
import sys


def test_matchmaking_does_not_import_django():
    code = (
        "import sys, crosscluster.matchmaking as m, crosscluster.matchmaking.cli, crosscluster.matchmaking.solver;"
        "m.solve(m.generate(30, 4, seed=1), time_limit=1);"
        "assert 'django' not in sys.modules, 'django was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_importing_the_package_is_light():
    code = "import sys, crosscluster.matchmaking; assert 'scipy' not in sys.modules and 'numpy' not in sys.modules"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
